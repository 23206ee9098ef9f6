import * as tf from '@tensorflow/tfjs';
import { glorotUniformValues, type SeededRandom } from './seeded-random';

/** A Glorot-uniform [fanIn, fanOut] kernel tensor drawn from `rng` (not a variable; wrap with tf.variable). */
export function glorotUniform(rng: SeededRandom, fanIn: number, fanOut: number): tf.Tensor2D {
  return tf.tensor2d(glorotUniformValues(rng, fanIn, fanOut), [fanIn, fanOut]);
}
