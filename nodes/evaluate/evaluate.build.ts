import type { NodeBuilder } from '../../server/runtime/node-builder';
import { evaluatePredictions } from '../../server/runtime/train/evaluate-model';

/** Runtime of an evaluate node: accuracy (and macro-F1) of every track on the target's held-out split. */
export const evaluateBuild = {
  type: 'evaluate',
  role: 'evaluation',
  evaluate: (pred, y, metrics) => evaluatePredictions(pred, y, metrics),
} as const satisfies NodeBuilder<'evaluate'>;
