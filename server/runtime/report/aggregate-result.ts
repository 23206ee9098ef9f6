import type { BackendName, DomainDistance, Gain, ModelResult, RunResult, RunTrack, SplitMetrics, SplitName } from '../../../formats/run-events';
import { RUN_RESULT_VERSION } from '../../../formats/run-result';
import { isTermLoss } from '../../../nodes/registry';
import type { TrainingPlan } from '../../../formats/training-plan';
import { methodUsesTargetLabels } from '../units/track-stages';
import type { UnitResult } from '../units/unit-types';
import { advise } from './advise';
import { validatorCurve, validatorStats } from './aggregate-validators';
import { pairedDifferences, seedStat, tInterval95, verdictOf } from './seed-stats';

type Baseline = Exclude<RunTrack, 'method'>;

export interface AggregateInput {
  readonly plan: TrainingPlan;
  readonly seeds: readonly number[];
  /** Every unit's result (any order). */
  readonly units: readonly UnitResult[];
  readonly inputDistances: readonly DomainDistance[];
  readonly proxyAClassifier: { inputs: string; features: string };
  readonly backend: BackendName;
  readonly durationMs: number;
}

/** Unit results of a track in seed order. */
function ofTrack(units: readonly UnitResult[], track: RunTrack, seeds: readonly number[]): UnitResult[] {
  return seeds.map((s) => units.find((u) => u.track === track && u.seed === s)).filter((u): u is UnitResult => !!u);
}

function splitMetrics(units: readonly UnitResult[], split: SplitName): SplitMetrics | undefined {
  const scores = units.map((u) => u.scores[split]);
  if (scores.length === 0 || scores.some((s) => !s)) return undefined;
  const out: SplitMetrics = { accuracy: seedStat(scores.map((s) => s!.accuracy)) };
  if (scores.every((s) => s!.macroF1 !== undefined)) out.macroF1 = seedStat(scores.map((s) => s!.macroF1!));
  if (scores.every((s) => s!.loss !== undefined)) out.loss = seedStat(scores.map((s) => s!.loss!));
  for (const key of ['seenAccuracy', 'unseenAccuracy', 'harmonicMean'] as const) {
    if (scores.every((s) => s![key] !== undefined)) out[key] = seedStat(scores.map((s) => s![key]!));
  }
  return out;
}

function modelResult(units: readonly UnitResult[]): ModelResult {
  const splits: ModelResult['splits'] = {};
  for (const split of ['test', 'sourceValidation', 'targetValidation'] as const) {
    const m = splitMetrics(units, split);
    if (m) splits[split] = m;
  }
  const result: ModelResult = { steps: units[0]?.steps ?? 0, splits };
  const mmd = units.map((u) => u.featureDistance?.mmd);
  const pad = units.map((u) => u.featureDistance?.proxyA);
  if (mmd.every((v) => v !== undefined) && mmd.length > 0) result.featureDistance = { ...result.featureDistance, mmd: seedStat(mmd as number[]) };
  if (pad.every((v) => v !== undefined) && pad.length > 0) result.featureDistance = { ...result.featureDistance, proxyA: seedStat(pad as number[]) };
  const validators = validatorStats(units);
  const curve = validatorCurve(units);
  if (validators) result.validators = validators;
  if (curve) result.validatorCurve = curve;
  return result;
}

/**
 * The baseline the headline gain is measured against: source-only, unless the method uses target labels — then
 * the stronger of target-only and source + target on the target's validation split (never the test split).
 */
export function chooseBaseline(plan: TrainingPlan, models: RunResult['models']): { baseline: Baseline; chosenBy: string } {
  if (!methodUsesTargetLabels(plan)) return { baseline: 'sourceOnly', chosenBy: 'source-only: the method uses no target labels' };
  const candidates = (['targetOnly', 'sourcePlusTarget'] as const).filter((k) => models[k]);
  const scored = candidates.map((k) => ({ k, v: models[k]!.splits.targetValidation?.accuracy.mean }));
  if (scored.length === 0) return { baseline: 'sourceOnly', chosenBy: 'source-only: no same-labels baseline was trained' };
  if (scored.some((s) => s.v === undefined)) {
    const k = candidates.includes('sourcePlusTarget') ? 'sourcePlusTarget' : candidates[0]!;
    return { baseline: k, chosenBy: `${k === 'sourcePlusTarget' ? 'source + target' : 'target-only'}: no target validation rows to compare on (the labelled budget is too small)` };
  }
  const best = scored.reduce((a, b) => (b.v! > a.v! ? b : a));
  return { baseline: best.k, chosenBy: `strongest same-labels baseline on target validation (${(best.v! * 100).toFixed(1)}%)` };
}

