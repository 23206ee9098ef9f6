import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it, vi } from 'vitest';
import { SeededRandom } from '../ops/seeded-random';
import { selectBackend } from './select-backend';

beforeAll(async () => {
  await selectBackend('wasm');
});

describe('the WASM Slice kernel (heap view instead of a whole-input copy)', () => {
  it('is the registered kernel and never copies its input out of the heap', () => {
    const x = tf.tensor2d(Float32Array.from({ length: 4000 }, (_, i) => i), [400, 10]);
    const readSync = vi.spyOn(tf.backend(), 'readSync');
    const y = tf.slice(x, [5, 0], [34, 10]);
    expect(readSync).not.toHaveBeenCalled();
    readSync.mockRestore();
    expect(Array.from(y.dataSync()).slice(0, 3)).toEqual([50, 51, 52]);
    tf.dispose([x, y]);
  });

  it('matches the pure-JS backend on random regions of rank 1–4 tensors, float and int', () => {
    const rng = new SeededRandom(3);
    for (let trial = 0; trial < 60; trial++) {
      const rank = 1 + rng.int(4);
      const shape = Array.from({ length: rank }, () => 1 + rng.int(6));
      const begin = shape.map((s) => rng.int(s));
      const size = shape.map((s, k) => (rng.int(3) === 0 ? -1 : 1 + rng.int(s - begin[k]!)));
      const dtype = trial % 2 === 0 ? 'float32' : 'int32';
      const values = Array.from({ length: shape.reduce((a, b) => a * b, 1) }, (_, i) => i * 3 - 7);
      const got = tf.tidy(() => Array.from(tf.slice(tf.tensor(values, shape, dtype), begin, size).dataSync()));
      // Reference: the same region read element by element.
      const ends = shape.map((s, k) => (size[k] === -1 ? s : begin[k]! + size[k]!));
      const want: number[] = [];
      const walk = (k: number, offset: number) => {
        if (k === rank) return void want.push(values[offset]!);
        const stride = shape.slice(k + 1).reduce((a, b) => a * b, 1);
        for (let i = begin[k]!; i < ends[k]!; i++) walk(k + 1, offset + i * stride);
      };
      walk(0, 0);
      expect(got, JSON.stringify({ shape, begin, size })).toEqual(want);
    }
  });

  it('keeps gradients: SplitV (slices) of a variable differentiates to a concatenation', () => {
    const g = tf.tidy(() => {
      const v = tf.tensor1d([1, 2, 3, 4, 5]);
      return Array.from(tf.grad((x: tf.Tensor) => {
        const [a, b] = tf.split(x, [2, 3]);
        return tf.add(tf.sum(tf.mul(a!, 2)), tf.sum(tf.mul(b!, 3)));
      })(v).dataSync());
    });
    expect(g).toEqual([2, 2, 3, 3, 3]);
  });
});
