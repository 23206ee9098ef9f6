import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { selectBackend } from '../backend/select-backend';
import { twoMoons } from '../../datasets/synthetic/two-moons';
import { SeededRandom } from '../ops/seeded-random';
import { DEFAULT_PROXY_A_CLASSIFIER, mmdDistance, PROXY_A_CLASSIFIERS, proxyADistance, type ProxyAClassifierKind } from './domain-distance';

const CLASSIFIERS: readonly ProxyAClassifierKind[] = ['logistic', 'mlp'];

/** 400 two-moons points (the catalogue's default noise), rotated about their centre. */
function moons(seed: number, rotation: number): tf.Tensor2D {
  const d = twoMoons({ samples: 400, rotation, noise: 0.1, seed });
  return tf.tensor2d(d.x, [d.n, d.width]);
}

function gaussian(rng: SeededRandom, n: number, d: number, shift: number): tf.Tensor2D {
  return tf.tensor2d(Float32Array.from({ length: n * d }, (_, i) => rng.normal() + (i % d === 0 ? shift : 0)), [n, d]);
}

describe('domain distances', () => {
  beforeAll(async () => {
    await selectBackend('wasm');
  });

  it.each(CLASSIFIERS)('proxy A-distance (%s) is ~0 for one distribution and ~2 for far-apart ones', async (classifier) => {
    const before = tf.memory().numTensors;
    const rng = new SeededRandom(31);
    const a = gaussian(rng, 400, 8, 0);
    const b = gaussian(rng, 400, 8, 0);
    const far = gaussian(rng, 400, 8, 12);
    const same = await proxyADistance(a, b, 1, { classifier });
    const apart = await proxyADistance(a, far, 1, { classifier });
    expect(same.proxyA).toBeLessThan(0.4);
    expect(same.error).toBeGreaterThan(0.4);
    expect(apart.proxyA).toBeGreaterThan(1.95);
    expect(apart.error).toBeLessThan(0.0125);
    expect(same.classifier).toBe(PROXY_A_CLASSIFIERS[classifier]);
    tf.dispose([a, b, far]);
    expect(tf.memory().numTensors).toBe(before);
  });

  it('the MLP sees a rotation of two moons that logistic regression cannot', async () => {
    const before = tf.memory().numTensors;
    const source = moons(1, 0);
    const rotated = moons(2, 30);
    for (const seed of [0, 1]) {
      const mlp = await proxyADistance(source, rotated, seed, { classifier: 'mlp' });
      const logistic = await proxyADistance(source, rotated, seed, { classifier: 'logistic' });
      expect(mlp.proxyA).toBeGreaterThan(0.5);
      expect(logistic.proxyA).toBeLessThan(0.2);
      expect(mlp.proxyA - logistic.proxyA).toBeGreaterThan(0.4);
    }
    tf.dispose([source, rotated]);
    expect(tf.memory().numTensors).toBe(before);
  });

  it('the MLP reads ~0 for two samples of the same two-moons distribution', async () => {
    const a = moons(1, 0);
    const b = moons(3, 0);
    for (const seed of [0, 1, 2]) expect((await proxyADistance(a, b, seed, { classifier: 'mlp' })).proxyA).toBeLessThan(0.3);
    tf.dispose([a, b]);
  });

  it('is deterministic for a seed, defaults to the MLP and labels its classifier', async () => {
    const a = moons(1, 0);
    const b = moons(2, 30);
    const first = await proxyADistance(a, b, 7);
    const again = await proxyADistance(a, b, 7);
    expect(again).toEqual(first);
    expect(DEFAULT_PROXY_A_CLASSIFIER).toBe('mlp');
    expect(first.classifier).toBe(PROXY_A_CLASSIFIERS.mlp);
    expect(first.classifier).toMatch(/MLP \(\d+ ReLU units\)/);
    expect((await proxyADistance(a, b, 7, { classifier: 'logistic' })).classifier).toMatch(/^logistic regression/);
    tf.dispose([a, b]);
  });

  it('splits rows stored in order fairly: a domain sorted by class is not told apart from its own distribution', async () => {
    // Before shuffling, the first half (training) would hold one moon and the held-out half the other.
    const d = twoMoons({ samples: 400, rotation: 0, noise: 0.1, seed: 4 });
    const order = Array.from({ length: d.n }, (_, i) => i).sort((i, j) => d.y[i]! - d.y[j]!);
    const sorted = tf.tensor2d(order.flatMap((i) => [d.x[2 * i]!, d.x[2 * i + 1]!]), [d.n, 2]);
    const other = moons(5, 0);
    // PAD clips at 0, so check ε itself: near chance, not far above it (0.77 with the ordered split).
    expect(Math.abs((await proxyADistance(sorted, other, 0)).error - 0.5)).toBeLessThan(0.15);
    tf.dispose([sorted, other]);
  });

  it('MMD distance is 0 for the same set, small for one distribution, large for shifted ones', async () => {
    const before = tf.memory().numTensors;
    const rng = new SeededRandom(32);
    const a = gaussian(rng, 300, 4, 0);
    const b = gaussian(rng, 300, 4, 0);
    const shifted = gaussian(rng, 300, 4, 3);
    expect(await mmdDistance(a, a)).toBeLessThan(1e-6);
    const near = await mmdDistance(a, b, { seed: 2 });
    const apart = await mmdDistance(a, shifted, { seed: 2 });
    expect(apart).toBeGreaterThan(0.2);
    expect(near).toBeLessThan(0.02);
    expect(await mmdDistance(a, shifted, { seed: 2, bandwidth: 'mean' })).toBeGreaterThan(0.1);
    // Capped sample: 50 rows of each still separates the domains.
    expect(await mmdDistance(a, shifted, { maxSamples: 50, seed: 3 })).toBeGreaterThan(0.15);
    tf.dispose([a, b, shifted]);
    expect(tf.memory().numTensors).toBe(before);
  });

  it('rejects mismatched widths', async () => {
    const a = tf.zeros([10, 3]) as tf.Tensor2D;
    const b = tf.zeros([10, 4]) as tf.Tensor2D;
    await expect(mmdDistance(a, b)).rejects.toThrow(/3 vs 4 features/);
    await expect(proxyADistance(a, b)).rejects.toThrow(/3 vs 4 features/);
    tf.dispose([a, b]);
  });
});
