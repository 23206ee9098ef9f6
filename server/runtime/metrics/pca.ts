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
  /** Subspace iterations at most; default 60. */
  readonly maxIterations?: number;
  /** Stop when the top two Rayleigh quotients change by less than this (relative). */
  readonly tolerance?: number;
}

async function toMatrix(x: tf.Tensor2D | ReadonlyArray<ArrayLike<number>>): Promise<{ data: Float64Array; rows: number; cols: number }> {
  if (x instanceof tf.Tensor) {
    const [rows, cols] = x.shape;
    // Asynchronous: WebGPU in Node has no synchronous read.
    return { data: Float64Array.from(await x.data()), rows, cols };
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

/** Modified Gram–Schmidt on columns in place; a (near) dependent column is replaced by a fresh random direction. */
function orthonormalise(columns: Float64Array[], rng: SeededRandom): void {
  const d = columns[0]!.length;
  for (let c = 0; c < columns.length; c++) {
    for (let attempt = 0; ; attempt++) {
      const v = columns[c]!;
      for (let p = 0; p < c; p++) {
        const u = columns[p]!;
        let dot = 0;
        for (let j = 0; j < d; j++) dot += v[j]! * u[j]!;
        for (let j = 0; j < d; j++) v[j] = v[j]! - dot * u[j]!;
      }
      let norm = 0;
      for (let j = 0; j < d; j++) norm += v[j]! * v[j]!;
      norm = Math.sqrt(norm);
      if (norm > 1e-10 || attempt >= 3) {
        if (norm > 0) for (let j = 0; j < d; j++) v[j] = v[j]! / norm;
        break;
      }
      for (let j = 0; j < d; j++) v[j] = rng.normal();
    }
  }
}

/** Eigen-decomposition of a small symmetric matrix (cyclic Jacobi). Returns eigenvalues and column eigenvectors. */
function symmetricEigen(a: number[][]): { values: number[]; vectors: number[][] } {
  const k = a.length;
  const m = a.map((row) => [...row]);
  const v: number[][] = Array.from({ length: k }, (_, i) => Array.from({ length: k }, (_, j) => (i === j ? 1 : 0)));
  for (let sweep = 0; sweep < 100; sweep++) {
    let off = 0;
    for (let i = 0; i < k; i++) for (let j = i + 1; j < k; j++) off += m[i]![j]! ** 2;
    if (off < 1e-30) break;
    for (let p = 0; p < k; p++) {
      for (let q = p + 1; q < k; q++) {
        const apq = m[p]![q]!;
        if (Math.abs(apq) < 1e-300) continue;
        const theta = (m[q]![q]! - m[p]![p]!) / (2 * apq);
        const t = Math.sign(theta || 1) / (Math.abs(theta) + Math.sqrt(theta * theta + 1));
        const c = 1 / Math.sqrt(t * t + 1);
        const s = t * c;
        for (let r = 0; r < k; r++) {
          const mrp = m[r]![p]!;
          const mrq = m[r]![q]!;
          m[r]![p] = c * mrp - s * mrq;
          m[r]![q] = s * mrp + c * mrq;
        }
        for (let r = 0; r < k; r++) {
          const mpr = m[p]![r]!;
          const mqr = m[q]![r]!;
          m[p]![r] = c * mpr - s * mqr;
          m[q]![r] = s * mpr + c * mqr;
        }
        for (let r = 0; r < k; r++) {
          const vrp = v[r]![p]!;
          const vrq = v[r]![q]!;
          v[r]![p] = c * vrp - s * vrq;
          v[r]![q] = s * vrp + c * vrq;
        }
      }
    }
  }
  return { values: m.map((row, i) => row[i]!), vectors: v };
}

/** Subtracts the column means in place and returns them. */
function centre(data: Float64Array, n: number, d: number): Float64Array {
  const mean = new Float64Array(d);
  for (let i = 0; i < n; i++) for (let j = 0; j < d; j++) mean[j] = mean[j]! + data[i * d + j]!;
  for (let j = 0; j < d; j++) mean[j] = mean[j]! / n;
  for (let i = 0; i < n; i++) for (let j = 0; j < d; j++) data[i * d + j] = data[i * d + j]! - mean[j]!;
  return mean;
}

interface Subspace {
  readonly basis: Float64Array[];
  readonly ritz: { values: number[]; vectors: number[][] };
}

/** C·V for k column vectors of length d, on the backend: [d, d]·[d, k]. */
async function timesCov(cov: tf.Tensor2D, columns: Float64Array[], d: number, k: number): Promise<Float64Array[]> {
  const v = new Float32Array(d * k);
  columns.forEach((col, c) => col.forEach((value, j) => (v[j * k + c] = value)));
  // Read outside tf.tidy: tidy walks a returned typed array element by element.
  const result = tf.tidy(() => tf.matMul(cov, tf.tensor2d(v, [d, k])));
  const product = await result.data();
  result.dispose();
  return columns.map((_, c) => Float64Array.from({ length: d }, (_, j) => product[j * k + c]!));
}

/** Block subspace iteration on the covariance until the top two Rayleigh quotients settle, then Rayleigh–Ritz. */
async function leadingSubspace(cov: tf.Tensor2D, d: number, k: number, rng: SeededRandom, maxIterations: number, tolerance: number): Promise<Subspace> {
  let basis: Float64Array[] = Array.from({ length: k }, () => Float64Array.from({ length: d }, () => rng.normal()));
  orthonormalise(basis, rng);
  let previous = [Number.NaN, Number.NaN];
  for (let it = 0; it < maxIterations; it++) {
    const next = await timesCov(cov, basis, d, k);
    // Rayleigh quotients of the current basis: the top two are what must settle.
    const quotients = basis.map((b, c) => b.reduce((s, v, j) => s + v * next[c]![j]!, 0)).sort((p, q) => q - p);
    orthonormalise(next, rng);
    basis = next;
    const scale = Math.max(Math.abs(quotients[0]!), 1e-300);
    if (Math.abs(quotients[0]! - previous[0]!) / scale < tolerance && Math.abs((quotients[1] ?? 0) - (previous[1] ?? 0)) / scale < tolerance) break;
    previous = [quotients[0]!, quotients[1] ?? 0];
  }
  const cb = await timesCov(cov, basis, d, k);
  const h = basis.map((bi) => cb.map((cj) => bi.reduce((s, v, j) => s + v * cj[j]!, 0)));
  for (let i = 0; i < k; i++) {
    for (let j = i + 1; j < k; j++) {
      const mid = (h[i]![j]! + h[j]![i]!) / 2;
      h[i]![j] = mid;
      h[j]![i] = mid;
    }
  }
  return { basis, ritz: symmetricEigen(h) };
}

/** The rank-th principal axis (0: largest), sign fixed so its largest entry is positive; zero when there is none (d = 1). */
function principalAxis({ basis, ritz }: Subspace, rank: number, d: number): Float64Array {
  const order = ritz.values.map((value, i) => ({ value, i })).sort((a, b) => b.value - a.value);
  const out = new Float64Array(d);
  const entry = order[rank];
  if (entry === undefined) return out;
  for (let c = 0; c < basis.length; c++) {
    const w = ritz.vectors[c]![entry.i]!;
    for (let j = 0; j < d; j++) out[j] = out[j]! + w * basis[c]![j]!;
  }
  let big = 0;
  for (let j = 0; j < d; j++) if (Math.abs(out[j]!) > Math.abs(out[big]!)) big = j;
  if (out[big]! < 0) for (let j = 0; j < d; j++) out[j] = -out[j]!;
  return out;
}

/** Centred rows projected on two axes, with the variance of each projection (float64). */
function project(data: Float64Array, n: number, d: number, v1: Float64Array, v2: Float64Array): Pick<Pca2dResult, 'points' | 'explainedVariance'> {
  const points = new Array<{ x: number; y: number }>(n);
  let var1 = 0;
  let var2 = 0;
  for (let i = 0; i < n; i++) {
    let px = 0;
    let py = 0;
    const o = i * d;
    for (let j = 0; j < d; j++) {
      px += data[o + j]! * v1[j]!;
      py += data[o + j]! * v2[j]!;
    }
    points[i] = { x: px, y: py };
    var1 += px * px;
    var2 += py * py;
  }
  return { points, explainedVariance: [var1 / (n - 1), var2 / (n - 1)] };
}

/**
 * Projects rows [n, d] onto their two leading principal components, for the feature-space plot.
 * The covariance (d×d) is one plain matMul on the TF.js backend; its top eigenvectors come from block subspace
 * iteration (block of up to 8, which converges fast even when the 2nd and 3rd eigenvalues are close) and a final
 * Rayleigh–Ritz step. Deterministic for a given seed and backend. With d = 1 the second axis is zero.
 */
export async function pca2d(x: tf.Tensor2D | ReadonlyArray<ArrayLike<number>>, options: Pca2dOptions = {}): Promise<Pca2dResult> {
  const { data, rows: n, cols: d } = await toMatrix(x);
  if (n < 2 || d < 1) throw new Error(`pca2d: need at least 2 rows and 1 column, got ${n}×${d}`);
  const mean = centre(data, n, d);
  const cov = tf.tidy(() => {
    const xc = tf.tensor2d(Float32Array.from(data), [n, d]);
    return tf.div(tf.matMul(tf.transpose(xc), xc), n - 1) as tf.Tensor2D;
  });
  let subspace: Subspace;
  try {
    subspace = await leadingSubspace(cov, d, Math.min(d, 8), new SeededRandom(options.seed ?? 0), options.maxIterations ?? 60, options.tolerance ?? 1e-9);
  } finally {
    cov.dispose();
  }
  const v1 = principalAxis(subspace, 0, d);
  const v2 = principalAxis(subspace, 1, d);
  return { ...project(data, n, d, v1, v2), components: [v1, v2], mean };
}
