import type { NodeBuilder } from '../../server/runtime/node-builder';
import { headSpecs } from '../../server/runtime/model/model';

/** Runtime of a multiTaskHead node: its output layer(s) on the feature stream (see headSpecs for the 'multiTask' case). */
export const multiTaskHeadBuild = {
  type: 'multiTaskHead',
  role: 'layers',
  headSpecs: (head) => {
    if (head.kind !== 'multiTask') throw new Error(`multiTaskHead cannot build a '${head.kind}' head`);
    return headSpecs(head);
  },
} as const satisfies NodeBuilder<'multiTaskHead'>;
