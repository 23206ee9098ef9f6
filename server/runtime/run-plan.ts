import * as tf from '@tensorflow/tfjs';
import type { DomainDistance, EvalMetrics, RunEvent, RunResult, RunTrack } from '../../formats/run-events';
import { trainingPlanSchema, type PlanDomain, type PlanLoss, type PlanStage, type TrainingPlan } from '../../formats/training-plan';
import { nodeBuilders } from '../../nodes/builders';
import type { NodeType } from '../../nodes/registry';
import { AbortError, PlanInputError, throwIfAborted } from './abort-error';
import { selectBackend } from './backend/select-backend';
import { decodeCheckpoint, encodeCheckpoint, weightsToTensors } from './checkpoint-codec';
import { mmdDistance, proxyADistance } from './metrics/domain-distance';
import { pca2d } from './metrics/pca';
import { logisticSpec, singleHeadSpec, type Model, type ModelSpec } from './model/model';
import type { NodeBuilder } from './node-builder';
import { SeededRandom } from './ops/seeded-random';
import type { RunPlan } from './run-plan-api';
import type { PreparedDomain } from './train/prepare-domain';
import type { DomainData, LossTerm, TrackState } from './train/types';

export { AbortError, PlanInputError };

const domainKinds = { source: 'sourceDomain', target: 'targetDomain', intermediate: 'intermediateDomain', auxiliary: 'intermediateDomain' } as const satisfies Record<PlanDomain['role'], NodeType>;
const extractorKinds = { mlp: 'mlpExtractor', cnn: 'cnnExtractor', pretrained: 'pretrainedExtractor', autoencoder: 'autoencoder' } as const satisfies Record<TrainingPlan['model']['extractor']['kind'], NodeType>;
const headKinds = { classifier: 'classifierHead', multiTask: 'multiTaskHead', zeroShot: 'zeroShotHead' } as const satisfies Record<TrainingPlan['model']['head']['kind'], NodeType>;
const lossKinds = { mmd: 'mmdAdaptation', domainAdversarial: 'domainAdversarial', conservative: 'conservativeTraining', reconstruction: 'autoencoder' } as const satisfies Record<
  Exclude<PlanLoss['kind'], 'classification'>,
  NodeType
>;

function builder(type: NodeType): NodeBuilder {
  return nodeBuilders[type] as NodeBuilder;
}

function need<T>(value: T | undefined, what: string, type: NodeType): T {
  if (value === undefined) throw new Error(`The ${type} builder has no ${what}.`);
  return value;
}

/** Which node kind runs a stage: conservative losses make a fine-tune a conservative-training stage. */
function stageNodeType(stage: PlanStage): NodeType {
  if (stage.kind === 'boosting') return 'trAdaBoost';
  if (stage.kind === 'pretrainAutoencoder') return 'autoencoder';
  if (stage.losses.some((l) => l.kind === 'conservative')) return 'conservativeTraining';
  return stage.kind === 'fineTune' ? 'fineTune' : 'trainer';
}

function domainRoleType(role: string): NodeType {
  return (domainKinds as Record<string, NodeType>)[role] ?? 'sourceDomain';
}

/** Checks of the plan itself, before any data is loaded: every reference resolves. */
function checkReferences(plan: TrainingPlan): void {
  const ids = new Set(plan.domains.map((d) => d.nodeId));
  const target = plan.domains.find((d) => d.nodeId === plan.evaluation.targetDomain);
  if (!target) throw new PlanInputError(`The evaluation target "${plan.evaluation.targetDomain}" is not one of the plan's domains.`, plan.evaluation.nodeId ?? undefined, 'targetDomain');
  if (!plan.domains.some((d) => d.role === 'source')) throw new PlanInputError('The plan has no source domain.');
  for (const stage of plan.stages) {
    for (const id of [...stage.labelledDomains, ...(stage.adapt ? [stage.adapt.from, stage.adapt.to] : [])]) {
      if (!ids.has(id)) throw new PlanInputError(`Stage "${stage.name}" refers to domain "${id}", which is not in the plan.`, stage.nodeId);
    }
    if (stage.boosting) {
      for (const id of [stage.boosting.sourceDomain, stage.boosting.targetDomain]) {
        if (!ids.has(id)) throw new PlanInputError(`TrAdaBoost refers to domain "${id}", which is not in the plan.`, stage.boosting.nodeId);
      }
    }
  }
}

