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
