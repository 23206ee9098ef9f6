import type { NodeBuilder } from '../../server/runtime/node-builder';
import { runTrainStage } from '../../server/runtime/train/run-train-stage';

/** Runtime of a trainer node: a 'train' stage: classification on the labelled domains plus the stage's loss terms. */
export const trainerBuild = {
  type: 'trainer',
  role: 'stage',
  runStage: async ({ stage, stageIndex, state, buildLosses }) => {
    await runTrainStage(stage, stageIndex, state, (model) => buildLosses(stage, model));
  },
} as const satisfies NodeBuilder<'trainer'>;