/** Checks that need the loaded data: non-empty domains, labels where a stage needs them, class counts. */
function checkData(plan: TrainingPlan, prepared: Map<string, PreparedDomain>, spec: ModelSpec): void {
  const target = prepared.get(plan.evaluation.targetDomain)!;
  if (target.train.n === 0 && (target.test?.n ?? 0) === 0) throw new PlanInputError(`The target domain "${target.name}" has no samples.`, target.nodeId, 'dataset');
  for (const stage of plan.stages) {
    if (stage.kind === 'pretrainAutoencoder') continue;
    const labelled = stage.labelledDomains.reduce((s, id) => s + (prepared.get(id)?.labelled ?? 0), 0);
    if (labelled === 0 && stage.kind !== 'boosting') {
      throw new PlanInputError(`Stage "${stage.name}" trains on labelled samples of ${stage.labelledDomains.map((id) => `"${prepared.get(id)?.name ?? id}"`).join(', ') || 'no domain'}, but none has labels.`, stage.nodeId, 'labelledDomains');
    }
  }
  const head = spec.heads.find((h) => h.domainNodeId === target.nodeId) ?? spec.heads[0]!;
  for (const d of prepared.values()) {
    let max = -1;
    for (const y of d.trainTrueY) max = Math.max(max, y);
    for (const y of d.test?.y ?? []) max = Math.max(max, y);
    const h = spec.heads.find((x) => x.domainNodeId === d.nodeId) ?? head;
    if (max >= h.classes) throw new PlanInputError(`Domain "${d.name}" has class ${max} but the head predicts ${h.classes} classes.`, d.nodeId, 'classes');
  }
}

function baselineStage(plan: TrainingPlan, ids: string[], name: string): PlanStage {
  const base = plan.stages.find((s) => s.kind === 'train' || s.kind === 'boosting') ?? plan.stages.find((s) => s.kind !== 'pretrainAutoencoder') ?? plan.stages[0]!;
  return {
    name,
    nodeId: base.nodeId,
    kind: 'train',
    labelledDomains: ids,
    adapt: null,
    losses: [{ kind: 'classification', weight: 1, domains: ids }],
    optimizer: base.optimizer,
    epochs: base.epochs,
    batchSize: base.batchSize,
    frozen: [],
    init: 'scratch',
  };
}

interface TrackPlan {
  readonly track: RunTrack;
  readonly stages: PlanStage[];
  readonly spec: ModelSpec;
  readonly evalHead: number;
}

