/**
 * TrAdaBoost (Dai, Yang, Xue & Yu, ICML 2007) as pure numeric functions, no TF.js: the trainer fits a base
 * learner on the merged source + labelled-target data with {@link TrAdaBoostState.weights} each round, then calls
 * {@link trAdaBoostRound} with its predictions. Samples are ordered source first (0..nSource−1), then target.
 *
 * Per round t (brief §2):
 * - ε_t = Σ_target wᵢ·[h(xᵢ)≠yᵢ] / Σ_target wᵢ — error on the labelled target only, floored at {@link MIN_EPSILON};
 * - β_t by the rule (see {@link BetaRule}): 'dai', ε_t/(1−ε_t) for two classes (Dai et al.) and ε_t/(2−ε_t) for
 *   more; 'adapt', ε_t/(2−ε_t) for any class count (what ADAPT runs);
 * - each form has its bound: ε/(1−ε) needs ε_t < ½ (Dai et al.'s analysis), ε/(2−ε) needs ε_t < 1 (β_t < 1). A
 *   round at or above the bound stops boosting: it is discarded (no reweighting, no vote) and the caller records
 *   a warning. Clamping ε_t instead (0.49 before) gave chance-level rounds a vote. Within the bound the vote weight
 *   ln(1/β_t) falls as ε_t rises, so no round outvotes a better one;
 * - β = 1/(1+√(2·ln n_S / N)) (ln(n_S)/N, not ln(n_S/N));
 * - source wᵢ ×= β^[h(xᵢ)≠yᵢ] (misfits fade), target wᵢ ×= β_t^(−[h(xᵢ)≠yᵢ]) (misfits gain);
 * - weights are renormalised to sum to 1.
 * Final prediction: weighted vote of rounds ⌈N/2⌉…N (1-based) with weights ln(1/β_t).
 */

/** Floor for ε_t so that β_t > 0 and ln(1/β_t) stays finite when a round makes no target error. */
export const MIN_EPSILON = 1e-10;
/** How β_t follows from ε_t: Dai et al.'s binary form (ε/(2−ε) beyond two classes), or ADAPT's ε/(2−ε) always. */
export type BetaRule = 'dai' | 'adapt';

/** Whether the rule uses ε/(1−ε) for this class count. */
const daiForm = (classes: number, rule: BetaRule) => rule === 'dai' && classes <= 2;

/** The bound ε_t must stay below: ½ for ε/(1−ε), 1 for ε/(2−ε). */
export function epsilonBound(classes: number, rule: BetaRule = 'dai'): number {
  return daiForm(classes, rule) ? 0.5 : 1;
}

export interface TrAdaBoostState {
  readonly nSource: number;
  readonly nTarget: number;
  /** N, the planned number of rounds. */
  readonly rounds: number;
  readonly classes: number;
  /** β, the fixed source multiplier. */
  readonly beta: number;
  readonly rule: BetaRule;
  /** Current sample weights (source then target), summing to 1. Replaced (not mutated) each round. */
  weights: Float64Array;
  /** β_t of each completed round. */
  readonly betas: number[];
  /** ε_t of each completed round. */
  readonly epsilons: number[];
  /** 1-based round whose ε_t reached the bound and stopped boosting; null while boosting goes on. */
  stoppedAt: number | null;
}

export interface TrAdaBoostRoundResult {
  readonly epsilon: number;
  /** β_t, or NaN for a round that stopped boosting. */
  readonly betaT: number;
  /** True when ε_t reached the bound: the round is discarded and no further round may run. */
  readonly stopped: boolean;
  /** The renormalised weights for the next round. */
  readonly weights: Float64Array;
}

/** β = 1/(1+√(2·ln n_S / N)). */
export function tradaboostSourceBeta(nSource: number, rounds: number): number {
  return 1 / (1 + Math.sqrt((2 * Math.log(nSource)) / rounds));
}

/** β_t from ε_t: ε/(1−ε) for binary problems under Dai's rule, ε/(2−ε) otherwise. */
export function tradaboostBetaT(epsilon: number, classes: number, rule: BetaRule = 'dai'): number {
  return daiForm(classes, rule) ? epsilon / (1 - epsilon) : epsilon / (2 - epsilon);
}

/**
 * Fresh state with uniform weights 1/(n_S + n_T).
 * @param initialWeights optional non-negative starting weights (length n_S + n_T), renormalised
 */
export function createTrAdaBoostState(
  nSource: number,
  nTarget: number,
  rounds: number,
  classes: number,
  options: { initialWeights?: ArrayLike<number>; rule?: BetaRule } = {},
): TrAdaBoostState {
  if (!Number.isInteger(nSource) || nSource < 1) throw new Error(`TrAdaBoost: nSource must be a positive integer, got ${nSource}`);
  if (!Number.isInteger(nTarget) || nTarget < 1) throw new Error(`TrAdaBoost: needs labelled target samples (nTarget ≥ 1), got ${nTarget}`);
  if (!Number.isInteger(rounds) || rounds < 1) throw new Error(`TrAdaBoost: rounds must be a positive integer, got ${rounds}`);
  if (!Number.isInteger(classes) || classes < 2) throw new Error(`TrAdaBoost: classes must be an integer ≥ 2, got ${classes}`);
  const n = nSource + nTarget;
  let weights: Float64Array;
  if (options.initialWeights !== undefined) {
    if (options.initialWeights.length !== n) throw new Error(`TrAdaBoost: ${options.initialWeights.length} initial weights for ${n} samples`);
    weights = normalise(Float64Array.from(options.initialWeights));
  } else {
    weights = new Float64Array(n).fill(1 / n);
  }
  return { nSource, nTarget, rounds, classes, beta: tradaboostSourceBeta(nSource, rounds), rule: options.rule ?? 'dai', weights, betas: [], epsilons: [], stoppedAt: null };
}

