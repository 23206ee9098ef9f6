import * as tf from '@tensorflow/tfjs';
import type { NodeBuilder } from '../../server/runtime/node-builder';
import { layerPairSum } from '../../server/runtime/train/layer-pair-sum';
import type { LossTerm } from '../../server/runtime/train/types';

/** Covariance of the rows of x (n × d), unbiased: (XᵀX − (1ᵀX)ᵀ(1ᵀX)/n) / (n − 1). */
function covariance(x: tf.Tensor2D): tf.Tensor2D {
  const n = x.shape[0];
  const colSum = tf.sum(x, 0, true);
  // Explicit transposes: matMul's transposeA is ~14× slower on WASM.
  const gram = tf.matMul(tf.transpose(x), x);
  return tf.div(tf.sub(gram, tf.div(tf.matMul(tf.transpose(colSum), colSum), n)), n - 1) as tf.Tensor2D;
}

/** CORAL loss ‖C_s − C_t‖²_F / 4d² (Sun & Saenko 2016); 0 when either side has fewer than two rows. */
export function coralLoss(source: tf.Tensor2D, target: tf.Tensor2D): tf.Scalar {
  const d = source.shape[1];
  if (target.shape[1] !== d) throw new Error(`CORAL: source has ${d} columns but target has ${target.shape[1]}.`);
  if (source.shape[0] < 2 || target.shape[0] < 2) return tf.scalar(0);
  return tf.tidy(() => tf.div(tf.sum(tf.square(tf.sub(covariance(source), covariance(target)))), 4 * d * d) as tf.Scalar);
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
      compute: (b) => layerPairSum(b, loss.layers, loss.weight, `CORAL node ${loss.nodeId}`, (rows, ns, nt) => coralLoss(tf.slice(rows, 0, ns), tf.slice(rows, ns, nt))),
      dispose: () => {},
    };
  },
} as const satisfies NodeBuilder<'coralAdaptation'>;
