import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { selectBackend } from '../backend/select-backend';
import { SeededRandom } from '../ops/seeded-random';
import { MEAN_MULTIPLE_ALPHAS as DAN_ALPHAS } from '../../../nodes/mmd-adaptation/mmd-kernels';
import { pairwiseSquaredDistances } from '../ops/squared-distances';
import { meanPairwiseSquaredDistance, mmd2, type MmdEstimator } from './mmd';

type Rows = number[][];

function randomRows(rng: SeededRandom, n: number, d: number, shift = 0): Rows {
  return Array.from({ length: n }, () => Array.from({ length: d }, () => rng.normal() + shift));
}

const sq = (a: number[], b: number[]) => a.reduce((s, v, i) => s + (v - b[i]!) ** 2, 0);

/** Plain-JS MMD² in float64, written straight from the definitions, for comparison. */
function referenceMmd(s: Rows, t: Rows, alphas: readonly number[], estimator: MmdEstimator, combine: 'mean' | 'sum' = 'mean'): number {
  const z = [...s, ...t];
  let total = 0;
  let pairs = 0;
  for (let i = 0; i < z.length; i++) {
    for (let j = 0; j < z.length; j++) {
      if (i === j) continue;
      total += sq(z[i]!, z[j]!);
      pairs++;
    }
  }
  const sigma2 = total / pairs;
  const k = (a: number[], b: number[]) => {
    const v = alphas.reduce((acc, alpha) => acc + Math.exp(-sq(a, b) / (2 * alpha * sigma2)), 0);
    return combine === 'mean' ? v / alphas.length : v;
  };
  const n = s.length;
  const m = t.length;
  if (estimator === 'linear') {
    const p = Math.floor(Math.min(n, m) / 2);
    let h = 0;
    for (let i = 0; i < p; i++) {
      const [s1, s2, t1, t2] = [s[2 * i]!, s[2 * i + 1]!, t[2 * i]!, t[2 * i + 1]!];
      h += k(s1, s2) + k(t1, t2) - k(s1, t2) - k(s2, t1);
    }
    return h / p;
  }
  const unbiased = estimator === 'unbiased';
  let ss = 0;
  let tt = 0;
  let st = 0;
  for (let i = 0; i < n; i++) for (let j = 0; j < n; j++) if (!unbiased || i !== j) ss += k(s[i]!, s[j]!);
  for (let i = 0; i < m; i++) for (let j = 0; j < m; j++) if (!unbiased || i !== j) tt += k(t[i]!, t[j]!);
  for (let i = 0; i < n; i++) for (let j = 0; j < m; j++) st += k(s[i]!, t[j]!);
  return unbiased ? ss / (n * (n - 1)) + tt / (m * (m - 1)) - (2 * st) / (n * m) : ss / (n * n) + tt / (m * m) - (2 * st) / (n * m);
}

function mmdValue(s: Rows, t: Rows, options: Parameters<typeof mmd2>[2]): number {
  return tf.tidy(() => mmd2(tf.tensor2d(s), tf.tensor2d(t), options).dataSync()[0]!);
}