/** Runs a training plan: see RunPlan in run-plan-api.ts. */
export const runPlan: RunPlan = async (input, options) => {
  const t0 = Date.now();
  const emit = (e: RunEvent) => options.onEvent(e);
  const parsed = trainingPlanSchema.safeParse(input);
  if (!parsed.success) throw new PlanInputError(`The training plan is malformed: ${parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}`);
  const plan = parsed.data;
  checkReferences(plan);
  const seed = plan.seed;
  const { name: backend } = await selectBackend(options.backend);
  throwIfAborted(options.signal);

  // Model spec through the extractor and head builders (width checks name the extractor node).
  const ex = plan.model.extractor;
  const exType = extractorKinds[ex.kind];
  const extractorSpec = need(builder(exType).extractorSpec, 'extractorSpec', exType)(ex, plan.domains);
  const headType = headKinds[plan.model.head.kind];
  const heads = need(builder(headType).headSpecs, 'headSpecs', headType)(plan.model.head);
  const spec: ModelSpec = { extractor: extractorSpec, heads, decoder: ex.kind === 'autoencoder' };
  await builder(exType).preflight?.(ex, options.artifactDir);

  // Data through the domain builders.
  const prepared = new Map<string, PreparedDomain>();
  for (const d of plan.domains) {
    const type = domainRoleType(d.role);
    prepared.set(d.nodeId, await need(builder(type).loadDomain, 'loadDomain', type)(d, seed + 17 * d.order + 1, { resolveUpload: options.resolveUpload }));
    throwIfAborted(options.signal);
  }
  checkData(plan, prepared, spec);

  const targetId = plan.evaluation.targetDomain;
  const sourceIds = plan.domains.filter((d) => d.role === 'source').map((d) => d.nodeId);
  const evalHead = Math.max(0, spec.heads.findIndex((h) => h.domainNodeId === targetId));
  const domains = new Map<string, DomainData>();
  const models: Model[] = [];
  const disposeAll = () => {
    for (const m of models) m.dispose();
    models.length = 0;
    for (const d of domains.values()) {
      d.trainX.dispose();
      if (d.testX && d.testX !== d.trainX) d.testX.dispose();
    }
    domains.clear();
  };
  try {
    for (const [id, p] of prepared) {
      const trainX = tf.tensor2d(p.train.x, [p.train.n, p.width]);
      let testX = p.test ? tf.tensor2d(p.test.x, [p.test.n, p.width]) : null;
      let domain = p;
      if (id === targetId && !p.test) {
        // No held-out split: measure on the training rows' true labels (and say so).
        emit({ type: 'warning', nodeId: id, message: `The target "${p.name}" has no held-out split (testFraction 0): accuracy is measured on its training rows.` });
        testX = trainX;
        domain = { ...p, test: { x: p.train.x, y: p.trainTrueY, n: p.train.n } };
      }
      domains.set(id, { prepared: domain, trainX, testX });
    }
    const target = domains.get(targetId)!.prepared;
    emit({
      type: 'started',
      backend,
      domains: plan.domains.map((d) => {
        const p = prepared.get(d.nodeId)!;
        return { nodeId: d.nodeId, name: d.name, role: d.role, samples: p.train.n + (p.test?.n ?? 0), labelled: p.labelled, width: p.width };
      }),
    });

    // Domain similarity on raw inputs, before training (predicts negative transfer).
    const distances: DomainDistance[] = [];
    const wanted = plan.evaluation.domainDistances;
    if (wanted.length > 0) {
      const list = plan.domains;
      for (let i = 0; i < list.length; i++) {
        for (let j = i + 1; j < list.length; j++) {
          const a = domains.get(list[i]!.nodeId)!;
          const b = domains.get(list[j]!.nodeId)!;
          if (a.prepared.width !== b.prepared.width) continue;
          throwIfAborted(options.signal);
          const dist: DomainDistance = { a: list[i]!.nodeId, b: list[j]!.nodeId };
          if (wanted.includes('mmd')) dist.mmd = mmdDistance(a.trainX, b.trainX, { seed, maxSamples: 300 });
          if (wanted.includes('proxyA') && a.prepared.train.n >= 4 && b.prepared.train.n >= 4) dist.proxyA = (await proxyADistance(a.trainX, b.trainX, seed, { maxSamples: 400, steps: 150 })).proxyA;
          distances.push(dist);
        }
      }
      emit({ type: 'domainDistances', distances });
    }

    // Tracks: the no-transfer baselines first, then the method (so a resumed run needs only finished metrics).
    const boosting = plan.stages.find((s) => s.kind === 'boosting')?.boosting;
    const baseSpec = boosting?.baseLearner === 'logistic' ? logisticSpec(target.width, Math.max(2, spec.heads[evalHead]!.classes)) : singleHeadSpec(spec, evalHead);
    const targetLabelled = target.labelled > 0;
    const wantedBaselines = new Set(plan.baselines.map((b) => b.kind));
    wantedBaselines.add('sourceOnly');
    const tracks: TrackPlan[] = [];
    if (wantedBaselines.has('sourceOnly')) tracks.push({ track: 'sourceOnly', stages: [baselineStage(plan, sourceIds, 'source only')], spec: baseSpec, evalHead: 0 });
    if (wantedBaselines.has('targetOnly') && targetLabelled) tracks.push({ track: 'targetOnly', stages: [baselineStage(plan, [targetId], 'target only')], spec: baseSpec, evalHead: 0 });
    if (wantedBaselines.has('sourcePlusTarget') && targetLabelled) tracks.push({ track: 'sourcePlusTarget', stages: [baselineStage(plan, [...sourceIds, targetId], 'source + target')], spec: baseSpec, evalHead: 0 });
    tracks.push({ track: 'method', stages: plan.stages, spec, evalHead });

    const resume = options.resumeFrom ? decodeCheckpoint(options.resumeFrom.data) : null;
    const completed: Record<string, EvalMetrics> = { ...(resume?.completed ?? {}) };
    const evaluation = plan.evaluation;
    const evalType: NodeType = 'evaluate';
    const evaluate = need(builder(evalType).evaluate, 'evaluate', evalType);
    const testSplit = target.test!;
    const targetData = domains.get(targetId)!;
    let methodState: TrackState | null = null;

    for (const tp of tracks) {
      if (completed[tp.track] && resume && tp.track !== resume.track) continue;
      const state: TrackState = {
        plan,
        track: tp.track,
        seed,
        signal: options.signal,
        emit,
        domains,
        targetId,
        sourceIds,
        modelSpec: tp.spec,
        evalHead: tp.evalHead,
        model: null,
        predictor: null,
        resume: resume && resume.track === tp.track ? { stage: resume.stage, epoch: resume.epoch, weights: weightsToTensors(resume.weights) } : null,
        initialiseModel: tp.track === 'method' && builder(exType).initialise ? (m) => builder(exType).initialise!(m, ex, options.artifactDir) : undefined,
        onEpochEnd: async (stageIndex, epoch, model) => {
          if (!options.onCheckpoint) return;
          const weights = new Map(model.namedVariables().map(([n, v]) => [n, { shape: v.shape, values: v.dataSync() as Float32Array }]));
          const data = encodeCheckpoint({ track: tp.track, stage: stageIndex, epoch, completed, weights });
          await options.onCheckpoint({ data, track: tp.track, stage: stageIndex, epoch });
        },
      };
      const buildLosses = (stage: PlanStage, model: Model): LossTerm[] =>
        stage.losses.flatMap((l) => {
          if (l.kind === 'classification') return [];
          const type = lossKinds[l.kind];
          return [need(builder(type).buildLoss, 'buildLoss', type)(l, { stage, state, model, seed: seed + 1009 })];
        });
      try {
        for (let i = 0; i < tp.stages.length; i++) {
          const stage = tp.stages[i]!;
          if (state.resume && i < state.resume.stage) continue;
          emit({ type: 'stage', track: tp.track, index: i, name: stage.name, kind: stage.kind });
          const type = stageNodeType(stage);
          await need(builder(type).runStage, 'runStage', type)({ stage, stageIndex: i, state, buildLosses });
        }
        const model = state.model;
        const testX = targetData.testX!;
        const pred = state.predictor ? state.predictor(testX) : model!.predict(testX, state.evalHead);
        completed[tp.track] = evaluate(pred, testSplit.y, evaluation.metrics);
        if (tp.track === 'method') methodState = state;
        else state.model?.dispose();
      } catch (error) {
        state.model?.dispose();
        if (state.resume) for (const t of state.resume.weights.values()) t.dispose();
        throw error;
      } finally {
        if (state.model && tp.track === 'method') models.push(state.model);
      }
    }

    const methodModel = (methodState as TrackState | null)?.model ?? null;
    const artifacts: { name: string; path: string }[] = [];
    if (methodModel) {
      if (evaluation.featureProjection === 'pca') emit(projection(methodModel, domains, [...sourceIds, targetId], seed));
      if (plan.export) {
        if (!options.artifactDir) {
          emit({ type: 'warning', nodeId: plan.export.nodeId, message: 'Export skipped: no artifact folder is configured for this run.' });
        } else {
          const exportType: NodeType = 'exportModel';
          const dir = await need(builder(exportType).exportModel, 'exportModel', exportType)({ model: methodModel, headIndex: methodModel === null ? 0 : Math.min(evalHead, methodModel.heads.length - 1), artifactDir: options.artifactDir, name: plan.export.name });
          artifacts.push({ name: plan.export.name, path: dir });
          emit({ type: 'artifact', name: plan.export.name, path: dir });
        }
      }
    }

    const method = completed.method!;
    const sourceOnly = completed.sourceOnly;
    const hasTargetLabels = testSplit.y.some((y) => y >= 0);
    const gain = sourceOnly && hasTargetLabels ? method.accuracy - sourceOnly.accuracy : null;
    const negativeTransfer = gain !== null && gain < 0;
    if (!hasTargetLabels) emit({ type: 'warning', nodeId: targetId, message: 'The target has no labelled held-out samples, so accuracy and transfer gain cannot be measured.' });
    if (negativeTransfer) {
      emit({
        type: 'warning',
        nodeId: targetId,
        message:
          `Negative transfer: the adapted model reaches ${(method.accuracy * 100).toFixed(1)}% on the held-out target, ` +
          `${(-gain! * 100).toFixed(1)} points below the same model trained on the source alone (${(sourceOnly!.accuracy * 100).toFixed(1)}%). ` +
          'The adaptation made the target worse: the domains may not share what decides the label, or the adaptation weight (λ, μ) is too strong.',
      });
    }
    const result: RunResult = {
      backend,
      seed,
      durationMs: Date.now() - t0,
      method,
      baselines: { sourceOnly: completed.sourceOnly, targetOnly: completed.targetOnly, sourcePlusTarget: completed.sourcePlusTarget },
      gain,
      negativeTransfer,
      domainDistances: distances,
      artifacts,
    };
    emit({ type: 'final', result });
    return result;
  } finally {
    disposeAll();
  }
};

