import * as tf from '@tensorflow/tfjs';
import type { NodeBuilder } from '../../server/runtime/node-builder';
import { mmd2Joint } from '../../server/runtime/losses/mmd';
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
        const pair = b.pair;
        if (!pair) return tf.scalar(0);
        const terms = loss.layers.map((name) => {
          const joint = pair.fwd.layers.get(name);
          if (!joint) throw new Error(`MMD node ${loss.nodeId}: the model has no layer named '${name}'`);
          return mmd2Joint(flat(joint), pair.ns, { alphas: loss.alphas, estimator: loss.estimator, kernel: loss.kernel, bandwidth: loss.bandwidth });
        });
        const sum = terms.length === 1 ? terms[0]! : tf.addN(terms);
        return (loss.weight === 1 ? sum : tf.mul(sum, loss.weight)) as tf.Scalar;
      },
      dispose: () => {},
    };
  },
} as const satisfies NodeBuilder<'mmdAdaptation'>;
