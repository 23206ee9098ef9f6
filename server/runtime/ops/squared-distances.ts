import * as tf from '@tensorflow/tfjs';
import { gram } from './mat-mul';

/**
 * Squared Euclidean distances, the one home of the concept: ‖aᵢ − bⱼ‖² = ‖aᵢ‖² + ‖bⱼ‖² − 2·aᵢ·bⱼ, clamped at 0
 * (rounding can make the difference slightly negative).
 */

/** Between the rows of a and b: [n, d] × [m, d] → [n, m] (zero-shot heads: outputs against class attributes). */
export function squaredDistances(a: tf.Tensor2D, b: tf.Tensor2D): tf.Tensor2D {
  return tf.tidy(() => {
    const a2 = tf.sum(tf.square(a), 1, true);
    const b2 = tf.reshape(tf.sum(tf.square(b), 1), [1, -1]);
    return tf.relu(tf.sub(tf.add(a2, b2), tf.mul(2, tf.matMul(a, tf.transpose(b))))) as tf.Tensor2D;
  });
}

/** Among the rows of z: [N, d] → [N, N], through the Gram matrix (one matMul, no transpose; MMD kernels). */
export function pairwiseSquaredDistances(z: tf.Tensor2D): tf.Tensor2D {
  return tf.tidy(() => {
    const g = gram(z);
    const sq = tf.sum(tf.square(z), 1);
    const d = tf.sub(tf.add(sq.reshape([-1, 1]), sq.reshape([1, -1])), tf.mul(g, 2));
    return tf.relu(d) as tf.Tensor2D;
  });
}