function gainOf(method: readonly UnitResult[], base: readonly UnitResult[], choice: { baseline: Baseline; chosenBy: string }): Gain | null {
  if (method.length === 0 || method.length !== base.length || method.some((u) => !u.scores.test) || base.some((u) => !u.scores.test)) return null;
  const perSeed = pairedDifferences(method.map((u) => u.scores.test!.accuracy), base.map((u) => u.scores.test!.accuracy));
  return { ...choice, metric: 'accuracy', split: 'test', mean: seedStat(perSeed).mean, ci95: tInterval95(perSeed), perSeed };
}

/** Folds every unit's result into the run's result: stats per model and split, the paired gain, verdict and advice. */
export function aggregateResult(input: AggregateInput): RunResult {
  const { plan, seeds, units } = input;
  const models = { method: modelResult(ofTrack(units, 'method', seeds)) } as RunResult['models'];
  for (const k of ['sourceOnly', 'targetOnly', 'sourcePlusTarget'] as const) {
    const list = ofTrack(units, k, seeds);
    if (list.length > 0) models[k] = modelResult(list);
  }
  const choice = chooseBaseline(plan, models);
  // The method's test split unscored: its rows carry no labels (an unlabelled target) — no gain, interval or verdict.
  const testLabels = models.method.splits.test ? 'labelled' : 'none';
  const gain = testLabels === 'none' ? null : gainOf(ofTrack(units, 'method', seeds), ofTrack(units, choice.baseline, seeds), choice);
  const verdict = gain ? verdictOf(gain.ci95) : null;
  const sourceId = plan.domains.find((d) => d.role === 'source')?.nodeId ?? null;
  return {
    version: RUN_RESULT_VERSION,
    backend: input.backend,
    seeds: [...seeds],
    durationMs: input.durationMs,
    models,
    testLabels,
    gain,
    verdict,
    advice: advise(adviceEvidence(plan, models, gain, verdict, ofTrack(units, 'method', seeds))),
    distances: {
      inputs: [...input.inputDistances],
      proxyAClassifier: input.proxyAClassifier,
      features: sourceId && models.method.featureDistance ? { a: sourceId, b: plan.evaluation.targetDomain } : null,
    },
    artifacts: units.flatMap((u) => u.artifacts),
  };
}

/**
 * Source-only vs method feature distance, on the measure that moved most (relative drop): adaptation counts as
 * inert only when neither MMD² nor proxy A shows the method's features closer than source-only's.
 */
function featureMovement(models: RunResult['models']): { sourceOnly: number; method: number } | null {
  const pairs = (['proxyA', 'mmd'] as const).flatMap((k) => {
    const so = models.sourceOnly?.featureDistance?.[k]?.mean;
    const me = models.method.featureDistance?.[k]?.mean;
    return so !== undefined && me !== undefined && so > 0 ? [{ sourceOnly: so, method: me }] : [];
  });
  return pairs.reduce<{ sourceOnly: number; method: number } | null>((best, p) => (!best || p.method / p.sourceOnly < best.method / best.sourceOnly ? p : best), null);
}

function adviceEvidence(plan: TrainingPlan, models: RunResult['models'], gain: Gain | null, verdict: RunResult['verdict'], method: readonly UnitResult[]) {
  const losses = plan.stages.flatMap((s) => s.losses);
  const moved = featureMovement(models);
  const evalHead = plan.model.head;
  const classes = evalHead.kind === 'multiTask' ? (evalHead.tasks.find((t) => t.domainNodeId === plan.evaluation.targetDomain)?.classes ?? 2) : evalHead.kind === 'classifier' ? evalHead.classes : evalHead.classAttributes.length;
  return {
    verdict,
    gainMean: gain?.mean ?? null,
    classes,
    methodSourceValAccuracy: models.method.splits.sourceValidation?.accuracy.mean ?? null,
    sourceOnlyTestAccuracy: models.sourceOnly?.splits.test?.accuracy.mean ?? null,
    targetOnlyTestAccuracy: models.targetOnly?.splits.test?.accuracy.mean ?? null,
    usesAdaptation: losses.some(isTermLoss),
    adversarial: losses.some((l) => l.kind === 'domainAdversarial'),
    adaptationLossCurves: method.map((u) => u.curves.adaptation),
    domainAccuracyCurves: method.map((u) => u.curves.domainAccuracy),
    featureDistance: moved,
    methodTestAccuracy: models.method.splits.test?.accuracy.mean ?? null,
    seeds: method.length,
  };
}
