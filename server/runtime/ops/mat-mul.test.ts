import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { selectBackend } from '../backend/select-backend';
import { gram, matMul, matMulNT, matMulTN } from './mat-mul';
import { SeededRandom } from './seeded-random';

function randomTensor2d(rng: SeededRandom, rows: number, cols: number): tf.Tensor2D {
  return tf.tensor2d(Float32Array.from({ length: rows * cols }, () => rng.normal()), [rows, cols]);
}

function maxDiff(a: tf.Tensor, b: tf.Tensor): number {
  expect(a.shape).toEqual(b.shape);
  return tf.tidy(() => tf.max(tf.abs(tf.sub(a, b))).dataSync()[0]!);
}

describe('fast matMul ops', () => {
  beforeAll(async () => {
    await selectBackend('wasm');
  });

  it('matMulNT and matMulTN equal the transposed-flag matMul', () => {
    tf.tidy(() => {
      const rng = new SeededRandom(4);
      const a = randomTensor2d(rng, 5, 3);
      const b = randomTensor2d(rng, 4, 3);
      const c = randomTensor2d(rng, 5, 2);
      expect(maxDiff(matMulNT(a, b), tf.matMul(a, b, false, true))).toBeLessThan(1e-5);
      expect(maxDiff(matMulTN(a, c), tf.matMul(a, c, true, false))).toBeLessThan(1e-5);
    });
  });

  it('matMul gradients equal autodiff of tf.matMul', () => {
    tf.tidy(() => {
      const rng = new SeededRandom(5);
      const a = randomTensor2d(rng, 6, 4);
      const b = randomTensor2d(rng, 4, 3);
      const up = randomTensor2d(rng, 6, 3);
      const f = (mm: (x: tf.Tensor2D, y: tf.Tensor2D) => tf.Tensor2D) =>
        tf.grads((x: tf.Tensor, y: tf.Tensor) => tf.sum(tf.mul(mm(x as tf.Tensor2D, y as tf.Tensor2D), up)))([a, b]);
      const fast = f(matMul);
      const ref = f((x, y) => tf.matMul(x, y));
      expect(maxDiff(fast[0]!, ref[0]!)).toBeLessThan(1e-4);
      expect(maxDiff(fast[1]!, ref[1]!)).toBeLessThan(1e-4);
    });
  });

  it('gram equals X·Xᵀ and its gradient equals autodiff (non-symmetric upstream)', () => {
    tf.tidy(() => {
      const rng = new SeededRandom(6);
      const x = randomTensor2d(rng, 5, 3);
      const up = randomTensor2d(rng, 5, 5);
      expect(maxDiff(gram(x), tf.matMul(x, x, false, true))).toBeLessThan(1e-5);
      const [fast] = tf.grads((v: tf.Tensor) => tf.sum(tf.mul(gram(v as tf.Tensor2D), up)))([x]);
      const [ref] = tf.grads((v: tf.Tensor) => tf.sum(tf.mul(tf.matMul(v as tf.Tensor2D, v as tf.Tensor2D, false, true), up)))([x]);
      expect(maxDiff(fast!, ref!)).toBeLessThan(1e-4);
    });
  });
});
