import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { selectBackend } from '../backend/select-backend';
import { SeededRandom } from '../ops/seeded-random';
import { EpochBatches } from './epoch-batches';
import type { Pool } from './stage-pools';

beforeAll(async () => {
  await selectBackend('wasm');
});

describe('epoch batches', () => {
  it('step s takes rows order[(s·batch + i) mod n], across gather chunks, and frees what it gathered', () => {
    // Wide rows (20,000 floats) make a chunk hold few steps, so the walk crosses chunk boundaries.
    const n = 23;
    const width = 20_000;
    const x = tf.tensor2d(Float32Array.from({ length: n * width }, (_, i) => Math.floor(i / width)), [n, width]);
    const y = tf.tensor1d(Int32Array.from({ length: n }, (_, i) => i), 'int32');
    const pool: Pool = { x, y, weights: null, oneHot: null, n, owned: true };
    const order = new SeededRandom(2).permutation(n);
    const before = tf.memory().numTensors;
    const batches = new EpochBatches(pool, order, 10, 30);
    for (let s = 0; s < 30; s++) {
      const rows = tf.tidy(() => {
        const b = batches.at(s);
        return { x: Array.from(tf.slice(b.x, [0, 0], [-1, 1]).dataSync()), y: Array.from(b.y!.dataSync()) };
      });
      const want = Array.from({ length: 10 }, (_, i) => order[(s * 10 + i) % n]!);
      expect(rows.y).toEqual(want);
      expect(rows.x).toEqual(want);
    }
    batches.dispose();
    expect(tf.memory().numTensors).toBe(before);
    tf.dispose([x, y]);
  });
});
