import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { selectBackend } from '../backend/select-backend';
import { gatherRows } from './gather-rows';

describe('gatherRows', () => {
  beforeAll(async () => {
    await selectBackend('wasm');
  });

  it("TF.js's gather gradient fails on WASM (why this op exists)", () => {
    tf.tidy(() => {
      expect(() => tf.grad((v: tf.Tensor) => tf.sum(tf.gather(v, [0])))(tf.ones([2, 2]))).toThrow(/UnsortedSegmentSum/);
    });
  });

  it('gathers rows and sums gradients of repeated indices', () => {
    const before = tf.memory().numTensors;
    tf.tidy(() => {
      const x = tf.tensor2d([
        [1, 2],
        [3, 4],
        [5, 6],
      ]);
      expect(gatherRows(x, [2, 0, 2]).arraySync()).toEqual([
        [5, 6],
        [1, 2],
        [5, 6],
      ]);
      const up = tf.tensor2d([
        [1, 10],
        [100, 1000],
        [2, 20],
      ]);
      const g = tf.grad((v: tf.Tensor) => tf.sum(tf.mul(gatherRows(v, tf.tensor1d([2, 0, 2], 'int32')), up)))(x);
      expect(g.arraySync()).toEqual([
        [100, 1000],
        [0, 0],
        [3, 30],
      ]);
    });
    expect(tf.memory().numTensors).toBe(before);
  });

  it('handles rank-3 tensors', () => {
    tf.tidy(() => {
      const x = tf.range(0, 12).reshape([3, 2, 2]);
      const g = tf.grad((v: tf.Tensor) => tf.sum(gatherRows(v, [1])))(x);
      expect(Array.from(g.dataSync())).toEqual([0, 0, 0, 0, 1, 1, 1, 1, 0, 0, 0, 0]);
    });
  });

  it('rejects an out-of-range index', () => {
    tf.tidy(() => {
      expect(() => gatherRows(tf.ones([3, 2]), [0, 3])).toThrow(/index 3 at position 1 is outside 0..2/);
    });
  });
});
