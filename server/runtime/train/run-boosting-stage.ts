import * as tf from '@tensorflow/tfjs';
import type { PlanStage } from '../../../formats/training-plan';
import { createTrAdaBoostState, trAdaBoostRound, trAdaBoostVote } from '../boosting/tradaboost';
import { throwIfAborted } from '../abort-error';
import { PlanInputError } from '../plan-input-error';
import { logisticSpec, Model } from '../model/model';
import { epochAccuracyKeys } from '../../../formats/run-events';
import { accuracyOf } from './evaluate-model';
import { runTrainStage } from './run-train-stage';
import type { TrackState } from './types';

/** This round's sample weights per domain row, scaled to mean 1 so a weighted batch loss stays on the usual scale. */
function roundWeights(w: Float64Array, sRows: number[], tRows: number[], sN: number, tN: number, cfg: NonNullable<PlanStage['boosting']>): Map<string, Float32Array> {
  const total = w.length;
  const sw = new Float32Array(sN);
  sRows.forEach((r, i) => (sw[r] = w[i]! * total));
  const tw = new Float32Array(tN);
  tRows.forEach((r, i) => (tw[r] = w[sRows.length + i]! * total));
  return new Map([
    [cfg.sourceDomain, sw],
    [cfg.targetDomain, tw],
  ]);
}

/** Rows of a domain whose labels training may use, as indices into its training split. */
function labelledRows(y: Int32Array): number[] {
  const rows: number[] = [];
  for (let i = 0; i < y.length; i++) if (y[i]! >= 0) rows.push(i);
  return rows;
}

/**
 * TrAdaBoost (instance-based transfer): N rounds, each fitting the base learner from scratch — the plan's model,
 * or logistic regression — on merged source + labelled target with the current sample weights, then reweighting
 * (B1's trAdaBoostRound). The track's predictor becomes the weighted vote of rounds ⌈N/2⌉…N.
 */
export async function runBoostingStage(stage: PlanStage, stageIndex: number, state: TrackState): Promise<void> {
  const cfg = stage.boosting;
  if (!cfg) throw new PlanInputError(`Stage "${stage.name}" is a boosting stage without TrAdaBoost settings.`, stage.nodeId);
  const source = state.domains.get(cfg.sourceDomain);
  const target = state.domains.get(cfg.targetDomain);
  if (!source || !target) throw new PlanInputError('TrAdaBoost needs its source and target domains.', cfg.nodeId);
  const sRows = labelledRows(source.prepared.train.y);
  const tRows = labelledRows(target.prepared.train.y);
  if (tRows.length === 0) throw new PlanInputError('TrAdaBoost needs labelled target samples: set the target domain\'s labels to a count.', cfg.nodeId, 'labels');
  const classes = Math.max(2, state.modelSpec.heads[state.evalHead]!.classes);
  const boost = createTrAdaBoostState(sRows.length, tRows.length, cfg.rounds, classes);
  const labels = Int32Array.from([...sRows.map((i) => source.prepared.train.y[i]!), ...tRows.map((i) => target.prepared.train.y[i]!)]);
  const sx = tf.gather(source.trainX, tf.tensor1d(sRows, 'int32')) as tf.Tensor2D;
  const tx = tf.gather(target.trainX, tf.tensor1d(tRows, 'int32')) as tf.Tensor2D;
  const spec = cfg.baseLearner === 'logistic' ? logisticSpec(source.prepared.width, classes) : state.modelSpec;
  const evalHead = cfg.baseLearner === 'logistic' ? 0 : state.evalHead;
  // Every round predicts the rows models are scored on (validation and test); the vote over rounds is formed
  // from these. Live curves show the vote on validation rows only.
  const scored = [target.validationX, target.testX, source.validationX].filter((x): x is tf.Tensor2D => x !== null);
  const votes = new Map<tf.Tensor2D, Int32Array[]>(scored.map((x) => [x, []]));
  const inner: TrackState = { ...state, modelSpec: spec, evalHead, model: null, resume: null, initialiseModel: cfg.baseLearner === 'logistic' ? undefined : state.initialiseModel };
  let last: Model | null = null;
  try {
    for (let round = 1; round <= cfg.rounds; round++) {
      throwIfAborted(state.signal);
      const rowWeights = roundWeights(boost.weights, sRows, tRows, source.prepared.train.n, target.prepared.train.n, cfg);
      inner.model?.dispose();
      inner.model = null;
      const fitStage: PlanStage = { ...stage, kind: 'train', init: 'scratch', losses: [], labelledDomains: [cfg.sourceDomain, cfg.targetDomain], frozen: [] };
      const model = await runTrainStage(fitStage, stageIndex, inner, () => [], { rowWeights, report: false, initSeed: state.seed * 7919 + 101 * round });
      last = model;
      const pred = Int32Array.from([...model.predict(sx, evalHead), ...model.predict(tx, evalHead)]);
      const r = trAdaBoostRound(boost, pred, labels);
      for (const [x, list] of votes) list.push(model.predict(x, evalHead));
      const metrics: Record<string, number> = { epsilon: r.epsilon, betaT: r.betaT, sourceTrainAccuracy: accuracyOf(pred.subarray(0, sRows.length), labels.subarray(0, sRows.length)) };
      if (target.validationX && target.prepared.validation) {
        metrics[epochAccuracyKeys.targetValidation] = accuracyOf(trAdaBoostVote(votes.get(target.validationX)!, boost.betas, round, classes), target.prepared.validation.y);
      }
      state.emit({ type: 'epoch', track: state.track, seed: state.seed, stage: stageIndex, epoch: round, epochs: cfg.rounds, metrics });
    }
    const betas = [...boost.betas];
    const finalModel = last;
    // The vote covers the rows predicted every round; other inputs fall back to the last round's model.
    state.predictor = (x) => {
      const list = votes.get(x);
      return list && list.length === cfg.rounds ? trAdaBoostVote(list, betas, cfg.rounds, classes) : finalModel!.predict(x, evalHead);
    };
  } finally {
    // The last round's model is the track's model (export, projection); earlier rounds were freed as they ended.
    state.model?.dispose();
    state.model = inner.model;
    sx.dispose();
    tx.dispose();
  }
}