/** PCA of the model's features on a seeded sample of each domain (source vs target picture). */
function projection(model: Model, domains: Map<string, DomainData>, ids: string[], seed: number): RunEvent {
  const rng = new SeededRandom(seed + 4242);
  const parts: { domain: string; labels: Int32Array; features: tf.Tensor2D }[] = [];
  for (const id of [...new Set(ids)]) {
    const d = domains.get(id);
    if (!d) continue;
    const rows = rng.permutation(d.prepared.train.n).slice(0, 150);
    const features = tf.tidy(() => model.extractor.apply(tf.gather(d.trainX, tf.tensor1d(rows, 'int32'))) as tf.Tensor2D);
    parts.push({ domain: d.prepared.name, labels: Int32Array.from(rows, (r) => d.prepared.trainTrueY[r]!), features });
  }
  const all = tf.concat(parts.map((p) => p.features)) as tf.Tensor2D;
  try {
    const { points } = pca2d(all, { seed });
    const out: { x: number; y: number; domain: string; label: number }[] = [];
    let k = 0;
    for (const p of parts) for (let i = 0; i < p.labels.length; i++, k++) out.push({ x: points[k]!.x, y: points[k]!.y, domain: p.domain, label: p.labels[i]! });
    return { type: 'projection', track: 'method', points: out };
  } finally {
    all.dispose();
    for (const p of parts) p.features.dispose();
  }
}
