import { row, type Matrix } from './matrix';

/** Accuracy on the labelled source validation rows (argmax of each row of class probabilities). Higher is better. */
export function sourceValAccuracy(probs: Matrix, labels: ArrayLike<number>): number {
  if (probs.rows === 0) return Number.NaN;
  let correct = 0;
  for (let i = 0; i < probs.rows; i++) {
    const p = row(probs, i);
    let best = 0;
    for (let c = 1; c < probs.cols; c++) if (p[c]! > p[best]!) best = c;
    if (best === labels[i]) correct++;
  }
  return correct / probs.rows;
}
