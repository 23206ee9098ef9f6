import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { selectBackend } from '../backend/select-backend';
import { binaryCrossEntropyWithLogits, domainAccuracy, domainLoss } from './domain-loss';

const sigmoid = (z: number) => 1 / (1 + Math.exp(-z));

describe('domain loss', () => {
  beforeAll(async () => {
    await selectBackend('wasm');
  });

  it('is BCE with source = 1, target = 0', () => {
    tf.tidy(() => {
      const src = [0.5, -1.2];
      const tgt = [2, -0.3, 0];
      const expected = (-src.reduce((s, z) => s + Math.log(sigmoid(z)), 0) - tgt.reduce((s, z) => s + Math.log(1 - sigmoid(z)), 0)) / 5;
      expect(domainLoss(tf.tensor1d(src), tf.tensor2d(tgt, [3, 1])).dataSync()[0]).toBeCloseTo(expected, 5);
      expect(binaryCrossEntropyWithLogits(tf.zeros([4]), tf.tensor1d([1, 0, 1, 0])).dataSync()[0]).toBeCloseTo(Math.LN2, 6);
    });
  });

  it('stays finite for huge logits', () => {
    tf.tidy(() => {
      // Right with confidence → ~0; wrong with confidence → ≈ |z|, not Infinity.
      expect(domainLoss(tf.tensor1d([500]), tf.tensor1d([-500])).dataSync()[0]).toBeCloseTo(0, 6);
      expect(domainLoss(tf.tensor1d([-500]), tf.tensor1d([500])).dataSync()[0]).toBeCloseTo(500, 2);
    });
  });

  it('has gradient (σ(z) − y)/N', () => {
    const before = tf.memory().numTensors;
    tf.tidy(() => {
      const s = tf.tensor1d([0.5, -1]);
      const t = tf.tensor1d([2]);
      const [gs, gt] = tf.grads((a: tf.Tensor, b: tf.Tensor) => domainLoss(a, b))([s, t]);
      const g = [...gs!.dataSync(), ...gt!.dataSync()];
      expect(g[0]).toBeCloseTo((sigmoid(0.5) - 1) / 3, 6);
      expect(g[1]).toBeCloseTo((sigmoid(-1) - 1) / 3, 6);
      expect(g[2]).toBeCloseTo(sigmoid(2) / 3, 6);
    });
    expect(tf.memory().numTensors).toBe(before);
  });

  it('measures domain accuracy', () => {
    tf.tidy(() => {
      expect(domainAccuracy(tf.tensor1d([1, -1, 2]), tf.tensor1d([-3, 0.5]))).toBeCloseTo(3 / 5, 12);
    });
  });
});
