import { emitPredictions, preprocessingDoc } from './unit-predictions';
import type * as tf from '@tensorflow/tfjs';
import type { ModelScores, RunEvent } from '../../../formats/run-events';
import type { PlanStage, TrainingPlan } from '../../../formats/training-plan';
import type { Model, ModelSpec } from '../model/model';
import { headFor } from '../train/epoch-accuracies';
import { hasLabels, zeroShotScores } from '../train/evaluate-model';
import { poolContext } from '../train/run-train-stage';
import type { DomainData, LossTerm, StageSnapshot, TrackState } from '../train/types';
import { weightsToTensors } from '../checkpoint-codec';
import { builderPart, optionalPart } from './builder-part';
import { disposeEnsemble } from '../boosting/ensemble';
import { fitLogisticModel, labelledRowsOf } from '../boosting/logistic-learner';
import { checkData, disposeDomains, domainTensors, loadDomains } from './load-unit-data';
import { featureDistance } from './feature-distance';
import { baselineSpec, baselineStage, methodStepBudget } from './track-stages';
import { decisionBoundary, featureProjection } from './unit-pictures';
import type { UnitContext, UnitRequest, UnitResult } from './unit-types';
import type { ResolvedUpload } from '../../datasets/parse-upload';
import { createValidatorTracker } from '../validators/validator-tracker';
import { modelArtifacts } from '../model/model-artifacts';

/** The method's model spec through the extractor and head builders (width checks name the extractor node). */
export async function methodSpec(plan: TrainingPlan, artifactDir: string | undefined, uploads: Readonly<Record<string, ResolvedUpload>> = {}): Promise<ModelSpec> {
  const { extractor: ex, head } = plan.model;
  const checked = builderPart(ex.nodeType, 'extractorSpec', ex.nodeId)(ex, plan.domains);
  const heads = builderPart(head.nodeType, 'headSpecs', head.nodeId)(head);
  await optionalPart(ex.nodeType, 'preflight')?.(ex, artifactDir);
  const prepare = ex.upload ? optionalPart(ex.nodeType, 'prepare') : undefined;
  const extractor = prepare ? await prepare(checked, ex, uploads) : checked;
  return { extractor, heads, decoder: ex.kind === 'autoencoder' };
}

/** Watches the unit's epoch events for the evidence advice needs (the adaptation term, the domain accuracy). */
function curveRecorder(emit: (e: RunEvent) => void, curves: UnitResult['curves']): (e: RunEvent) => void {
  return (e) => {
    if (e.type === 'epoch') {
      const adaptation = e.metrics.domain ?? e.metrics.mmd;
      if (adaptation !== undefined) curves.adaptation.push(adaptation);
      if (e.metrics.domainAccuracy !== undefined) curves.domainAccuracy.push(e.metrics.domainAccuracy);
    }
    emit(e);
  };
}

/** The unit's track: the method's own stages and spec, or a baseline with the method's step budget. */
function trackSetup(req: UnitRequest, spec: ModelSpec, evalHead: number, domains: ReadonlyMap<string, DomainData>, base: Omit<TrackState, 'modelSpec' | 'evalHead'>) {
  const { plan, track } = req;
  const width = domains.get(plan.evaluation.targetDomain)!.prepared.width;
  const bSpec = baselineSpec(plan, spec, evalHead, width);
  const budget = methodStepBudget(plan, spec, bSpec, poolContext({ ...base, modelSpec: spec }));
  if (track === 'method') return { stages: plan.stages, spec, evalHead, steps: budget, logistic: false };
  // TrAdaBoost's logistic learner is fitted to convergence; so are its baselines (same learner, no weights).
  const logistic = plan.stages.some((s) => s.boosting?.baseLearner === 'logistic');
  return { stages: [baselineStage(plan, track, budget)], spec: bSpec, evalHead: 0, steps: budget, logistic };
}

