import type { NodeBuilder } from '../../server/runtime/node-builder';
import { runBoostingStage } from '../../server/runtime/train/run-boosting-stage';

/** Runtime of a trAdaBoost node: the 'boosting' stage (N reweighted fits and the final weighted vote). */
export const trAdaBoostBuild = {
  type: 'trAdaBoost',
  role: 'stage',
  runStage: ({ stage, stageIndex, state }) => runBoostingStage(stage, stageIndex, state),
} as const satisfies NodeBuilder<'trAdaBoost'>;
