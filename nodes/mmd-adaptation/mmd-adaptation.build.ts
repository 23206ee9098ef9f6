import * as tf from '@tensorflow/tfjs';
import type { NodeBuilder } from '../../server/runtime/node-builder';
import { mmd2 } from '../../server/runtime/losses/mmd';
import type { LossTerm } from '../../server/runtime/train/types';

function flat(t: tf.Tensor): tf.Tensor2D {
  return (t.rank === 2 ? t : tf.reshape(t, [t.shape[0]!, -1])) as tf.Tensor2D;
}

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
      compute: (b) => {
        if (!b.source || !b.target) return tf.scalar(0);
        const terms = loss.layers.map((name) => {
          const s = b.source!.fwd.layers.get(name);
          const t = b.target!.fwd.layers.get(name);
          if (!s || !t) throw new Error(`MMD node ${loss.nodeId}: the model has no layer named '${name}'`);
          return mmd2(flat(s), flat(t), { alphas: loss.alphas, estimator: loss.estimator });
        });
        return tf.mul(tf.addN(terms), loss.weight) as tf.Scalar;
      },
      dispose: () => {},
    };
  },
} as const satisfies NodeBuilder<'mmdAdaptation'>;
