import type { NodeBuilder } from '../../server/runtime/node-builder';
import { headSpecs } from '../../server/runtime/model/model';

/** Runtime of a zeroShotHead node: its output layer(s) on the feature stream (see headSpecs for the 'zeroShot' case). */
export const zeroShotHeadBuild = {
  type: 'zeroShotHead',
  role: 'layers',
  headSpecs: (head) => {
    if (head.kind !== 'zeroShot') throw new Error(`zeroShotHead cannot build a '${head.kind}' head`);
    return headSpecs(head);
  },
} as const satisfies NodeBuilder<'zeroShotHead'>;
