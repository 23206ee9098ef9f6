import type { NodeBuilder } from '../../server/runtime/node-builder';
import { headSpecs } from '../../server/runtime/model/model';

/** Runtime of a classifierHead node: its output layer(s) on the feature stream (see headSpecs for the 'classifier' case). */
export const classifierHeadBuild = {
  type: 'classifierHead',
  role: 'layers',
  headSpecs: (head) => {
    if (head.kind !== 'classifier') throw new Error(`classifierHead cannot build a '${head.kind}' head`);
    return headSpecs(head);
  },
} as const satisfies NodeBuilder<'classifierHead'>;
