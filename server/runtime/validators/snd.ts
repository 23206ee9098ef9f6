import { entropy, row, type Matrix } from './matrix';

/** Saito et al.'s temperature (and pytorch-adapt's default). */
export const SND_TEMPERATURE = 0.05;

function normalisedRows(m: Matrix): Float64Array[] {
  return Array.from({ length: m.rows }, (_, i) => {
    const r = Float64Array.from(row(m, i));
    let norm = 0;
    for (const v of r) norm += v * v;
    norm = Math.max(Math.sqrt(norm), 1e-12);
    for (let k = 0; k < r.length; k++) r[k]! /= norm;
    return r;
  });
}

/**
 * Soft neighbourhood density (Saito et al., ICCV 2021) of target predictions: cosine similarities between every
 * pair of rows (self excluded), a softmax of each row's similarities divided by T, and the mean entropy of those
 * distributions. Dense neighbourhoods (clustered predictions) give high entropy. Higher is better.
 * As pytorch-adapt's SNDValidator (layer "preds", T = 0.05).
 */
export function softNeighbourhoodDensity(probs: Matrix, temperature = SND_TEMPERATURE): number {
  const n = probs.rows;
  if (n < 2) return Number.NaN;
  const rows = normalisedRows(probs);
  const sims = new Float64Array(n - 1);
  let total = 0;
  for (let i = 0; i < n; i++) {
    let k = 0;
    let max = -Infinity;
    for (let j = 0; j < n; j++) {
      if (j === i) continue;
      let dot = 0;
      for (let c = 0; c < probs.cols; c++) dot += rows[i]![c]! * rows[j]![c]!;
      sims[k] = dot / temperature;
      max = Math.max(max, sims[k++]!);
    }
    let sum = 0;
    for (let j = 0; j < k; j++) sum += (sims[j] = Math.exp(sims[j]! - max));
    for (let j = 0; j < k; j++) sims[j]! /= sum;
    total += entropy(sims);
  }
  return total / n;
}
