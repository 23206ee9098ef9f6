import * as tf from '@tensorflow/tfjs';
import type { Model } from '../model/model';

/**
 * TrAdaBoost's final hypothesis: the voting rounds' models and their vote weights ln(1/β_t), normalised to sum
 * to 1. A vote is each model's class probabilities (ADAPT votes with predict_proba too), so the ensemble is an
 * ordinary function of the input: the runtime and an exported copy compute the same Σ α_t·softmax_t(x).
 */
export interface Ensemble {
  readonly members: readonly Model[];
  readonly weights: readonly number[];
  /** Head of each member that predicts the target's classes. */
  readonly head: number;
}

/** The ensemble of models `members` with raw vote weights `raw` (> 0), normalised to sum to 1. */
export function makeEnsemble(members: readonly Model[], raw: readonly number[], head: number): Ensemble {
  if (members.length === 0 || members.length !== raw.length) throw new Error(`TrAdaBoost ensemble: ${members.length} models for ${raw.length} vote weights`);
  const total = raw.reduce((s, w) => s + w, 0);
  if (!(total > 0)) throw new Error('TrAdaBoost ensemble: vote weights must be positive');
  return { members, weights: raw.map((w) => w / total), head };
}

/** Σ α_t·p_t(x), [n, classes]. */
export function ensembleProbabilities(e: Ensemble, x: tf.Tensor2D): tf.Tensor2D {
  return tf.tidy(() => e.members.reduce<tf.Tensor2D | null>((sum, m, t) => {
    const p = tf.mul(m.probabilities(x, e.head), e.weights[t]!) as tf.Tensor2D;
    return sum ? (tf.add(sum, p) as tf.Tensor2D) : p;
  }, null)!);
}

/** The ensemble's class per row, read asynchronously (WebGPU has no synchronous read). */
export async function ensemblePredict(e: Ensemble, x: tf.Tensor2D): Promise<Int32Array> {
  const classes = tf.tidy(() => tf.argMax(ensembleProbabilities(e, x), 1));
  try {
    return (await classes.data()) as Int32Array;
  } finally {
    classes.dispose();
  }
}

export function disposeEnsemble(e: Ensemble): void {
  for (const m of e.members) m.dispose();
}
