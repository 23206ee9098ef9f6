import { entropy, row, type Matrix } from './matrix';

/**
 * Information maximisation on target predictions (rows of class probabilities): H(mean prediction) − mean H(row).
 * High when predictions are confident (low per-sample entropy) yet diverse across classes. Higher is better.
 * As pytorch-adapt's IMValidator (DiversityValidator + EntropyValidator).
 */
export function informationMaximisation(probs: Matrix): number {
  if (probs.rows === 0) return Number.NaN;
  const mean = new Float64Array(probs.cols);
  let meanEntropy = 0;
  for (let i = 0; i < probs.rows; i++) {
    const p = row(probs, i);
    for (let c = 0; c < probs.cols; c++) mean[c]! += p[c]! / probs.rows;
    meanEntropy += entropy(p) / probs.rows;
  }
  return entropy(mean) - meanEntropy;
}
