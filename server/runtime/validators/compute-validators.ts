import * as tf from '@tensorflow/tfjs';
import type { ValidatorScores } from '../../../formats/validators';
import type { Model } from '../model/model';
import { SeededRandom } from '../ops/seeded-random';
import { headFor } from '../train/epoch-accuracies';
import type { DomainData, TrackState } from '../train/types';
import { deepEmbeddedValidation } from './dev';
import { informationMaximisation } from './im';
import type { Matrix } from './matrix';
import { softNeighbourhoodDensity } from './snd';
import { sourceValAccuracy } from './source-val-accuracy';

/** Rows per domain the validators read: SND is quadratic in the target rows, DEV's classifier linear. */
export const MAX_VALIDATOR_ROWS = 600;

/** At most MAX_VALIDATOR_ROWS training rows, a seeded subset when there are more (same rows at every point). */
function sample(d: DomainData, seed: number): { x: tf.Tensor2D } {
  const n = d.prepared.train.n;
  if (n <= MAX_VALIDATOR_ROWS) return { x: d.trainX };
  const pick = new SeededRandom(seed).permutation(n).slice(0, MAX_VALIDATOR_ROWS).sort();
  return { x: tf.tidy(() => tf.gather(d.trainX, tf.tensor1d(pick, 'int32'))) };
}

async function toMatrix(t: tf.Tensor2D): Promise<Matrix> {
  const [rows, cols] = t.shape;
  return { rows, cols, data: Float64Array.from(await t.data()) };
}

/** Features (the extractor's output) and class probabilities of rows, as host matrices. */
async function outputs(model: Model, x: tf.Tensor2D, head: number): Promise<{ features: Matrix; probs: Matrix }> {
  const [f, p] = tf.tidy(() => [model.extractor.apply(x).clone() as tf.Tensor2D, model.probabilities(x, head)]);
  try {
    return { features: await toMatrix(f), probs: await toMatrix(p) };
  } finally {
    tf.dispose([f, p]);
  }
}

const finite = (v: number): number | undefined => (Number.isFinite(v) ? v : undefined);

/** DEV's domain classifier reads at most this many feature columns (wider features are randomly projected). */
export const MAX_DEV_WIDTH = 64;

/**
 * Wide features (a logistic baseline's "features" are its raw inputs, e.g. 2,000 TF-IDF terms) made narrow for DEV's
 * domain classifier: one seeded Gaussian projection to MAX_DEV_WIDTH columns, the same for every matrix (distances
 * are kept approximately, Johnson–Lindenstrauss). Narrow features pass through.
 */
export function narrowFeatures(ms: readonly Matrix[], seed: number): Matrix[] {
  const d = ms[0]?.cols ?? 0;
  if (d <= MAX_DEV_WIDTH) return [...ms];
  const rng = new SeededRandom(seed);
  const proj = Float64Array.from({ length: d * MAX_DEV_WIDTH }, () => rng.normal() / Math.sqrt(MAX_DEV_WIDTH));
  return ms.map((m) => {
    const out = new Float64Array(m.rows * MAX_DEV_WIDTH);
    for (let i = 0; i < m.rows; i++) {
      for (let k = 0; k < d; k++) {
        const v = m.data[i * d + k]!;
        if (v === 0) continue;
        for (let j = 0; j < MAX_DEV_WIDTH; j++) out[i * MAX_DEV_WIDTH + j]! += v * proj[k * MAX_DEV_WIDTH + j]!;
      }
    }
    return { rows: m.rows, cols: MAX_DEV_WIDTH, data: out };
  });
}

/**
 * Every validator on the track's current model: source-validation accuracy (labelled source validation rows), IM
 * and SND (unlabelled target training rows), DEV (both, plus the source's training rows). Never reads the target's
 * test or validation labels. A boosting vote has no probabilities: only its source-validation accuracy is scored.
 */
export async function computeValidators(state: TrackState, model: Model): Promise<ValidatorScores> {
  const source = state.domains.get(state.sourceIds[0] ?? '');
  const target = state.domains.get(state.targetId);
  const out: ValidatorScores = {};
  const valX = source?.validationX ?? null;
  const valY = source?.prepared.validation?.y ?? null;
  if (state.predictor) {
    if (valX && valY) out.sourceValAccuracy = finite(accuracyOfClasses(await state.predictor(valX), valY));
    return out;
  }
  if (!source || !target) return out;
  const sourceHead = headFor(model, source.prepared.nodeId, state.evalHead);
  const [s, t] = [sample(source, state.seed + 17), sample(target, state.seed + 29)];
  try {
    const tgt = await outputs(model, t.x, state.evalHead);
    out.im = finite(informationMaximisation(tgt.probs));
    out.snd = finite(softNeighbourhoodDensity(tgt.probs));
    if (!valX || !valY) return out;
    const val = await outputs(model, valX, sourceHead);
    out.sourceValAccuracy = finite(sourceValAccuracy(val.probs, valY));
    const src = await outputs(model, s.x, sourceHead);
    const [sf, tf_, vf] = narrowFeatures([src.features, tgt.features, val.features], state.seed + 41);
    const dev = deepEmbeddedValidation({ sourceFeatures: sf!, targetFeatures: tf_!, validationFeatures: vf!, validationProbs: val.probs, validationLabels: valY });
    out.dev = finite(dev);
    return out;
  } finally {
    if (s.x !== source.trainX) s.x.dispose();
    if (t.x !== target.trainX) t.x.dispose();
  }
}

function accuracyOfClasses(pred: ArrayLike<number>, y: ArrayLike<number>): number {
  let ok = 0;
  for (let i = 0; i < y.length; i++) if (pred[i] === y[i]) ok++;
  return y.length === 0 ? Number.NaN : ok / y.length;
}
