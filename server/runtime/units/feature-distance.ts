import * as tf from '@tensorflow/tfjs';
import { mmdDistance, proxyADistance } from '../metrics/domain-distance';
import type { TrackState } from '../train/types';
import type { UnitRequest, UnitResult } from './unit-types';

/** Rows per domain the feature distances use: enough for a stable estimate, cheap beside training. */
const MAX_ROWS = 300;

/**
 * Source vs target distance on the model's learned feature layer (MMD² and proxy A-distance), for the method and
 * source-only: set side by side they show whether adaptation closed the gap. Uses training rows (the target's
 * unlabelled ones), never the test split.
 */
export async function featureDistance(req: UnitRequest, state: TrackState): Promise<UnitResult['featureDistance']> {
  const wanted = req.plan.evaluation.domainDistances;
  if (wanted.length === 0 || (req.track !== 'method' && req.track !== 'sourceOnly') || !state.model) return undefined;
  const source = state.domains.get(state.sourceIds[0] ?? '');
  const target = state.domains.get(state.targetId);
  if (!source || !target || source.prepared.train.n < 4 || target.prepared.train.n < 4) return undefined;
  const model = state.model;
  // An extractor without layers (TrAdaBoost's logistic learner) returns its input: copy it, so freeing the
  // features never frees the domain's rows.
  const features = (x: tf.Tensor2D) => tf.tidy(() => (model.extractor.apply(x) as tf.Tensor2D).clone());
  const [fs, ft] = [features(source.trainX), features(target.trainX)];
  try {
    const out: NonNullable<UnitResult['featureDistance']> = {};
    if (wanted.includes('mmd')) out.mmd = await mmdDistance(fs, ft, { seed: req.seed, maxSamples: MAX_ROWS });
    if (wanted.includes('proxyA')) out.proxyA = (await proxyADistance(fs, ft, req.seed, { maxSamples: MAX_ROWS, classifier: 'mlp' })).proxyA;
    return out;
  } finally {
    tf.dispose([fs, ft]);
  }
}
