/** Classification metrics over plain arrays. Samples whose label is negative (unlabelled) are skipped. */

function check(predictions: ArrayLike<number>, labels: ArrayLike<number>): void {
  if (predictions.length !== labels.length) throw new Error(`metrics: ${predictions.length} predictions but ${labels.length} labels`);
}

/** Fraction of labelled samples predicted correctly; NaN when no sample is labelled. */
export function accuracy(predictions: ArrayLike<number>, labels: ArrayLike<number>): number {
  check(predictions, labels);
  let right = 0;
  let counted = 0;
  for (let i = 0; i < labels.length; i++) {
    if (labels[i]! < 0) continue;
    counted++;
    if (predictions[i] === labels[i]) right++;
  }
  return counted === 0 ? Number.NaN : right / counted;
}

/** confusion[true][predicted] counts, classes × classes. */
export function confusionMatrix(predictions: ArrayLike<number>, labels: ArrayLike<number>, classes: number): number[][] {
  check(predictions, labels);
  const m = Array.from({ length: classes }, () => new Array<number>(classes).fill(0));
  for (let i = 0; i < labels.length; i++) {
    const y = labels[i]!;
    if (y < 0) continue;
    const p = predictions[i]!;
    if (y >= classes || p < 0 || p >= classes) throw new Error(`metrics: sample ${i} has label ${y} / prediction ${p} outside 0..${classes - 1}`);
    m[y]![p]!++;
  }
  return m;
}

/**
 * Macro-averaged F1: the mean over classes of 2·TP/(2·TP + FP + FN). Classes that never occur in either labels or
 * predictions are left out of the mean (their F1 is undefined), matching scikit-learn's f1_score(average='macro'),
 * which averages over the labels present in either. NaN when no sample is labelled.
 */
export function macroF1(predictions: ArrayLike<number>, labels: ArrayLike<number>, classes: number): number {
  const m = confusionMatrix(predictions, labels, classes);
  let sum = 0;
  let counted = 0;
  for (let c = 0; c < classes; c++) {
    const tp = m[c]![c]!;
    let fn = 0;
    let fp = 0;
    for (let k = 0; k < classes; k++) {
      if (k === c) continue;
      fn += m[c]![k]!;
      fp += m[k]![c]!;
    }
    const denominator = 2 * tp + fp + fn;
    if (denominator === 0) continue;
    sum += (2 * tp) / denominator;
    counted++;
  }
  return counted === 0 ? Number.NaN : sum / counted;
}
