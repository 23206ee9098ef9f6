import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { selectBackend } from '../backend/select-backend';
import { sparseSoftmaxCrossEntropy } from './cross-entropy';

function nll(row: number[], label: number): number {
  const max = Math.max(...row);
  const logSum = Math.log(row.reduce((s, v) => s + Math.exp(v - max), 0)) + max;
  return logSum - row[label]!;
}

describe('sparseSoftmaxCrossEntropy', () => {
  beforeAll(async () => {
    await selectBackend('wasm');
  });
  const rows = [
    [1, 2, 3],
    [1, 1, 1],
    [0, 0, 5],
  ];

  it('averages −log softmax over labelled samples', () => {
    tf.tidy(() => {
      const loss = sparseSoftmaxCrossEntropy(tf.tensor2d(rows), [2, 1, 0]).dataSync()[0];
      expect(loss).toBeCloseTo((nll(rows[0]!, 2) + nll(rows[1]!, 1) + nll(rows[2]!, 0)) / 3, 5);
      expect(nll(rows[1]!, 1)).toBeCloseTo(Math.log(3), 12);
    });
  });

  it('masks label −1 and applies per-sample weights', () => {
    tf.tidy(() => {
      const loss = sparseSoftmaxCrossEntropy(tf.tensor2d(rows), tf.tensor1d([2, -1, 0], 'int32'), { weights: [1, 5, 2] }).dataSync()[0];
      expect(loss).toBeCloseTo((1 * nll(rows[0]!, 2) + 2 * nll(rows[2]!, 0)) / 3, 5);
    });
  });

  it('gives an unlabelled sample zero gradient and softmax − onehot to the others', () => {
    const before = tf.memory().numTensors;
    tf.tidy(() => {
      const g = tf.grad((l: tf.Tensor) => sparseSoftmaxCrossEntropy(l as tf.Tensor2D, [2, -1, 0]))(tf.tensor2d(rows)).arraySync() as number[][];
      expect(g[1]!.map(Math.abs)).toEqual([0, 0, 0]);
      const e = rows[0]!.map(Math.exp);
      const z = e.reduce((s, v) => s + v, 0);
      expect(g[0]![2]).toBeCloseTo((e[2]! / z - 1) / 2, 5);
      expect(g[0]![0]).toBeCloseTo(e[0]! / z / 2, 5);
    });
    expect(tf.memory().numTensors).toBe(before);
  });

  it('is 0 (not NaN) when nothing is labelled, and rejects mismatched lengths', () => {
    tf.tidy(() => {
      expect(sparseSoftmaxCrossEntropy(tf.tensor2d(rows), [-1, -1, -1]).dataSync()[0]).toBe(0);
      expect(() => sparseSoftmaxCrossEntropy(tf.tensor2d(rows), [0, 1])).toThrow(/3 logits rows but 2 labels/);
      expect(() => sparseSoftmaxCrossEntropy(tf.tensor2d(rows), [0, 3, 1])).toThrow(/label 3 of sample 1 is not a class 0..2/);
      expect(() => sparseSoftmaxCrossEntropy(tf.tensor2d(rows), [0, 1, 2], { weights: [1] })).toThrow(/3 samples but 1 weights/);
    });
  });
});
