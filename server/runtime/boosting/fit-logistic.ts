/**
 * Multinomial logistic regression fitted to convergence, as scikit-learn's LogisticRegression (lbfgs, C = 1) fits
 * it: minimise (1/n)·Σ sᵢ·ℓᵢ + ‖W‖²/(2Cn) over W and an unpenalised bias, on standardised inputs
 * z = (x − μ)/σ, by L-BFGS to a gradient tolerance within an iteration cap. Sample weights sᵢ are rescaled to
 * mean 1 (as ADAPT passes them to its estimator). The result is mapped back to the raw inputs, so the model is
 * an ordinary dense layer x·K + b. Rows are kept sparse (TF-IDF text is ~1 % non-zero) and the centring is
 * applied algebraically, so a fit costs milliseconds on small data.
 */
import { lbfgs, type LbfgsOptions } from './lbfgs';

export interface LogisticData {
  /** Rows, row-major, n × d. */
  readonly x: Float32Array;
  readonly n: number;
  readonly d: number;
  /** Class per row, 0 … classes − 1. */
  readonly y: ArrayLike<number>;
  readonly classes: number;
  /** Optional non-negative weight per row. */
  readonly weights?: ArrayLike<number>;
}

export interface LogisticFit {
  /** d × classes, row-major: logits = x·kernel + bias on the raw inputs. */
  readonly kernel: Float32Array;
  readonly bias: Float32Array;
  readonly iterations: number;
  readonly converged: boolean;
}

export interface LogisticOptions extends LbfgsOptions {
  /** Inverse regularisation strength, scikit-learn's C (default 1). */
  readonly C?: number;
}

/** Compressed sparse rows of the raw inputs, with each column's mean and standard deviation. */
interface Sparse {
  readonly start: Int32Array;
  readonly col: Int32Array;
  readonly val: Float64Array;
  readonly mean: Float64Array;
  readonly scale: Float64Array;
}

function compress(x: Float32Array, n: number, d: number): Sparse {
  const start = new Int32Array(n + 1);
  const cols: number[] = [];
  const vals: number[] = [];
  const sum = new Float64Array(d);
  const sumSq = new Float64Array(d);
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < d; j++) {
      const v = x[i * d + j]!;
      if (v === 0) continue;
      cols.push(j);
      vals.push(v);
      sum[j] = sum[j]! + v;
      sumSq[j] = sumSq[j]! + v * v;
    }
    start[i + 1] = cols.length;
  }
  const mean = sum.map((s) => s / n);
  // A constant column gets scale 1: it carries nothing, and dividing by 0 would not help.
  const scale = sumSq.map((s, j) => Math.sqrt(Math.max(0, s / n - mean[j]! ** 2)) || 1);
  return { start, col: Int32Array.from(cols), val: Float64Array.from(vals), mean, scale };
}

