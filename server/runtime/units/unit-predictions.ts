import * as tf from '@tensorflow/tfjs';
import { PREPROCESSING_VERSION, type ModelPreprocessing } from '../../../formats/model-preprocessing';
import { MAX_PREDICTION_ROWS, type PredictionRow } from '../../../formats/predictions';
import type { RunEvent } from '../../../formats/run-events';
import type { TrackState } from '../train/types';
import type { UnitRequest } from './unit-types';

/** The class names the model's outputs stand for: the plan's aligned names, else the source's, else numbers. */
export function outputClassNames(state: TrackState, classes: number): string[] {
  const target = state.plan.domains.find((d) => d.nodeId === state.targetId);
  const source = state.domains.get(state.sourceIds[0] ?? '')?.prepared;
  const names = target?.classNames ?? source?.labelNames ?? state.domains.get(state.targetId)?.prepared.labelNames;
  return Array.from({ length: classes }, (_, c) => names?.[c] ?? String(c));
}

/** Class probabilities of the model for rows of x, as plain rows (4 decimals). */
export async function probabilityRows(state: TrackState, x: tf.Tensor2D): Promise<{ predicted: number[]; probs: number[][] }> {
  const p = state.model!.probabilities(x, state.evalHead);
  try {
    const [n, k] = p.shape;
    // Asynchronous: WebGPU in Node has no synchronous read.
    const values = await p.data();
    const probs = Array.from({ length: n }, (_, i) => Array.from(values.subarray(i * k, (i + 1) * k), (v) => Math.round(v * 1e4) / 1e4));
    const predicted = probs.map((row) => row.reduce((best, v, j) => (v > row[best]! ? j : best), 0));
    return { predicted, probs };
  } finally {
    p.dispose();
  }
}

/** The method's first-seed predictions for the target's held-out rows and the rows its file left unlabelled. */
export async function emitPredictions(req: UnitRequest, state: TrackState, emit: (e: RunEvent) => void): Promise<void> {
  if (req.track !== 'method' || req.seedIndex !== 0 || !state.model || state.predictor) return;
  const target = state.domains.get(state.targetId);
  if (!target) return;
  const p = target.prepared;
  const rows: PredictionRow[] = [];
  if (target.testX && p.test?.rows) {
    const { predicted, probs } = await probabilityRows(state, target.testX);
    p.test.rows.forEach((row, i) => rows.push([row, 'test', predicted[i]!, probs[i]!]));
  }
  const unlabelled = Array.from(p.trainTrueY.keys()).filter((i) => p.trainTrueY[i]! < 0);
  if (unlabelled.length > 0 && p.train.rows) {
    const x = tf.tidy(() => tf.gather(target.trainX, tf.tensor1d(unlabelled, 'int32')) as tf.Tensor2D);
    const { predicted, probs } = await probabilityRows(state, x).finally(() => x.dispose());
    unlabelled.forEach((i, k) => rows.push([p.train.rows![i]!, 'unlabelled', predicted[k]!, probs[k]!]));
  }
  if (rows.length === 0) return;
  rows.sort((a, b) => a[0] - b[0]);
  emit({ type: 'predictions', track: req.track, seed: req.seed, domain: p.name, classNames: outputClassNames(state, rows[0]![3].length), rows: rows.slice(0, MAX_PREDICTION_ROWS) });
}

/** What preprocessing.json beside an exported model holds: columns, reading options, scaling and class names. */
export function preprocessingDoc(req: UnitRequest, state: TrackState): ModelPreprocessing | undefined {
  const target = state.domains.get(state.targetId)?.prepared;
  const head = state.modelSpec.heads[state.evalHead];
  if (!target || !head) return undefined;
  const ref = req.plan.domains.find((d) => d.nodeId === state.targetId)?.dataset;
  const csv = ref?.kind === 'upload' ? req.uploads[ref.id]?.csv : undefined;
  const doc: ModelPreprocessing = {
    format: 'stepstone.preprocessing',
    version: PREPROCESSING_VERSION,
    width: target.width,
    scaling: target.scaling ?? null,
    classNames: outputClassNames(state, head.classes),
    ...(target.featureColumns ? { featureColumns: [...target.featureColumns] } : {}),
    ...(csv ? { csv } : {}),
  };
  return doc;
}
