import type { RunTrack } from '../../../formats/run-events';
import type { PlanLayer, PlanStage, TrainingPlan } from '../../../formats/training-plan';
import { logisticSpec, singleHeadSpec, type ModelSpec } from '../model/model';
import { stageStepCount, type PoolContext } from '../train/stage-pools';

/** Whether the target domain lends training any labels (a label count). */
export function targetHasLabels(plan: TrainingPlan): boolean {
  const t = plan.domains.find((d) => d.nodeId === plan.evaluation.targetDomain);
  return !!t && t.labels !== 'none';
}

/** Whether the method itself trains on target labels (then its fair bar is a baseline with the same labels). */
export function methodUsesTargetLabels(plan: TrainingPlan): boolean {
  const target = plan.evaluation.targetDomain;
  return targetHasLabels(plan) && plan.stages.some((s) => s.labelledDomains.includes(target) || s.boosting?.targetDomain === target);
}

/**
 * The models a run trains, baselines first: source-only always; target-only and source + target when the
 * evaluate node asks for them and the target has labels — and both whenever the method uses target labels.
 */
export function runTracks(plan: TrainingPlan): RunTrack[] {
  const wanted = new Set(plan.baselines.map((b) => b.kind));
  const labelled = targetHasLabels(plan);
  const sameLabels = methodUsesTargetLabels(plan);
  const tracks: RunTrack[] = ['sourceOnly'];
  if (labelled && (sameLabels || wanted.has('targetOnly'))) tracks.push('targetOnly');
  if (labelled && (sameLabels || wanted.has('sourcePlusTarget'))) tracks.push('sourcePlusTarget');
  tracks.push('method');
  return tracks;
}

/**
 * The spec a baseline trains: the method's network with the target's head — or logistic regression when that is
 * TrAdaBoost's learner. A zero-shot head's baseline is a plain classifier over all classes, trained on the seen
 * ones (its pools drop the unseen classes, as the method's do): what the semantic embedding is measured against.
 */
export function baselineSpec(plan: TrainingPlan, spec: ModelSpec, evalHead: number, width: number): ModelSpec {
  const boosting = plan.stages.find((s) => s.kind === 'boosting')?.boosting;
  if (boosting?.baseLearner === 'logistic') return logisticSpec(width, Math.max(2, spec.heads[evalHead]!.classes));
  const single = singleHeadSpec(spec, evalHead);
  const head = single.heads[0]!;
  if (head.kind !== 'embedding') return single;
  const hidden = head.layers.slice(0, -1);
  const logits: PlanLayer = { kind: 'dense', name: 'head/logits', units: head.classes, activation: 'linear', dropout: 0 };
  return { ...single, heads: [{ key: head.key, layers: [...hidden, logits], domainNodeId: null, kind: 'classes', classes: head.classes, weight: 1, unseen: head.unseen }] };
}

/** A boosting stage's steps are those of one learner's fit: each of its learners gets the baseline's budget. */
function budgetStage(stage: PlanStage): PlanStage {
  if (stage.kind !== 'boosting' || !stage.boosting) return stage;
  return { ...stage, kind: 'train', losses: [], labelledDomains: [stage.boosting.sourceDomain, stage.boosting.targetDomain] };
}

/** Optimiser steps the method takes over all its stages (a transitive chain: every hop). */
export function methodStepBudget(plan: TrainingPlan, spec: ModelSpec, boostSpec: ModelSpec, ctx: PoolContext): number {
  return plan.stages.reduce((sum, s) => sum + stageStepCount(budgetStage(s), s.kind === 'boosting' ? boostSpec : spec, ctx), 0);
}

const labelledIdsOf: Record<Exclude<RunTrack, 'method'>, (source: string[], target: string) => string[]> = {
  sourceOnly: (s) => s,
  targetOnly: (_s, t) => [t],
  sourcePlusTarget: (s, t) => [...s, t],
};

const baselineNames: Record<Exclude<RunTrack, 'method'>, string> = { sourceOnly: 'source only', targetOnly: 'target only', sourcePlusTarget: 'source + target' };

/**
 * A no-transfer baseline: the method's first training stage's optimiser and batch size, plain classification on
 * its labels, from scratch, for exactly `steps` optimiser steps (the method's budget, not its epochs).
 */
export function baselineStage(plan: TrainingPlan, track: Exclude<RunTrack, 'method'>, steps: number): PlanStage {
  const base = plan.stages.find((s) => s.kind === 'train' || s.kind === 'boosting') ?? plan.stages.find((s) => s.kind !== 'pretrainAutoencoder') ?? plan.stages[0]!;
  const sourceIds = plan.domains.filter((d) => d.role === 'source').map((d) => d.nodeId);
  const ids = labelledIdsOf[track](sourceIds, plan.evaluation.targetDomain);
  return {
    name: baselineNames[track],
    nodeId: base.nodeId,
    nodeType: 'trainer',
    kind: 'train',
    labelledDomains: ids,
    adapt: null,
    losses: [{ kind: 'classification', weight: 1, domains: ids }],
    optimizer: base.optimizer,
    epochs: base.epochs,
    steps: Math.max(1, steps),
    batchSize: base.batchSize,
    frozen: [],
    init: 'scratch',
    // The same (regularised) learner as the method's, so the gain measures the transfer, not the penalty.
    ...(base.weightDecay ? { weightDecay: base.weightDecay } : {}),
  };
}