/** The objective over θ = [W (d × k, standardised space), b (k)]. */
function objective(m: Sparse, data: LogisticData, w: Float64Array, lambda: number) {
  const { n, d, classes: k, y } = data;
  const logits = new Float64Array(k);
  const resid = new Float64Array(n * k);
  const raw = new Float64Array(d * k);
  return (theta: Float64Array, grad: Float64Array): number => {
    // Raw-space weights W/σ and the centring offset −μ·W/σ, so that z·W = x·(W/σ) − μ·(W/σ).
    const offset = new Float64Array(k);
    for (let j = 0; j < d; j++) {
      for (let c = 0; c < k; c++) {
        const r = theta[j * k + c]! / m.scale[j]!;
        raw[j * k + c] = r;
        offset[c] = offset[c]! - m.mean[j]! * r;
      }
    }
    let loss = 0;
    const colSum = new Float64Array(k);
    for (let i = 0; i < n; i++) {
      for (let c = 0; c < k; c++) logits[c] = theta[d * k + c]! + offset[c]!;
      for (let p = m.start[i]!; p < m.start[i + 1]!; p++) {
        const j = m.col[p]!;
        const v = m.val[p]!;
        for (let c = 0; c < k; c++) logits[c] = logits[c]! + v * raw[j * k + c]!;
      }
      let max = -Infinity;
      for (let c = 0; c < k; c++) max = Math.max(max, logits[c]!);
      let z = 0;
      for (let c = 0; c < k; c++) z += Math.exp(logits[c]! - max);
      const lse = max + Math.log(z);
      const yi = y[i]!;
      loss += (w[i]! * (lse - logits[yi]!)) / n;
      for (let c = 0; c < k; c++) {
        const r = (w[i]! * (Math.exp(logits[c]! - lse) - (c === yi ? 1 : 0))) / n;
        resid[i * k + c] = r;
        colSum[c] = colSum[c]! + r;
      }
    }
    // ∂/∂W_jc = (Σᵢ xᵢⱼ·rᵢc − μⱼ·Σᵢ rᵢc)/σⱼ + λ·W_jc; ∂/∂b_c = Σᵢ rᵢc.
    grad.fill(0);
    for (let i = 0; i < n; i++) {
      for (let p = m.start[i]!; p < m.start[i + 1]!; p++) {
        const j = m.col[p]!;
        const v = m.val[p]!;
        for (let c = 0; c < k; c++) grad[j * k + c] = grad[j * k + c]! + v * resid[i * k + c]!;
      }
    }
    let penalty = 0;
    for (let j = 0; j < d; j++) {
      for (let c = 0; c < k; c++) {
        const t = theta[j * k + c]!;
        grad[j * k + c] = (grad[j * k + c]! - m.mean[j]! * colSum[c]!) / m.scale[j]! + lambda * t;
        penalty += t * t;
      }
    }
    for (let c = 0; c < k; c++) grad[d * k + c] = colSum[c]!;
    return loss + 0.5 * lambda * penalty;
  };
}

/** Sample weights rescaled to mean 1 (all ones when absent). */
function meanOneWeights(data: LogisticData): Float64Array {
  const w = new Float64Array(data.n).fill(1);
  if (!data.weights) return w;
  let sum = 0;
  for (let i = 0; i < data.n; i++) {
    const v = data.weights[i]!;
    if (!(v >= 0) || !Number.isFinite(v)) throw new Error(`logistic regression: weight ${i} is ${v}; weights must be finite and ≥ 0`);
    sum += v;
  }
  if (!(sum > 0)) throw new Error('logistic regression: all weights are zero');
  for (let i = 0; i < data.n; i++) w[i] = (data.weights[i]! * data.n) / sum;
  return w;
}

/** Fits the model (see the file comment) and returns raw-space weights. */
export function fitLogistic(data: LogisticData, options: LogisticOptions = {}): LogisticFit {
  const { n, d, classes: k } = data;
  if (n < 1) throw new Error('logistic regression: no rows to fit');
  if (data.x.length !== n * d || data.y.length !== n) throw new Error(`logistic regression: ${data.x.length} values and ${data.y.length} labels for ${n} rows of width ${d}`);
  const m = compress(data.x, n, d);
  const lambda = 1 / ((options.C ?? 1) * n);
  const f = objective(m, data, meanOneWeights(data), lambda);
  const fit = lbfgs(f, new Float64Array(d * k + k), { maxIterations: 500, gradientTolerance: 1e-6, ...options });
  const kernel = new Float32Array(d * k);
  const bias = new Float32Array(k);
  for (let c = 0; c < k; c++) {
    let b = fit.theta[d * k + c]!;
    for (let j = 0; j < d; j++) {
      const r = fit.theta[j * k + c]! / m.scale[j]!;
      kernel[j * k + c] = r;
      b -= m.mean[j]! * r;
    }
    bias[c] = b;
  }
  return { kernel, bias, iterations: fit.iterations, converged: fit.converged };
}
