import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { selectBackend } from '../backend/select-backend';
import { SeededRandom } from '../ops/seeded-random';
import { mmdDistance, proxyADistance } from './domain-distance';

function gaussian(rng: SeededRandom, n: number, d: number, shift: number): tf.Tensor2D {
  return tf.tensor2d(Float32Array.from({ length: n * d }, (_, i) => rng.normal() + (i % d === 0 ? shift : 0)), [n, d]);
}

describe('domain distances', () => {
  beforeAll(async () => {
    await selectBackend('wasm');
  });

  it('proxy A-distance is ~0 for one distribution and ~2 for far-apart ones', async () => {
    const before = tf.memory().numTensors;
    const rng = new SeededRandom(31);
    const a = gaussian(rng, 400, 8, 0);
    const b = gaussian(rng, 400, 8, 0);
    const far = gaussian(rng, 400, 8, 12);
    const same = await proxyADistance(a, b, 1);
    const apart = await proxyADistance(a, far, 1);
    expect(same.proxyA).toBeLessThan(0.4);
    expect(same.error).toBeGreaterThan(0.4);
    expect(apart.proxyA).toBeGreaterThan(1.95);
    expect(apart.error).toBeLessThan(0.0125);
    // Same seed → same figure.
    expect((await proxyADistance(a, b, 1)).proxyA).toBe(same.proxyA);
    tf.dispose([a, b, far]);
    expect(tf.memory().numTensors).toBe(before);
  });

  it('MMD distance is 0 for the same set, small for one distribution, large for shifted ones', () => {
    const before = tf.memory().numTensors;
    const rng = new SeededRandom(32);
    const a = gaussian(rng, 300, 4, 0);
    const b = gaussian(rng, 300, 4, 0);
    const shifted = gaussian(rng, 300, 4, 3);
    expect(mmdDistance(a, a)).toBeLessThan(1e-6);
    const near = mmdDistance(a, b, { seed: 2 });
    const apart = mmdDistance(a, shifted, { seed: 2 });
    expect(apart).toBeGreaterThan(0.2);
    expect(near).toBeLessThan(0.02);
    expect(mmdDistance(a, shifted, { seed: 2, bandwidth: 'mean' })).toBeGreaterThan(0.1);
    // Capped sample: 50 rows of each still separates the domains.
    expect(mmdDistance(a, shifted, { maxSamples: 50, seed: 3 })).toBeGreaterThan(0.15);
    tf.dispose([a, b, shifted]);
    expect(tf.memory().numTensors).toBe(before);
  });

  it('rejects mismatched widths', async () => {
    const a = tf.zeros([10, 3]) as tf.Tensor2D;
    const b = tf.zeros([10, 4]) as tf.Tensor2D;
    expect(() => mmdDistance(a, b)).toThrow(/3 vs 4 features/);
    await expect(proxyADistance(a, b)).rejects.toThrow(/3 vs 4 features/);
    tf.dispose([a, b]);
  });
});
