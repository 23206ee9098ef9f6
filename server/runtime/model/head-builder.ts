import type { PlanHead } from '../../../formats/training-plan';
import type { NodeBuilder } from '../node-builder';
import { headSpecs } from './model';

/** The builder of a head node kind: its output layer(s) on the feature stream, for the one plan head kind it makes. */
export function headBuilder<K extends string>(type: K, kind: PlanHead['kind']) {
  return {
    type,
    role: 'head',
    headSpecs: (head: PlanHead) => {
      if (head.kind !== kind) throw new Error(`${type} cannot build a '${head.kind}' head`);
      return headSpecs(head);
    },
  } as const satisfies NodeBuilder<K>;
}
