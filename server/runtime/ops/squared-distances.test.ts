import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { selectBackend } from '../backend/select-backend';
import { pairwiseSquaredDistances, squaredDistances } from './squared-distances';

describe('squared distances', () => {
  beforeAll(async () => {
    await selectBackend('wasm');
  });

  it('between two sets equals the definition, and among one set equals the between-form with itself', () => {
    const a = [[0, 0], [3, 4], [1, -1]];
    const b = [[0, 0], [6, 8]];
    const want = a.map((x) => b.map((y) => (x[0]! - y[0]!) ** 2 + (x[1]! - y[1]!) ** 2));
    const got = tf.tidy(() => squaredDistances(tf.tensor2d(a), tf.tensor2d(b)).arraySync());
    got.forEach((row, i) => row.forEach((v, j) => expect(v).toBeCloseTo(want[i]![j]!, 4)));
    const self = tf.tidy(() => pairwiseSquaredDistances(tf.tensor2d(a)).arraySync());
    const cross = tf.tidy(() => squaredDistances(tf.tensor2d(a), tf.tensor2d(a)).arraySync());
    self.forEach((row, i) => row.forEach((v, j) => expect(v).toBeCloseTo(cross[i]![j]!, 4)));
    expect(self[1]![1]).toBe(0);
  });
});