/** Each split scored once, at the end of training: the target's test rows, and both validation splits. */
async function scoreModel(state: TrackState, metrics: readonly string[]): Promise<ModelScores> {
  const evaluate = builderPart('evaluate', 'evaluate');
  const model = state.model!;
  const predict = async (x: tf.Tensor2D, head: number) => (state.predictor ? state.predictor(x) : model.predictAsync(x, head));
  const out: ModelScores = {};
  const target = state.domains.get(state.targetId)!;
  // Zero-shot plans: every track (the method and its plain-classifier baselines) is scored on seen and unseen classes.
  const unseen = state.plan.model.head.kind === 'zeroShot' ? state.plan.model.head.unseenClasses : null;
  const score = async (x: tf.Tensor2D, y: Int32Array) => {
    const pred = await predict(x, state.evalHead);
    const zs = unseen ? zeroShotScores(pred, y, unseen) : null;
    return { ...evaluate(pred, y, metrics), ...zs };
  };
  // An unlabelled target's test rows have no labels: no test score at all (the result says why), never a 0.
  if (target.testX && target.prepared.test && hasLabels(target.prepared.test.y)) out.test = await score(target.testX, target.prepared.test.y);
  if (target.validationX && target.prepared.validation && hasLabels(target.prepared.validation.y)) out.targetValidation = await score(target.validationX, target.prepared.validation.y);
  const source = state.domains.get(state.sourceIds[0] ?? '');
  if (source?.validationX && source.prepared.validation && hasLabels(source.prepared.validation.y)) {
    out.sourceValidation = evaluate(await predict(source.validationX, headFor(model, source.prepared.nodeId, state.evalHead)), source.prepared.validation.y, metrics);
  }
  return out;
}

/** The stage's loss terms (all but classification, which the stage computes itself), each by its kind's builder. */
export function buildStageLosses(stage: PlanStage, state: TrackState, model: Model): LossTerm[] {
  return stage.losses.flatMap((l) => (l.kind === 'classification' ? [] : [builderPart(l.nodeType, 'buildLoss', l.nodeId)(l, { stage, state, model, seed: state.seed + 1009 })]));
}

/** A baseline of TrAdaBoost's logistic learner: logistic regression on the stage's labelled rows, to convergence. */
function fitLogisticBaseline(state: TrackState, stage: PlanStage, emit: (e: RunEvent) => void): void {
  emit({ type: 'stage', track: state.track, seed: state.seed, index: 0, name: stage.name, kind: stage.kind });
  const rows = labelledRowsOf(state.domains, stage.labelledDomains);
  state.model = fitLogisticModel(rows, state.modelSpec.heads[0]!.classes);
}

/** Runs the track's stages through their node kinds' builders. */
async function runStages(state: TrackState, stages: readonly PlanStage[], emit: (e: RunEvent) => void): Promise<void> {
  const buildLosses = (stage: PlanStage, model: Model): LossTerm[] => buildStageLosses(stage, state, model);
  for (let i = 0; i < stages.length; i++) {
    const stage = stages[i]!;
    if (state.resume && i < state.resume.stage) continue;
    emit({ type: 'stage', track: state.track, seed: state.seed, index: i, name: stage.name, kind: stage.kind });
    await builderPart(stage.nodeType, 'runStage', stage.nodeId)({ stage, stageIndex: i, state, buildLosses });
  }
}

/** Pictures (first seed only): the decision boundary over the target and the features' PCA, for source-only and the method. */
async function emitPictures(req: UnitRequest, state: TrackState, emit: (e: RunEvent) => void): Promise<void> {
  if (req.seedIndex !== 0 || (req.track !== 'method' && req.track !== 'sourceOnly') || !state.model) return;
  const model = state.model;
  const target = state.domains.get(state.targetId)!;
  const boundary = await decisionBoundary(async (x) => (state.predictor ? state.predictor(x) : model.predictAsync(x, state.evalHead)), target);
  if (boundary) emit({ type: 'boundary', track: req.track, seed: req.seed, boundary });
  if (req.plan.evaluation.featureProjection === 'pca') emit(await featureProjection(model, state.domains, [...state.sourceIds, state.targetId], req.track, req.seed));
}

/** Writes the method's first-seed model when the plan exports one (a browser run: hands its files over). */
async function exportModel(req: UnitRequest, state: TrackState, emit: (e: RunEvent) => void, onModelFiles: UnitContext['onModelFiles']): Promise<UnitResult['artifacts']> {
  const exp = req.plan.export;
  if (!exp || req.track !== 'method' || req.seedIndex !== 0 || !state.model) return [];
  const headIndex = Math.min(state.evalHead, state.model.heads.length - 1);
  if (!req.artifactDir && onModelFiles) {
    onModelFiles(exp.name, await modelArtifacts(state.model, headIndex, state.ensemble ?? undefined, preprocessingDoc(req, state)));
    return [];
  }
  if (!req.artifactDir) {
    emit({ type: 'warning', nodeId: exp.nodeId, message: 'Export skipped: no artifact folder is configured for this run.' });
    return [];
  }
  const run = builderPart('exportModel', 'exportModel');
  const path = await run({ model: state.model, headIndex, artifactDir: req.artifactDir, name: exp.name, ensemble: state.ensemble ?? undefined, preprocessing: preprocessingDoc(req, state) });
  emit({ type: 'artifact', name: exp.name, path });
  return [{ name: exp.name, path }];
}

