import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { DAN_FAMILY_ALPHAS } from '../../../nodes/mmd-adaptation/mmd-kernels';
import { selectBackend } from '../backend/select-backend';
import { SeededRandom } from '../ops/seeded-random';
import { halfMedianSquaredDistance, mmd2, mmd2Joint, type MmdEstimator, type MmdOptions } from './mmd';
import { pairwiseSquaredDistances } from '../ops/squared-distances';

type Rows = number[][];
const rows = (rng: SeededRandom, n: number, d: number, shift = 0): Rows => Array.from({ length: n }, () => Array.from({ length: d }, () => rng.normal() + shift));
const sq = (a: number[], b: number[]) => a.reduce((s, v, i) => s + (v - b[i]!) ** 2, 0);
const dot = (a: number[], b: number[]) => a.reduce((s, v, i) => s + v * b[i]!, 0);

/** Median of the off-diagonal pairwise squared distances, in float64 (sorted; upper middle value). */
function medianSq(z: Rows): number {
  const d: number[] = [];
  for (let i = 0; i < z.length; i++) for (let j = 0; j < z.length; j++) if (i !== j) d.push(sq(z[i]!, z[j]!));
  d.sort((a, b) => a - b);
  return d[d.length / 2]!;
}

/** MMD² from the definition with any kernel k, in float64. */
function reference(s: Rows, t: Rows, k: (a: number[], b: number[]) => number, estimator: MmdEstimator): number {
  const [n, m] = [s.length, t.length];
  if (estimator === 'linear') {
    const p = Math.floor(Math.min(n, m) / 2);
    let h = 0;
    for (let i = 0; i < p; i++) h += k(s[2 * i]!, s[2 * i + 1]!) + k(t[2 * i]!, t[2 * i + 1]!) - k(s[2 * i]!, t[2 * i + 1]!) - k(s[2 * i + 1]!, t[2 * i]!);
    return h / p;
  }
  const u = estimator === 'unbiased';
  const block = (a: Rows, b: Rows, diag: boolean) => {
    let v = 0;
    for (let i = 0; i < a.length; i++) for (let j = 0; j < b.length; j++) if (!(diag && u && i === j)) v += k(a[i]!, b[j]!);
    return v;
  };
  const ss = block(s, s, true) / (u ? n * (n - 1) : n * n);
  const tt = block(t, t, true) / (u ? m * (m - 1) : m * m);
  return ss + tt - (2 * block(s, t, false)) / (n * m);
}

const value = (s: Rows, t: Rows, o: MmdOptions) => tf.tidy(() => mmd2(tf.tensor2d(s), tf.tensor2d(t), o).dataSync()[0]!);

