import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { selectBackend } from '../backend/select-backend';
import { SeededRandom } from '../ops/seeded-random';
import { pca2d } from './pca';

describe('pca2d', () => {
  beforeAll(async () => {
    await selectBackend('wasm');
  });

  it('recovers the dominant and second axes of an anisotropic cloud', async () => {
    const rng = new SeededRandom(21);
    // Axis u = (1, 2, 2)/3 with sd 5, axis v = (2, 1, −2)/3 with sd 2, (−2, 2, −1)/3... with sd 0.3.
    const u = [1 / 3, 2 / 3, 2 / 3];
    const v = [2 / 3, 1 / 3, -2 / 3];
    const w = [-2 / 3, 2 / 3, -1 / 3];
    const rows = Array.from({ length: 2000 }, () => {
      const a = 5 * rng.normal();
      const b = 2 * rng.normal();
      const c = 0.3 * rng.normal();
      return u.map((_, j) => 10 + a * u[j]! + b * v[j]! + c * w[j]!);
    });
    const r = await pca2d(rows, { seed: 1 });
    const cos = (x: ArrayLike<number>, y: number[]) => Math.abs(y.reduce((s, yj, j) => s + yj * x[j]!, 0));
    expect(cos(r.components[0], u)).toBeGreaterThan(0.999);
    expect(cos(r.components[1], v)).toBeGreaterThan(0.99);
    expect(r.explainedVariance[0]).toBeGreaterThan(20);
    expect(r.explainedVariance[0]).toBeLessThan(30);
    expect(r.explainedVariance[1]).toBeGreaterThan(3);
    expect(r.explainedVariance[1]).toBeLessThan(5);
    expect(r.mean[0]).toBeCloseTo(10, 0);
    // Projections are centred and have the axis variance.
    const xs = r.points.map((p) => p.x);
    const mean = xs.reduce((s, x) => s + x, 0) / xs.length;
    expect(Math.abs(mean)).toBeLessThan(1e-9);
    expect(xs.reduce((s, x) => s + x * x, 0) / (xs.length - 1)).toBeCloseTo(r.explainedVariance[0], 6);
  });

  it('finds planted axes in 50-d data whose other 48 directions are isotropic noise', async () => {
    const rng = new SeededRandom(22);
    const d = 50;
    const unit = (f: (j: number) => number) => {
      const v = Array.from({ length: d }, (_, j) => f(j));
      const norm = Math.sqrt(v.reduce((s, x) => s + x * x, 0));
      return v.map((x) => x / norm);
    };
    const u = unit((j) => Math.sin(j + 1));
    const raw = unit((j) => Math.cos(3 * j));
    const proj = raw.reduce((s, x, j) => s + x * u[j]!, 0);
    const v = unit((j) => raw[j]! - proj * u[j]!);
    const rows = Array.from({ length: 800 }, () => {
      const a = 4 * rng.normal();
      const b = 2.5 * rng.normal();
      return Array.from({ length: d }, (_, j) => a * u[j]! + b * v[j]! + rng.normal());
    });
    const r = await pca2d(rows, { seed: 3 });
    const cos = (x: ArrayLike<number>, y: number[]) => Math.abs(y.reduce((s, yj, j) => s + yj * x[j]!, 0));
    expect(cos(r.components[0], u)).toBeGreaterThan(0.99);
    expect(cos(r.components[1], v)).toBeGreaterThan(0.97);
    // Variance along u is 16 + 1 noise, along v 6.25 + 1.
    expect(r.explainedVariance[0]).toBeGreaterThan(14);
    expect(r.explainedVariance[1]).toBeGreaterThan(6);
    expect(r.explainedVariance[1]).toBeLessThan(r.explainedVariance[0]);
  });

  it('handles one column (second axis zero)', async () => {
    const r = await pca2d([[1], [2], [4]]);
    expect(r.components[0][0]).toBeCloseTo(1, 9);
    expect(r.points.map((p) => p.y)).toEqual([0, 0, 0]);
    expect(r.explainedVariance[0]).toBeCloseTo(7 / 3, 9);
  });

  it('accepts a tensor, is deterministic and fixes the sign', async () => {
    const rows = [
      [0, 0],
      [1, 0.1],
      [2, -0.1],
      [3, 0],
    ];
    const t = tf.tensor2d(rows);
    const a = await pca2d(t);
    t.dispose();
    const b = await pca2d(rows);
    expect(a.components[0][0]).toBeGreaterThan(0.99);
    // float32 tensor vs float64 rows: equal to float32 precision; the same input twice: identical.
    a.points.forEach((p, i) => expect(p.x).toBeCloseTo(b.points[i]!.x, 5));
    expect((await pca2d(rows)).points).toEqual(b.points);
    expect(a.points[0]!.x).toBeCloseTo(-1.5, 2);
    await expect(pca2d([[1, 2]])).rejects.toThrow(/at least 2 rows/);
  });
});