/** Trains one model on one seed, scores it once on every split, and reports (see UnitRequest). */
export async function trainUnit(req: UnitRequest, ctx: UnitContext): Promise<UnitResult> {
  const { plan } = req;
  const spec = await methodSpec(plan, req.artifactDir, req.uploads);
  try {
    return await trainUnitWith(req, ctx, spec);
  } finally {
    spec.extractor.uploaded?.dispose();
  }
}

async function trainUnitWith(req: UnitRequest, ctx: UnitContext, spec: ModelSpec): Promise<UnitResult> {
  const { plan } = req;
  const prepared = await loadDomains(plan, req.seed, req.uploads, ctx.signal);
  checkData(plan, prepared, spec);
  const domains = domainTensors(prepared);
  const curves: UnitResult['curves'] = { adaptation: [], domainAccuracy: [] };
  const emit = curveRecorder(ctx.emit, curves);
  const targetId = plan.evaluation.targetDomain;
  const sourceIds = plan.domains.filter((d) => d.role === 'source').map((d) => d.nodeId);
  const evalHead = Math.max(0, spec.heads.findIndex((h) => h.domainNodeId === targetId));
  const ex = plan.model.extractor;
  const init = optionalPart(ex.nodeType, 'initialise');
  let lastPosition = 0;
  const stageCount = req.track === 'method' ? plan.stages.length : 1;
  const validators = createValidatorTracker({ track: req.track, seed: req.seed, stageCount, points: plan.evaluation.validatorPoints, emit, resumed: req.resume?.validatorCurve });
  const base = {
    plan, track: req.track, seed: req.seed, signal: ctx.signal, emit, domains, targetId, sourceIds, model: null, predictor: null,
    resume: req.resume ? { stage: req.resume.stage, epoch: req.resume.epoch, weights: weightsToTensors(req.resume.weights), stageState: req.resume.stageState } : null,
    initialiseModel: req.track === 'method' && init ? (m: Model) => init(m, ex, req.artifactDir) : undefined,
    onEpochEnd: async (stage: number, epoch: number, model: Model, epochs?: number, stageState?: () => Promise<StageSnapshot>) => {
      await validators.atReport(state, stage, epoch, epochs ?? 1, model);
      if (!ctx.onPosition || req.positionEveryMs === null || Date.now() - lastPosition < req.positionEveryMs) return;
      lastPosition = Date.now();
      const weights = new Map<string, { shape: number[]; values: Float32Array }>();
      for (const [n, v] of model.namedVariables()) weights.set(n, { shape: v.shape, values: (await v.data()) as Float32Array });
      await ctx.onPosition({ stage, epoch, weights, validatorCurve: [...validators.curve], ...(stageState ? { stageState: await stageState() } : {}) });
    },
  } satisfies Omit<TrackState, 'modelSpec' | 'evalHead'>;
  const setup = trackSetup(req, spec, evalHead, domains, base);
  const state: TrackState = { ...base, modelSpec: setup.spec, evalHead: setup.evalHead };
  try {
    if (setup.logistic) fitLogisticBaseline(state, setup.stages[0]!, emit);
    else await runStages(state, setup.stages, emit);
    const scores = { ...(await scoreModel(state, plan.evaluation.metrics)), validators: await validators.atEnd(state) };
    const distance = await featureDistance(req, state);
    await emitPictures(req, state, emit);
    await emitPredictions(req, state, emit);
    const artifacts = await exportModel(req, state, emit, ctx.onModelFiles);
    const steps = req.track === 'method' ? setup.steps : setup.stages[0]!.steps ?? setup.steps;
    emit({ type: 'model', track: req.track, seed: req.seed, steps, scores, ...(distance ? { featureDistance: distance } : {}) });
    return { track: req.track, seed: req.seed, steps, scores, ...(distance ? { featureDistance: distance } : {}), curves, artifacts, validatorCurve: validators.curve };
  } finally {
    if (state.ensemble) disposeEnsemble(state.ensemble);
    else state.model?.dispose();
    if (state.resume) for (const t of state.resume.weights.values()) t.dispose();
    disposeDomains(domains);
  }
}
