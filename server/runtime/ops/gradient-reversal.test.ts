import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { selectBackend } from '../backend/select-backend';
import { gradientReversal } from './gradient-reversal';
import { stopGradient } from './stop-gradient';

describe('gradientReversal', () => {
  beforeAll(async () => {
    await selectBackend('wasm');
  });

  it('is the identity forward', () => {
    tf.tidy(() => {
      const x = tf.tensor1d([1, -2, 3]);
      expect(Array.from(gradientReversal(x, 0.7).dataSync())).toEqual([1, -2, 3]);
    });
  });

  it('flips the gradient sign and scales it by λ', () => {
    const before = tf.memory().numTensors;
    tf.tidy(() => {
      const x = tf.tensor1d([1, -2, 3]);
      // d/dx Σ c·x = c, so the reversed gradient must be −λ·c.
      const c = tf.tensor1d([0.5, 2, -1]);
      const plain = tf.grad((v: tf.Tensor) => tf.sum(tf.mul(v, c)))(x);
      expect(Array.from(plain.dataSync())).toEqual([0.5, 2, -1]);
      const reversed1 = tf.grad((v: tf.Tensor) => tf.sum(tf.mul(gradientReversal(v, 1), c)))(x);
      expect(Array.from(reversed1.dataSync())).toEqual([-0.5, -2, 1]);
      const reversed25 = tf.grad((v: tf.Tensor) => tf.sum(tf.mul(gradientReversal(v, 2.5), c)))(x);
      expect(Array.from(reversed25.dataSync())).toEqual([-1.25, -5, 2.5]);
      const reversed0 = tf.grad((v: tf.Tensor) => tf.sum(tf.mul(gradientReversal(v, 0), c)))(x);
      expect(Array.from(reversed0.dataSync()).map((v) => Math.abs(v))).toEqual([0, 0, 0]);
    });
    expect(tf.memory().numTensors).toBe(before);
  });

  it('reverses only the branch it sits on', () => {
    tf.tidy(() => {
      const x = tf.scalar(3);
      // f = x² + GRL(x)·4 → f' = 2x − 4λ = 6 − 2 with λ = 0.5
      const g = tf.grad((v: tf.Tensor) => tf.add(tf.square(v), tf.mul(gradientReversal(v, 0.5), 4)))(x);
      expect(g.dataSync()[0]).toBeCloseTo(4, 6);
    });
  });

  it('rejects a non-finite λ', () => {
    tf.tidy(() => {
      expect(() => gradientReversal(tf.scalar(1), Number.NaN)).toThrow(/lambda must be finite/);
    });
  });
});

describe('stopGradient', () => {
  it('passes values and blocks gradients', () => {
    tf.tidy(() => {
      const x = tf.scalar(3);
      // f = x·sg(x) → f' = sg(x) = 3 (not 2x = 6)
      const g = tf.grad((v: tf.Tensor) => tf.mul(v, stopGradient(v)))(x);
      expect(g.dataSync()[0]).toBe(3);
    });
  });
});
