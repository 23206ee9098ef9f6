import type { EvalMetrics } from '../../../formats/run-events';
import { accuracy, macroF1 } from '../metrics/classification';

/** Accuracy for reporting: 0 rather than NaN when nothing is labelled. */
export function accuracyOf(pred: ArrayLike<number>, y: ArrayLike<number>): number {
  const a = accuracy(pred, y);
  return Number.isNaN(a) ? 0 : a;
}

/** The metrics the plan asks for, on held-out predictions. */
export function evaluatePredictions(pred: ArrayLike<number>, y: ArrayLike<number>, metrics: readonly string[], classes?: number): EvalMetrics {
  const out: EvalMetrics = { accuracy: accuracyOf(pred, y) };
  if (metrics.includes('macroF1')) {
    let k = classes ?? 0;
    for (let i = 0; i < y.length; i++) k = Math.max(k, y[i]! + 1, pred[i]! + 1);
    // Like accuracy: 0 rather than NaN when nothing is labelled (an unlabelled target), which JSON cannot carry.
    const f1 = macroF1(pred, y, k);
    out.macroF1 = Number.isNaN(f1) ? 0 : f1;
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
