import * as tf from '@tensorflow/tfjs';
import { SeededRandom } from '../ops/seeded-random';

export interface Pca2dResult {
  /** The projection of each row onto the two leading principal axes. */
  readonly points: Array<{ x: number; y: number }>;
  /** Unit principal axes (length d each); sign fixed so the largest-magnitude entry is positive. */
  readonly components: [Float64Array, Float64Array];
  /** Variance along each axis (eigenvalues of the sample covariance). */
  readonly explainedVariance: [number, number];
  readonly mean: Float64Array;
}

export interface Pca2dOptions {
  readonly seed?: number;
  readonly maxIterations?: number;
  /** Stop when the axes move less than this (1 − |cos|). */
  readonly tolerance?: number;
}

function toMatrix(x: tf.Tensor2D | ReadonlyArray<ArrayLike<number>>): { data: Float64Array; rows: number; cols: number } {
  if (x instanceof tf.Tensor) {
    const [rows, cols] = x.shape;
    return { data: Float64Array.from(x.dataSync()), rows, cols };
  }
  const rows = x.length;
  const cols = rows > 0 ? x[0]!.length : 0;
  const data = new Float64Array(rows * cols);
  x.forEach((row, i) => {
    if (row.length !== cols) throw new Error(`pca2d: row ${i} has ${row.length} values, row 0 has ${cols}`);
    for (let j = 0; j < cols; j++) data[i * cols + j] = row[j]!;
  });
  return { data, rows, cols };
}

/**
 * Projects rows [n, d] onto their two leading principal components, for the feature-space plot. Uses orthogonal
 * (subspace) iteration on the covariance operator v ↦ Xcᵀ(Xc·v)/(n−1), O(n·d) per step, so the d×d covariance is
 * never formed. Deterministic for a given seed. With d = 1 the second axis is zero.
 */
export function pca2d(x: tf.Tensor2D | ReadonlyArray<ArrayLike<number>>, options: Pca2dOptions = {}): Pca2dResult {
  const { data, rows: n, cols: d } = toMatrix(x);
  if (n < 2 || d < 1) throw new Error(`pca2d: need at least 2 rows and 1 column, got ${n}×${d}`);
  const maxIterations = options.maxIterations ?? 500;
  const tolerance = options.tolerance ?? 1e-12;
  const mean = new Float64Array(d);
  for (let i = 0; i < n; i++) for (let j = 0; j < d; j++) mean[j] = mean[j]! + data[i * d + j]!;
  for (let j = 0; j < d; j++) mean[j] = mean[j]! / n;
  for (let i = 0; i < n; i++) for (let j = 0; j < d; j++) data[i * d + j] = data[i * d + j]! - mean[j]!;

  const cov = (v: Float64Array): Float64Array => {
    const out = new Float64Array(d);
    for (let i = 0; i < n; i++) {
      let s = 0;
      const o = i * d;
      for (let j = 0; j < d; j++) s += data[o + j]! * v[j]!;
      for (let j = 0; j < d; j++) out[j] = out[j]! + s * data[o + j]!;
    }
    for (let j = 0; j < d; j++) out[j] = out[j]! / (n - 1);
    return out;
  };
  const dot = (a: Float64Array, b: Float64Array) => {
    let s = 0;
    for (let j = 0; j < d; j++) s += a[j]! * b[j]!;
    return s;
  };
  const normalise = (v: Float64Array): number => {
    const norm = Math.sqrt(dot(v, v));
    if (norm > 0) for (let j = 0; j < d; j++) v[j] = v[j]! / norm;
    return norm;
  };
  const orthogonalise = (v: Float64Array, u: Float64Array) => {
    const p = dot(v, u);
    for (let j = 0; j < d; j++) v[j] = v[j]! - p * u[j]!;
  };

  const rng = new SeededRandom(options.seed ?? 0);
  let v1: Float64Array = Float64Array.from({ length: d }, () => rng.normal());
  let v2: Float64Array = Float64Array.from({ length: d }, () => rng.normal());
  normalise(v1);
  orthogonalise(v2, v1);
  normalise(v2);
  let lambda1 = 0;
  let lambda2 = 0;
  for (let it = 0; it < maxIterations; it++) {
    const w1 = cov(v1);
    const w2 = cov(v2);
    lambda1 = dot(w1, v1);
    lambda2 = d > 1 ? dot(w2, v2) : 0;
    normalise(w1);
    orthogonalise(w2, w1);
    if (normalise(w2) === 0 || d === 1) w2.fill(0);
    const moved = Math.max(1 - Math.abs(dot(w1, v1)), d > 1 ? 1 - Math.abs(dot(w2, v2)) : 0);
    v1 = w1;
    v2 = w2;
    if (moved < tolerance) break;
  }
  // Rayleigh quotients may come out in the wrong order if the iteration stopped early; order them.
  if (lambda2 > lambda1) {
    [v1, v2] = [v2, v1];
    [lambda1, lambda2] = [lambda2, lambda1];
  }
  for (const v of [v1, v2]) {
    let big = 0;
    for (let j = 0; j < d; j++) if (Math.abs(v[j]!) > Math.abs(v[big]!)) big = j;
    if (v[big]! < 0) for (let j = 0; j < d; j++) v[j] = -v[j]!;
  }
  const points = new Array<{ x: number; y: number }>(n);
  for (let i = 0; i < n; i++) {
    let px = 0;
    let py = 0;
    const o = i * d;
    for (let j = 0; j < d; j++) {
      px += data[o + j]! * v1[j]!;
      py += data[o + j]! * v2[j]!;
    }
    points[i] = { x: px, y: py };
  }
  return { points, components: [v1, v2], explainedVariance: [Math.max(0, lambda1), Math.max(0, lambda2)], mean };
}
