import * as tf from '@tensorflow/tfjs';
import type { PlanStage } from '../../../formats/training-plan';
import { createTrAdaBoostState, epsilonBound, firstVotingRound, trAdaBoostRound, type TrAdaBoostState } from '../boosting/tradaboost';
import { disposeEnsemble, ensemblePredict, makeEnsemble, type Ensemble } from '../boosting/ensemble';
import { fitLogisticModel, labelledRowsOf, type LabelledRows } from '../boosting/logistic-learner';
import { throwIfAborted } from '../abort-error';
import { PlanInputError } from '../plan-input-error';
import type { Model } from '../model/model';
import { epochAccuracyKeys } from '../../../formats/run-events';
import { accuracyOf } from './evaluate-model';
import { runTrainStage } from './run-train-stage';
import type { TrackState } from './types';

type Boosting = NonNullable<PlanStage['boosting']>;

/** This round's sample weights per domain row, scaled to mean 1 over the pool (the loss is Σwℓ/n per batch). */
function roundWeights(w: Float64Array, rows: LabelledRows, sN: number, tN: number, cfg: Boosting): Map<string, Float32Array> {
  const total = w.length;
  const [sRows, tRows] = rows.rows as [number[], number[]];
  const sw = new Float32Array(sN);
  sRows.forEach((r, i) => (sw[r] = w[i]! * total));
  const tw = new Float32Array(tN);
  tRows.forEach((r, i) => (tw[r] = w[sRows.length + i]! * total));
  return new Map([
    [cfg.sourceDomain, sw],
    [cfg.targetDomain, tw],
  ]);
}

/** What every round shares: the pooled labelled rows (source first), and how a round's learner is fitted. */
interface RoundContext {
  readonly stage: PlanStage;
  readonly stageIndex: number;
  readonly state: TrackState;
  readonly cfg: Boosting;
  readonly rows: LabelledRows;
  readonly classes: number;
  readonly head: number;
}

/**
 * One round's base learner on the weighted pool: logistic regression fitted to convergence, or the plan's model
 * trained from scratch by the stage's optimiser with pool-level row weights.
 */
async function fitRound(c: RoundContext, boost: TrAdaBoostState, round: number): Promise<Model> {
  const { state, cfg, stage } = c;
  if (cfg.baseLearner === 'logistic') return fitLogisticModel(c.rows, c.classes, boost.weights);
  const source = state.domains.get(cfg.sourceDomain)!;
  const target = state.domains.get(cfg.targetDomain)!;
  const rowWeights = roundWeights(boost.weights, c.rows, source.prepared.train.n, target.prepared.train.n, cfg);
  const inner: TrackState = { ...state, model: null, resume: null };
  const fitStage: PlanStage = { ...stage, kind: 'train', init: 'scratch', losses: [], labelledDomains: [cfg.sourceDomain, cfg.targetDomain], frozen: [] };
  return runTrainStage(fitStage, c.stageIndex, inner, () => [], { rowWeights, report: false, initSeed: state.seed * 7919 + 101 * round });
}

/** The voting rounds ⌈T/2⌉…T of the T kept rounds, weighted by ln(1/β_t); the others are freed. */
function finalEnsemble(members: Model[], betas: readonly number[], head: number): Ensemble {
  const start = firstVotingRound(members.length);
  for (const m of members.slice(0, start)) m.dispose();
  return makeEnsemble(members.slice(start), betas.slice(start).map((b) => Math.log(1 / b)), head);
}

/** The live curve: the vote of the rounds so far on the target's validation rows. */
async function validationAccuracy(c: RoundContext, members: Model[], betas: readonly number[]): Promise<Record<string, number>> {
  const target = c.state.domains.get(c.cfg.targetDomain)!;
  if (!target.validationX || !target.prepared.validation) return {};
  const start = firstVotingRound(members.length);
  const vote = makeEnsemble(members.slice(start), betas.slice(start).map((b) => Math.log(1 / b)), c.head);
  return { [epochAccuracyKeys.targetValidation]: accuracyOf(await ensemblePredict(vote, target.validationX), target.prepared.validation.y) };
}

/** Predicted classes of the pooled training rows (source then target). */
async function poolPredictions(c: RoundContext, model: Model): Promise<Int32Array> {
  const x = tf.tensor2d(c.rows.x, [c.rows.n, c.rows.d]);
  try {
    return await model.predictAsync(x, c.head);
  } finally {
    x.dispose();
  }
}

