import * as tf from '@tensorflow/tfjs';
import type { NodeBuilder } from '../../server/runtime/node-builder';
import type { LossTerm } from '../../server/runtime/train/types';

/** Covariance of the rows of x (n × d), unbiased: (XᵀX − (1ᵀX)ᵀ(1ᵀX)/n) / (n − 1). */
function covariance(x: tf.Tensor2D): tf.Tensor2D {
  const n = x.shape[0];
  const colSum = tf.sum(x, 0, true);
  const gram = tf.matMul(x, x, true, false);
  return tf.div(tf.sub(gram, tf.div(tf.matMul(colSum, colSum, true, false), n)), n - 1) as tf.Tensor2D;
}

/** CORAL loss ‖C_s − C_t‖²_F / 4d² (Sun & Saenko 2016); 0 when either side has fewer than two rows. */
export function coralLoss(source: tf.Tensor2D, target: tf.Tensor2D): tf.Scalar {
  const d = source.shape[1];
  if (target.shape[1] !== d) throw new Error(`CORAL: source has ${d} columns but target has ${target.shape[1]}.`);
  if (source.shape[0] < 2 || target.shape[0] < 2) return tf.scalar(0);
  return tf.tidy(() => tf.div(tf.sum(tf.square(tf.sub(covariance(source), covariance(target)))), 4 * d * d) as tf.Scalar);
}

function flat(t: tf.Tensor): tf.Tensor2D {
  return (t.rank === 2 ? t : tf.reshape(t, [t.shape[0]!, -1])) as tf.Tensor2D;
}

/** Runtime of a coralAdaptation node: weight · Σ over adapted layers of CORAL(source rows, target rows). */
export const coralAdaptationBuild = {
  type: 'coralAdaptation',
  role: 'loss',
  buildLoss: (loss): LossTerm => {
    if (loss.kind !== 'term') throw new Error(`coralAdaptation cannot build a '${loss.kind}' loss`);
    return {
      name: 'coral',
      needsAdaptation: true,
      variables: [],
      compute: (b) => {
        const pair = b.pair;
        if (!pair) return tf.scalar(0);
        const terms = loss.layers.map((name) => {
          const joint = pair.fwd.layers.get(name);
          if (!joint) throw new Error(`CORAL node ${loss.nodeId}: the model has no layer named '${name}'`);
          const rows = flat(joint);
          return coralLoss(tf.slice(rows, 0, pair.ns), tf.slice(rows, pair.ns, pair.nt));
        });
        const sum = terms.length === 1 ? terms[0]! : tf.addN(terms);
        return (loss.weight === 1 ? sum : tf.mul(sum, loss.weight)) as tf.Scalar;
      },
      dispose: () => {},
    };
  },
} as const satisfies NodeBuilder<'coralAdaptation'>;