function normalise(w: Float64Array): Float64Array {
  let sum = 0;
  for (let i = 0; i < w.length; i++) {
    const v = w[i]!;
    if (!(v >= 0) || !Number.isFinite(v)) throw new Error(`TrAdaBoost: weight ${i} is ${v}; weights must be finite and ≥ 0`);
    sum += v;
  }
  if (!(sum > 0)) throw new Error('TrAdaBoost: all weights are zero');
  for (let i = 0; i < w.length; i++) w[i] = w[i]! / sum;
  return w;
}

/**
 * One boosting round: measures ε_t on the target part, computes β_t, reweights and renormalises.
 * Updates `state` (weights, betas, epsilons) and returns the round's figures.
 * @param predictions predicted class per sample (source then target)
 * @param labels true class per sample (source then target)
 */
export function trAdaBoostRound(state: TrAdaBoostState, predictions: ArrayLike<number>, labels: ArrayLike<number>): TrAdaBoostRoundResult {
  const { nSource, nTarget } = state;
  const n = nSource + nTarget;
  if (predictions.length !== n || labels.length !== n) {
    throw new Error(`TrAdaBoost: expected ${n} predictions and labels (${nSource} source + ${nTarget} target), got ${predictions.length} and ${labels.length}`);
  }
  if (state.betas.length >= state.rounds) throw new Error(`TrAdaBoost: all ${state.rounds} rounds are done`);
  if (state.stoppedAt !== null) throw new Error(`TrAdaBoost: boosting stopped at round ${state.stoppedAt} (ε_t at its bound)`);
  const w = state.weights;
  let wrong = 0;
  let total = 0;
  for (let i = nSource; i < n; i++) {
    total += w[i]!;
    if (predictions[i] !== labels[i]) wrong += w[i]!;
  }
  const raw = total > 0 ? wrong / total : 0;
  if (raw >= epsilonBound(state.classes, state.rule) - 1e-12) {
    state.stoppedAt = state.betas.length + 1;
    return { epsilon: raw, betaT: Number.NaN, stopped: true, weights: state.weights };
  }
  const epsilon = Math.max(MIN_EPSILON, raw);
  const betaT = tradaboostBetaT(epsilon, state.classes, state.rule);
  const next = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    const miss = predictions[i] !== labels[i];
    next[i] = miss ? (i < nSource ? w[i]! * state.beta : w[i]! / betaT) : w[i]!;
  }
  state.weights = normalise(next);
  state.betas.push(betaT);
  state.epsilons.push(epsilon);
  return { epsilon, betaT, stopped: false, weights: state.weights };
}

/** One round's output for voting: the class per sample, or class probabilities per sample. */
export type RoundPrediction = ArrayLike<number> | ReadonlyArray<ArrayLike<number>>;

/** Index (0-based) of the first voting round: round ⌈N/2⌉ in 1-based numbering. */
export function firstVotingRound(rounds: number): number {
  return Math.ceil(rounds / 2) - 1;
}

/**
 * Final TrAdaBoost prediction: Σ over rounds ⌈N/2⌉…N of ln(1/β_t)·vote_t, argmax over classes. A vote is the
 * one-hot predicted class or the probability vector. Ties go to the higher class index, which for two classes
 * is Dai et al.'s rule (predict 1 when Π β_t^(−h_t) ≥ Π β_t^(−½)).
 * @param roundPredictions one entry per completed round (at least `rounds`)
 * @param betas β_t per round
 * @param rounds N
 * @param classes number of classes (inferred from probabilities or the largest class seen if omitted)
 */
export function trAdaBoostVote(roundPredictions: ReadonlyArray<RoundPrediction>, betas: ReadonlyArray<number>, rounds: number, classes?: number): Int32Array {
  if (roundPredictions.length < rounds || betas.length < rounds) {
    throw new Error(`TrAdaBoost vote: need ${rounds} rounds of predictions and betas, got ${roundPredictions.length} and ${betas.length}`);
  }
  const start = firstVotingRound(rounds);
  const first = roundPredictions[start]!;
  const samples = first.length;
  let k = classes ?? 0;
  if (classes === undefined) {
    for (let t = start; t < rounds; t++) {
      const r = roundPredictions[t]!;
      for (let i = 0; i < r.length; i++) {
        const v = r[i]!;
        k = Math.max(k, typeof v === 'number' ? v + 1 : v.length);
      }
    }
  }
  const scores = new Float64Array(samples * k);
  for (let t = start; t < rounds; t++) {
    const r = roundPredictions[t]!;
    if (r.length !== samples) throw new Error(`TrAdaBoost vote: round ${t + 1} has ${r.length} predictions, round ${start + 1} has ${samples}`);
    const weight = Math.log(1 / betas[t]!);
    for (let i = 0; i < samples; i++) {
      const v = r[i]!;
      if (typeof v === 'number') {
        if (!Number.isInteger(v) || v < 0 || v >= k) throw new Error(`TrAdaBoost vote: round ${t + 1}, sample ${i}: class ${v} is outside 0..${k - 1}`);
        scores[i * k + v] = scores[i * k + v]! + weight;
      } else {
        if (v.length !== k) throw new Error(`TrAdaBoost vote: round ${t + 1}, sample ${i}: ${v.length} probabilities for ${k} classes`);
        for (let c = 0; c < k; c++) scores[i * k + c] = scores[i * k + c]! + weight * v[c]!;
      }
    }
  }
  const out = new Int32Array(samples);
  for (let i = 0; i < samples; i++) {
    let best = 0;
    for (let c = 1; c < k; c++) if (scores[i * k + c]! >= scores[i * k + best]!) best = c;
    out[i] = best;
  }
  return out;
}
