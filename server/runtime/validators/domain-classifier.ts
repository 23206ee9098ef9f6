import { row, type Matrix } from './matrix';

/** Full-batch gradient descent settings: fixed, so that a NumPy script reproduces the fit exactly. */
export const DOMAIN_CLASSIFIER = { iterations: 200, learningRate: 0.5, l2: 1e-3 } as const;

export interface DomainClassifier {
  /** P(target | x) for each row of `m` (same feature width as the fit). */
  targetProbability(m: Matrix): Float64Array;
}

/** Column means and standard deviations (population) of two matrices stacked. */
function standardiser(a: Matrix, b: Matrix): { mean: Float64Array; std: Float64Array } {
  const d = a.cols;
  const n = a.rows + b.rows;
  const mean = new Float64Array(d);
  const sq = new Float64Array(d);
  for (const m of [a, b]) {
    for (let i = 0; i < m.rows; i++) {
      const r = row(m, i);
      for (let k = 0; k < d; k++) mean[k]! += r[k]! / n;
    }
  }
  for (const m of [a, b]) {
    for (let i = 0; i < m.rows; i++) {
      const r = row(m, i);
      for (let k = 0; k < d; k++) sq[k]! += (r[k]! - mean[k]!) ** 2 / n;
    }
  }
  return { mean, std: sq.map((v) => Math.sqrt(v) + 1e-8) };
}

const sigmoid = (z: number) => 1 / (1 + Math.exp(-z));

/**
 * L2-regularised logistic regression of "is this row from the target?" on standardised features, by full-batch
 * gradient descent (DOMAIN_CLASSIFIER). DEV's density ratio comes from it. pytorch-adapt searches weight decays for
 * a small MLP; a linear classifier on the learned features is what the DEV paper's own code uses.
 */
export function fitDomainClassifier(source: Matrix, target: Matrix): DomainClassifier {
  const { mean, std } = standardiser(source, target);
  const d = source.cols;
  const x: Float64Array[] = [];
  const y: number[] = [];
  for (const [m, label] of [[source, 0], [target, 1]] as const) {
    for (let i = 0; i < m.rows; i++) {
      x.push(Float64Array.from(row(m, i), (v, k) => (v - mean[k]!) / std[k]!));
      y.push(label);
    }
  }
  const w = new Float64Array(d);
  let b = 0;
  const { iterations, learningRate, l2 } = DOMAIN_CLASSIFIER;
  for (let it = 0; it < iterations; it++) {
    const g = new Float64Array(d);
    let gb = 0;
    for (let i = 0; i < x.length; i++) {
      let z = b;
      for (let k = 0; k < d; k++) z += x[i]![k]! * w[k]!;
      const e = sigmoid(z) - y[i]!;
      for (let k = 0; k < d; k++) g[k]! += (e * x[i]![k]!) / x.length;
      gb += e / x.length;
    }
    for (let k = 0; k < d; k++) w[k]! -= learningRate * (g[k]! + l2 * w[k]!);
    b -= learningRate * gb;
  }
  return {
    targetProbability: (m) =>
      Float64Array.from({ length: m.rows }, (_, i) => {
        const r = row(m, i);
        let z = b;
        for (let k = 0; k < d; k++) z += ((r[k]! - mean[k]!) / std[k]!) * w[k]!;
        return sigmoid(z);
      }),
  };
}
