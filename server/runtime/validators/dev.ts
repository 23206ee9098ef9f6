import { fitDomainClassifier } from './domain-classifier';
import { row, type Matrix } from './matrix';

/**
 * The DEV risk with its control variate (You et al., ICML 2019; pytorch-adapt's get_dev_risk):
 * mean(w·ℓ) + η·mean(w) − η, η = −Cov(w·ℓ, w) / (Var(w) + 1e-6), sample (n − 1) covariance and variance.
 */
export function devRisk(weights: ArrayLike<number>, losses: ArrayLike<number>): number {
  const n = weights.length;
  if (n !== losses.length) throw new Error(`devRisk: ${n} weights but ${losses.length} losses`);
  if (n < 2) return Number.NaN;
  const wl = Float64Array.from({ length: n }, (_, i) => weights[i]! * losses[i]!);
  const mean = (a: ArrayLike<number>) => {
    let s = 0;
    for (let i = 0; i < n; i++) s += a[i]!;
    return s / n;
  };
  const mwl = mean(wl);
  const mw = mean(weights);
  let cov = 0;
  let varW = 0;
  for (let i = 0; i < n; i++) {
    cov += ((wl[i]! - mwl) * (weights[i]! - mw)) / (n - 1);
    varW += (weights[i]! - mw) ** 2 / (n - 1);
  }
  const eta = -cov / (varW + 1e-6);
  return mwl + eta * mw - eta;
}

/** Per-row cross-entropy −log p(y) of rows of class probabilities (clamped at 1e-12). */
export function crossEntropyPerRow(probs: Matrix, labels: ArrayLike<number>): Float64Array {
  return Float64Array.from({ length: probs.rows }, (_, i) => -Math.log(Math.max(row(probs, i)[labels[i]!] ?? 0, 1e-12)));
}

export interface DevInput {
  /** Features of the source's training rows, of the target's (unlabelled) training rows, of the source validation rows. */
  readonly sourceFeatures: Matrix;
  readonly targetFeatures: Matrix;
  readonly validationFeatures: Matrix;
  /** Class probabilities and labels of the source validation rows. */
  readonly validationProbs: Matrix;
  readonly validationLabels: ArrayLike<number>;
}

/**
 * Deep embedded validation: a domain classifier on the features gives each source validation row the density
 * ratio w = P(target|x)/P(source|x) · n_s/n_t; the risk is the w-weighted validation loss with the control
 * variate (devRisk). Lower is better.
 */
export function deepEmbeddedValidation(input: DevInput): number {
  const { sourceFeatures, targetFeatures, validationFeatures } = input;
  if (sourceFeatures.rows < 2 || targetFeatures.rows < 2 || validationFeatures.rows < 2) return Number.NaN;
  const classifier = fitDomainClassifier(sourceFeatures, targetFeatures);
  const ratio = sourceFeatures.rows / targetFeatures.rows;
  const weights = Array.from(classifier.targetProbability(validationFeatures), (p) => {
    const q = Math.min(Math.max(p, 1e-6), 1 - 1e-6);
    return (q / (1 - q)) * ratio;
  });
  return devRisk(weights, crossEntropyPerRow(input.validationProbs, input.validationLabels));
}