describe('mmd2', () => {
  beforeAll(async () => {
    await selectBackend('wasm');
  });

  it('equals the hand-computed value on a 1-D toy batch', () => {
    // S = {0, 1}, T = {2, 3}. Joint pairwise squared distances: 1, 4, 9, 1, 4, 1 → mean σ² = 20/6 = 10/3,
    // so k(d²) = exp(−d²/(2σ²)) = exp(−0.15·d²).
    const k = (d2: number) => Math.exp(-0.15 * d2);
    const s = [[0], [1]];
    const t = [[2], [3]];
    // Unbiased: k(0,1) + k(2,3) − 2·(k(0,2)+k(0,3)+k(1,2)+k(1,3))/4 = 1.5k(1) − k(4) − 0.5k(9)
    expect(mmdValue(s, t, { estimator: 'unbiased' })).toBeCloseTo(1.5 * k(1) - k(4) - 0.5 * k(9), 5);
    expect(1.5 * k(1) - k(4) - 0.5 * k(9)).toBeCloseTo(0.61263, 4);
    // Biased: (2+2k(1))/4 twice − the same cross term = 1 + 0.5k(1) − k(4) − 0.5k(9)
    expect(mmdValue(s, t, { estimator: 'biased' })).toBeCloseTo(1 + 0.5 * k(1) - k(4) - 0.5 * k(9), 5);
    // Linear, one pair: k(s₁,s₂) + k(t₁,t₂) − k(s₁,t₂) − k(s₂,t₁) = k(1) + k(1) − k(9) − k(1)
    expect(mmdValue(s, t, { estimator: 'linear' })).toBeCloseTo(k(1) - k(9), 5);
  });

  it('matches a float64 reference for every estimator, DDC and DAN kernels, mean and sum', () => {
    const rng = new SeededRandom(11);
    const s = randomRows(rng, 9, 4);
    const t = randomRows(rng, 7, 4, 0.8);
    for (const estimator of ['unbiased', 'biased', 'linear'] as const) {
      for (const alphas of [[1], DAN_ALPHAS]) {
        for (const combine of ['mean', 'sum'] as const) {
          const got = mmdValue(s, t, { estimator, alphas, combine });
          expect(got).toBeCloseTo(referenceMmd(s, t, alphas, estimator, combine), 4);
        }
      }
    }
    // 'sum' over five kernels is five times 'mean'.
    expect(mmdValue(s, t, { alphas: DAN_ALPHAS, combine: 'sum' })).toBeCloseTo(5 * mmdValue(s, t, { alphas: DAN_ALPHAS }), 4);
  });

  it('is ~0 when source and target are the same set: biased exactly, unbiased slightly negative', () => {
    const rng = new SeededRandom(12);
    const s = randomRows(rng, 16, 3);
    expect(Math.abs(mmdValue(s, s, { estimator: 'biased', alphas: DAN_ALPHAS }))).toBeLessThan(1e-6);
    // With S = T the U-statistic is 2A/(n²(n−1)) − 2/n where A = Σ_{i≠j} k(sᵢ,sⱼ) ≤ n(n−1): ≤ 0, and > −2/n.
    const unbiased = mmdValue(s, s, { estimator: 'unbiased' });
    const n = s.length;
    let a = 0;
    let total = 0;
    for (let i = 0; i < n; i++) for (let j = 0; j < n; j++) if (i !== j) total += sq(s[i]!, s[j]!);
    // The bandwidth comes from the joint batch [S; S]: each distinct pair 4 times, plus 2n zero pairs (i, n+i).
    const sigma2 = (4 * total) / (2 * n * (2 * n - 1));
    for (let i = 0; i < n; i++) for (let j = 0; j < n; j++) if (i !== j) a += Math.exp(-sq(s[i]!, s[j]!) / (2 * sigma2));
    expect(unbiased).toBeCloseTo((2 * a) / (n * n * (n - 1)) - 2 / n, 5);
    expect(unbiased).toBeLessThan(0);
    expect(unbiased).toBeGreaterThan(-2 / n);
    // Linear: each pair's h is k(s₁,s₂) + k(s₁,s₂) − k(s₁,s₂) − k(s₂,s₁) = 0.
    expect(Math.abs(mmdValue(s, s, { estimator: 'linear' }))).toBeLessThan(1e-6);
  });

  it('is near 0 for two samples of one distribution and clearly positive for shifted ones', () => {
    const rng = new SeededRandom(13);
    // The linear-time estimator has a much larger variance, hence the larger batches.
    const a = randomRows(rng, 256, 5);
    const b = randomRows(rng, 256, 5);
    const shifted = randomRows(rng, 256, 5, 1.5);
    for (const estimator of ['unbiased', 'linear'] as const) {
      const same = mmdValue(a, b, { estimator, alphas: DAN_ALPHAS });
      const far = mmdValue(a, shifted, { estimator, alphas: DAN_ALPHAS });
      expect(far).toBeGreaterThan(0.05);
      expect(far).toBeGreaterThan(5 * Math.abs(same));
    }
    expect(Math.abs(mmdValue(a, b, { alphas: DAN_ALPHAS }))).toBeLessThan(0.02);
  });

  it('has finite gradients equal to naive autodiff (bandwidth held constant), and descent reduces it', () => {
    const before = tf.memory().numTensors;
    tf.tidy(() => {
      const rng = new SeededRandom(14);
      const s = tf.tensor2d(randomRows(rng, 8, 3));
      const t = tf.tensor2d(randomRows(rng, 6, 3, 1));
      const sigma2 = meanPairwiseSquaredDistance(tf.concat([s, t])).dataSync()[0]!;
      const naive = (sv: tf.Tensor, tv: tf.Tensor) => {
        const z = tf.concat([sv, tv]) as tf.Tensor2D;
        const norms = tf.sum(tf.square(z), 1);
        const d2 = tf.relu(tf.sub(tf.add(norms.reshape([-1, 1]), norms.reshape([1, -1])), tf.mul(tf.matMul(z, z, false, true), 2)));
        let k: tf.Tensor = tf.zeros(d2.shape);
        for (const alpha of DAN_ALPHAS) k = tf.add(k, tf.exp(tf.div(d2, -2 * alpha * sigma2)));
        k = tf.div(k, DAN_ALPHAS.length);
        const [n, m] = [8, 6];
        const w = tf.buffer([14, 14]);
        for (let i = 0; i < 14; i++)
          for (let j = 0; j < 14; j++) w.set(i === j && (i < n) === (j < n) ? 0 : i < n && j < n ? 1 / (n * (n - 1)) : i >= n && j >= n ? 1 / (m * (m - 1)) : -1 / (n * m), i, j);
        return tf.sum(tf.mul(k, w.toTensor()));
      };
      const fast = (sv: tf.Tensor, tv: tf.Tensor) => mmd2(sv as tf.Tensor2D, tv as tf.Tensor2D, { alphas: DAN_ALPHAS });
      expect(fast(s, t).dataSync()[0]).toBeCloseTo(naive(s, t).dataSync()[0]!, 5);
      const [gs, gt] = tf.grads(fast)([s, t]);
      const [ns, nt] = tf.grads(naive)([s, t]);
      for (const g of [gs!, gt!]) expect(Array.from(g.dataSync()).every(Number.isFinite)).toBe(true);
      expect(tf.max(tf.abs(tf.sub(gs!, ns!))).dataSync()[0]).toBeLessThan(1e-4);
      expect(tf.max(tf.abs(tf.sub(gt!, nt!))).dataSync()[0]).toBeLessThan(1e-4);
      expect(tf.max(tf.abs(gt!)).dataSync()[0]).toBeGreaterThan(1e-4);
      // A small step against the gradient moves the target toward the source.
      const stepped = tf.sub(t, tf.mul(gt!, 0.5));
      expect(fast(s, stepped).dataSync()[0]).toBeLessThan(fast(s, t).dataSync()[0]!);
      // Linear estimator gradients are finite too.
      const [ls, lt] = tf.grads((sv: tf.Tensor, tv: tf.Tensor) => mmd2(sv as tf.Tensor2D, tv as tf.Tensor2D, { estimator: 'linear' }))([s, t]);
      expect(Array.from(ls!.dataSync()).every(Number.isFinite) && Array.from(lt!.dataSync()).every(Number.isFinite)).toBe(true);
    });
    expect(tf.memory().numTensors).toBe(before);
  });

  it('gives finite values and gradients when every sample is identical (zero bandwidth)', () => {
    tf.tidy(() => {
      const s = tf.ones([4, 2]) as tf.Tensor2D;
      const [g] = tf.grads((v: tf.Tensor) => mmd2(v as tf.Tensor2D, s))([s]);
      expect(Number.isFinite(mmd2(s, s).dataSync()[0]!)).toBe(true);
      expect(Array.from(g!.dataSync()).every(Number.isFinite)).toBe(true);
    });
  });

  it('computes pairwise squared distances and the O(N·d) mean distance', () => {
    tf.tidy(() => {
      const z = tf.tensor2d([[0, 0], [3, 4], [6, 8]]);
      const d = pairwiseSquaredDistances(z).arraySync();
      expect(d[0]![1]).toBeCloseTo(25, 4);
      expect(d[0]![2]).toBeCloseTo(100, 4);
      expect(d[1]![1]).toBeCloseTo(0, 4);
      // (25 + 100 + 25)·2 / 6 = 50
      expect(meanPairwiseSquaredDistance(z).dataSync()[0]).toBeCloseTo(50, 4);
    });
  });

  it('returns 0 for a batch too small for the estimator (remainder batches must not fail a run)', () => {
    tf.tidy(() => {
      const one = tf.tensor2d([[1, 2]]);
      const three = tf.tensor2d([[0, 0], [1, 1], [2, 0]]);
      expect(mmd2(one, three).dataSync()[0]).toBe(0);
      expect(mmd2(one, three, { estimator: 'linear' }).dataSync()[0]).toBe(0);
      // The biased estimator is defined for one sample.
      expect(mmd2(one, three, { estimator: 'biased' }).dataSync()[0]).toBeGreaterThan(0);
      const [g] = tf.grads((a: tf.Tensor) => mmd2(a as tf.Tensor2D, three))([one]);
      expect(Array.from(g!.dataSync())).toEqual([0, 0]);
    });
  });

  it('rejects bad input with specific messages', () => {
    tf.tidy(() => {
      expect(() => mmd2(tf.ones([3, 2]) as tf.Tensor2D, tf.ones([3, 4]) as tf.Tensor2D)).toThrow(/source has 2 features but target has 4/);

      expect(() => mmd2(tf.ones([3, 2]) as tf.Tensor2D, tf.ones([3, 2]) as tf.Tensor2D, { alphas: [] })).toThrow(/alphas must be positive/);
    });
  });
});
