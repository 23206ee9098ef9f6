/**
 * The logistic learner of TrAdaBoost and of its baselines: labelled rows of some domains gathered, fitted to
 * convergence (fit-logistic.ts), and written into an ordinary Model (logisticSpec: one dense layer on the raw
 * inputs), so prediction, pictures and export treat it like any other model.
 */
import * as tf from '@tensorflow/tfjs';
import { logisticSpec, Model } from '../model/model';
import type { DomainData } from '../train/types';
import { fitLogistic, type LogisticFit } from './fit-logistic';

/** Labelled training rows of `ids`, in order: features, labels and which domain row each came from. */
export interface LabelledRows {
  readonly x: Float32Array;
  readonly y: Int32Array;
  readonly n: number;
  readonly d: number;
  /** Per domain (in `ids` order): its training-row index of each gathered row. */
  readonly rows: number[][];
}

export function labelledRowsOf(domains: ReadonlyMap<string, DomainData>, ids: readonly string[]): LabelledRows {
  const first = domains.get(ids[0]!);
  if (!first) throw new Error(`logistic learner: unknown domain "${ids[0]}"`);
  const d = first.prepared.width;
  const rows = ids.map((id) => {
    const dom = domains.get(id);
    if (!dom) throw new Error(`logistic learner: unknown domain "${id}"`);
    const out: number[] = [];
    dom.prepared.train.y.forEach((v, i) => v >= 0 && out.push(i));
    return out;
  });
  const n = rows.reduce((s, r) => s + r.length, 0);
  const x = new Float32Array(n * d);
  const y = new Int32Array(n);
  let k = 0;
  ids.forEach((id, di) => {
    const train = domains.get(id)!.prepared.train;
    for (const r of rows[di]!) {
      x.set(train.x.subarray(r * d, (r + 1) * d), k * d);
      y[k++] = train.y[r]!;
    }
  });
  return { x, y, n, d, rows };
}

/** A Model holding a fitted logistic regression. */
export function logisticModel(fit: LogisticFit, width: number, classes: number): Model {
  const model = new Model(logisticSpec(width, classes), 0);
  const weights = new Map<string, tf.Tensor>([
    ['head/logits/kernel', tf.tensor2d(fit.kernel, [width, classes])],
    ['head/logits/bias', tf.tensor1d(fit.bias)],
  ]);
  try {
    if (model.assign(weights).length !== 2) throw new Error('logistic learner: the model has no head/logits layer of the fitted shape');
  } finally {
    for (const t of weights.values()) t.dispose();
  }
  return model;
}

/** Fits logistic regression on the labelled rows (optionally weighted) and returns it as a Model. */
export function fitLogisticModel(rows: LabelledRows, classes: number, weights?: ArrayLike<number>): Model {
  const fit = fitLogistic({ x: rows.x, n: rows.n, d: rows.d, y: rows.y, classes, weights });
  return logisticModel(fit, rows.d, classes);
}