describe('MMD kernels: Long et al.’s Gaussian family and the linear kernel', () => {
  beforeAll(async () => {
    await selectBackend('wasm');
  });

  it('has 33 bandwidths from 2⁻⁸γ to 2⁸γ in steps of 2^½', () => {
    expect(DAN_FAMILY_ALPHAS).toHaveLength(33);
    expect(DAN_FAMILY_ALPHAS[0]).toBeCloseTo(2 ** -8, 12);
    expect(DAN_FAMILY_ALPHAS[32]).toBeCloseTo(2 ** 8, 9);
    for (let i = 1; i < 33; i++) expect(DAN_FAMILY_ALPHAS[i]! / DAN_FAMILY_ALPHAS[i - 1]!).toBeCloseTo(Math.SQRT2, 12);
  });

  it('takes half the median of the off-diagonal squared distances (the median heuristic)', () => {
    const z = rows(new SeededRandom(3), 7, 3);
    const got = tf.tidy(() => halfMedianSquaredDistance(pairwiseSquaredDistances(tf.tensor2d(z))).dataSync()[0]!);
    expect(got).toBeCloseTo(medianSq(z) / 2, 4);
  });

  it('matches a float64 reference: the family around the median γ, every estimator', () => {
    const rng = new SeededRandom(21);
    const s = rows(rng, 9, 4);
    const t = rows(rng, 7, 4, 0.7);
    const gamma = medianSq([...s, ...t]);
    // exp(−d²/γᵤ), γᵤ = αᵤ·γ, averaged over the 33 kernels.
    const k = (a: number[], b: number[]) => DAN_FAMILY_ALPHAS.reduce((acc, al) => acc + Math.exp(-sq(a, b) / (al * gamma)), 0) / DAN_FAMILY_ALPHAS.length;
    for (const estimator of ['unbiased', 'biased', 'linear'] as const) {
      const want = reference(s, t, k, estimator);
      expect(value(s, t, { alphas: DAN_FAMILY_ALPHAS, bandwidth: 'median', estimator })).toBeCloseTo(want, 4);
    }
  });

  it('matches a float64 reference with the linear kernel, every estimator, joint and split entry points alike', () => {
    const rng = new SeededRandom(22);
    const s = rows(rng, 8, 3);
    const t = rows(rng, 6, 3, 1.5);
    for (const estimator of ['unbiased', 'biased', 'linear'] as const) {
      const want = reference(s, t, dot, estimator);
      expect(value(s, t, { kernel: 'linear', estimator })).toBeCloseTo(want, 4);
      const joint = tf.tidy(() => mmd2Joint(tf.tensor2d([...s, ...t]), 8, { kernel: 'linear', estimator }).dataSync()[0]!);
      expect(joint).toBeCloseTo(want, 4);
    }
    // Biased linear MMD² is the squared distance between the domain means: 3 coordinates shifted by 1.5 ≈ 6.75.
    expect(value(s, t, { kernel: 'linear', estimator: 'biased' })).toBeGreaterThan(3);
  });

  it('has gradients equal to naive autodiff through the kernel matrix (family; bandwidth constant) and for linear', () => {
    const before = tf.memory().numTensors;
    tf.tidy(() => {
      const rng = new SeededRandom(23);
      const s = tf.tensor2d(rows(rng, 6, 3));
      const t = tf.tensor2d(rows(rng, 5, 3, 1));
      const half = halfMedianSquaredDistance(pairwiseSquaredDistances(tf.concat([s, t]) as tf.Tensor2D)).dataSync()[0]!;
      const [n, m] = [6, 5];
      const w = tf.buffer([11, 11]);
      for (let i = 0; i < 11; i++) for (let j = 0; j < 11; j++) w.set(i === j ? 0 : i < n && j < n ? 1 / (n * (n - 1)) : i >= n && j >= n ? 1 / (m * (m - 1)) : -1 / (n * m), i, j);
      const naive = (kernel: (d2: tf.Tensor, g: tf.Tensor) => tf.Tensor) => (sv: tf.Tensor, tv: tf.Tensor) => {
        const z = tf.concat([sv, tv]) as tf.Tensor2D;
        const norms = tf.sum(tf.square(z), 1);
        const g = tf.matMul(z, z, false, true);
        const d2 = tf.relu(tf.sub(tf.add(norms.reshape([-1, 1]), norms.reshape([1, -1])), tf.mul(g, 2)));
        return tf.sum(tf.mul(kernel(d2, g), w.toTensor()));
      };
      const family = naive((d2) => tf.div(tf.addN(DAN_FAMILY_ALPHAS.map((a) => tf.exp(tf.div(d2, -2 * a * half)))), DAN_FAMILY_ALPHAS.length));
      const linear = naive((_d2, g) => g);
      const cases = [
        [family, { alphas: DAN_FAMILY_ALPHAS, bandwidth: 'median' }],
        [linear, { kernel: 'linear' }],
      ] as const;
      for (const [slow, options] of cases) {
        const fast = (sv: tf.Tensor, tv: tf.Tensor) => mmd2(sv as tf.Tensor2D, tv as tf.Tensor2D, options);
        expect(fast(s, t).dataSync()[0]).toBeCloseTo(slow(s, t).dataSync()[0]!, 4);
        const [gs, gt] = tf.grads(fast)([s, t]);
        const [ns, nt] = tf.grads(slow)([s, t]);
        expect(tf.max(tf.abs(tf.sub(gs!, ns!))).dataSync()[0]).toBeLessThan(1e-4);
        expect(tf.max(tf.abs(tf.sub(gt!, nt!))).dataSync()[0]).toBeLessThan(1e-4);
        expect(tf.max(tf.abs(gt!)).dataSync()[0]).toBeGreaterThan(1e-4);
      }
    });
    expect(tf.memory().numTensors).toBe(before);
  });

  it('returns 0 for too few rows with the linear kernel too', () => {
    tf.tidy(() => {
      const one = tf.tensor2d([[1, 2]]);
      const three = tf.tensor2d([[0, 0], [1, 1], [2, 0]]);
      expect(mmd2(one, three, { kernel: 'linear' }).dataSync()[0]).toBe(0);
      expect(mmd2(one, three, { kernel: 'linear', estimator: 'biased' }).dataSync()[0]).toBeGreaterThan(0);
    });
  });
});
