import type { NodeBuilder } from '../../server/runtime/node-builder';
import { mmd2Joint } from '../../server/runtime/losses/mmd';
import { layerPairSum } from '../../server/runtime/train/layer-pair-sum';
import type { LossTerm } from '../../server/runtime/train/types';

/** Runtime of an mmdAdaptation node: weight · Σ over adapted layers of MMD²(source batch, target batch). */
export const mmdAdaptationBuild = {
  type: 'mmdAdaptation',
  role: 'loss',
  buildLoss: (loss): LossTerm => {
    if (loss.kind !== 'mmd') throw new Error(`mmdAdaptation cannot build a '${loss.kind}' loss`);
    return {
      name: 'mmd',
      needsAdaptation: true,
      variables: [],
      compute: (b) => layerPairSum(b, loss.layers, loss.weight, `MMD node ${loss.nodeId}`, (rows, ns) => mmd2Joint(rows, ns, { alphas: loss.alphas, estimator: loss.estimator, kernel: loss.kernel, bandwidth: loss.bandwidth })),
      dispose: () => {},
    };
  },
} as const satisfies NodeBuilder<'mmdAdaptation'>;