function stopWarning(c: RoundContext, round: number, epsilon: number, kept: number): string {
  const bound = epsilonBound(c.classes, c.cfg.betaRule);
  const used = kept === 0 ? 'no round met the bound, so the prediction is that round’s model alone' : `the vote uses the ${kept} round${kept === 1 ? '' : 's'} before it`;
  return `TrAdaBoost stopped at round ${round} of ${c.cfg.rounds} (seed ${c.state.seed}): its error on the labelled target, ε = ${epsilon.toFixed(3)}, is not below ${bound.toFixed(3)}, as β_t = ${bound === 0.5 ? 'ε/(1−ε)' : 'ε/(2−ε)'} requires; ${used}.`;
}

/**
 * TrAdaBoost (instance-based transfer): up to N rounds, each fitting the base learner from scratch on merged
 * source + labelled target with the current sample weights, then reweighting (trAdaBoostRound). A round whose
 * target error reaches its rule's bound stops boosting (Dai et al. need ε_t < ½) with a warning. The track's predictor and
 * exported model become the ensemble: the probability vote of rounds ⌈T/2⌉…T weighted by ln(1/β_t).
 */
export async function runBoostingStage(stage: PlanStage, stageIndex: number, state: TrackState): Promise<void> {
  const cfg = stage.boosting;
  if (!cfg) throw new PlanInputError(`Stage "${stage.name}" is a boosting stage without TrAdaBoost settings.`, stage.nodeId);
  if (!state.domains.get(cfg.sourceDomain) || !state.domains.get(cfg.targetDomain)) throw new PlanInputError('TrAdaBoost needs its source and target domains.', cfg.nodeId);
  const rows = labelledRowsOf(state.domains, [cfg.sourceDomain, cfg.targetDomain]);
  const [sRows, tRows] = rows.rows as [number[], number[]];
  if (tRows.length === 0) throw new PlanInputError('TrAdaBoost needs labelled target samples: set the target domain\'s labels to a count.', cfg.nodeId, 'labels');
  const classes = Math.max(2, state.modelSpec.heads[state.evalHead]!.classes);
  const c: RoundContext = { stage, stageIndex, state, cfg, rows, classes, head: cfg.baseLearner === 'logistic' ? 0 : state.evalHead };
  const boost = createTrAdaBoostState(sRows.length, tRows.length, cfg.rounds, classes, { rule: cfg.betaRule });
  const members: Model[] = [];
  try {
    for (let round = 1; round <= cfg.rounds; round++) {
      throwIfAborted(state.signal);
      const model = await fitRound(c, boost, round);
      const pred = await poolPredictions(c, model);
      const r = trAdaBoostRound(boost, pred, rows.y);
      if (r.stopped && members.length > 0) {
        model.dispose();
        state.emit({ type: 'warning', nodeId: cfg.nodeId, message: stopWarning(c, round, r.epsilon, members.length) });
        break;
      }
      members.push(model);
      if (r.stopped) {
        // Round 1 already at the bound: nothing better exists; keep it as the sole voter (weight is irrelevant).
        boost.betas.push(0.5);
        state.emit({ type: 'warning', nodeId: cfg.nodeId, message: stopWarning(c, round, r.epsilon, 0) });
        break;
      }
      const metrics: Record<string, number> = { epsilon: r.epsilon, betaT: r.betaT, sourceTrainAccuracy: accuracyOf(pred.subarray(0, sRows.length), rows.y.subarray(0, sRows.length)) };
      Object.assign(metrics, await validationAccuracy(c, members, boost.betas));
      state.emit({ type: 'epoch', track: state.track, seed: state.seed, stage: stageIndex, epoch: round, epochs: cfg.rounds, metrics });
    }
  } catch (error) {
    for (const m of members) m.dispose();
    throw error;
  }
  const ensemble = finalEnsemble(members, boost.betas, c.head);
  state.model?.dispose();
  // The last voter is the track's model (feature pictures); prediction and export use the whole ensemble.
  state.model = null;
  if (state.ensemble) disposeEnsemble(state.ensemble);
  state.ensemble = ensemble;
  state.model = ensemble.members[ensemble.members.length - 1]!;
  state.predictor = (x) => ensemblePredict(ensemble, x);
}
