import type { NodeBuilder } from '../../server/runtime/node-builder';
import { runTrainStage } from '../../server/runtime/train/run-train-stage';

/** Runtime of a fineTune node: a 'fineTune' stage: starts from the previous stage's weights and leaves the frozen layers out of the update. */
export const fineTuneBuild = {
  type: 'fineTune',
  role: 'stage',
  runStage: async ({ stage, stageIndex, state, buildLosses }) => {
    await runTrainStage(stage, stageIndex, state, (model) => buildLosses(stage, model));
  },
} as const satisfies NodeBuilder<'fineTune'>;
