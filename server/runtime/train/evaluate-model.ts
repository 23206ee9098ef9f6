import type { EvalMetrics } from '../../../formats/run-events';
import { accuracy, macroF1 } from '../metrics/classification';

/** Accuracy for live curves of labelled rows (training batches, validation splits): 0 rather than NaN when empty. */
export function accuracyOf(pred: ArrayLike<number>, y: ArrayLike<number>): number {
  const a = accuracy(pred, y);
  return Number.isNaN(a) ? 0 : a;
}

/** Whether any row of a split is labelled (unlabelled rows carry −1): a split without labels is never scored. */
export function hasLabels(y: ArrayLike<number>): boolean {
  for (let i = 0; i < y.length; i++) if (y[i]! >= 0) return true;
  return false;
}

/**
 * The metrics the plan asks for, on held-out predictions (labelled rows only). A split with no labelled row has no
 * accuracy — not 0 — so callers skip it (hasLabels); asked anyway, this refuses rather than report a number.
 */
export function evaluatePredictions(pred: ArrayLike<number>, y: ArrayLike<number>, metrics: readonly string[], classes?: number): EvalMetrics {
  if (!hasLabels(y)) throw new Error('evaluatePredictions: the split has no labelled rows, so it has no accuracy to report.');
  const out: EvalMetrics = { accuracy: accuracy(pred, y) };
  if (metrics.includes('macroF1')) {
    let k = classes ?? 0;
    for (let i = 0; i < y.length; i++) k = Math.max(k, y[i]! + 1, pred[i]! + 1);
    out.macroF1 = macroF1(pred, y, k);
  }
  return out;
}

/** Mean over the classes in `classes` (that occur in y) of each class's accuracy; NaN when none occurs. */
function perClassAccuracy(pred: ArrayLike<number>, y: ArrayLike<number>, classes: ReadonlySet<number>): number {
  const right = new Map<number, number>();
  const total = new Map<number, number>();
  for (let i = 0; i < y.length; i++) {
    const c = y[i]!;
    if (!classes.has(c)) continue;
    total.set(c, (total.get(c) ?? 0) + 1);
    if (pred[i] === c) right.set(c, (right.get(c) ?? 0) + 1);
  }
  if (total.size === 0) return Number.NaN;
  let sum = 0;
  for (const [c, n] of total) sum += (right.get(c) ?? 0) / n;
  return sum / total.size;
}

/**
 * Generalised zero-shot scores (Xian et al., 2018): per-class mean accuracy on the seen classes and on the
 * unseen ones, predicting over all classes, and their harmonic mean H = 2·S·U/(S + U). Null when the split
 * lacks either kind of class.
 */
export function zeroShotScores(pred: ArrayLike<number>, y: ArrayLike<number>, unseen: readonly number[]): Pick<EvalMetrics, 'seenAccuracy' | 'unseenAccuracy' | 'harmonicMean'> | null {
  const u = new Set(unseen);
  const seen = new Set<number>();
  for (let i = 0; i < y.length; i++) if (!u.has(y[i]!)) seen.add(y[i]!);
  const s = perClassAccuracy(pred, y, seen);
  const un = perClassAccuracy(pred, y, u);
  if (Number.isNaN(s) || Number.isNaN(un)) return null;
  return { seenAccuracy: s, unseenAccuracy: un, harmonicMean: s + un > 0 ? (2 * s * un) / (s + un) : 0 };
}
