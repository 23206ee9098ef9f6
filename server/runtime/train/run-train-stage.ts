import * as tf from '@tensorflow/tfjs';
import type { PlanStage } from '../../../formats/training-plan';
import { throwIfAborted } from '../abort-error';
import { Model } from '../model/model';
import { SeededRandom } from '../ops/seeded-random';
import { EpochBatches } from './epoch-batches';
import { FlatAdam } from './flat-adam';
import { epochAccuracies } from './epoch-accuracies';
import { createEventLoopYielder } from './event-loop-yielder';
import { isReportEpoch } from './report-cadence';
import { learningRateAt, makeOptimizer, setLearningRate } from './schedules';
import { stageClock } from './stage-clock';
import { StageStepper, stepDropoutSeed, type StepSetup } from './stage-step';
import { buildPools, disposePools, poolSizes, stepsPerEpoch, type PoolContext, type StagePools } from './stage-pools';
import { captureStageState, restoreStageState } from './stage-state';
import type { LossTerm, StageSnapshot, TrackState } from './types';

export interface StageOptions {
  /** Per-domain row weights (TrAdaBoost): rows are weighted in the classification loss. */
  readonly rowWeights?: ReadonlyMap<string, Float32Array>;
  /** Emit epoch events and checkpoints (false for boosting's inner fits). */
  readonly report?: boolean;
  /** Seed of fresh weights (default: the track seed + stage index). */
  readonly initSeed?: number;
}

/** The pools' context of a track: its domains and which of them an autoencoder pre-trains on. */
export function poolContext(state: Pick<TrackState, 'plan' | 'domains' | 'sourceIds' | 'targetId' | 'modelSpec'>): PoolContext {
  const ex = state.plan.model.extractor;
  return {
    domains: state.domains,
    sourceIds: state.sourceIds,
    targetId: state.targetId,
    autoencoderDomains: state.modelSpec.extractor.kind === 'autoencoder' ? (ex.pretrain?.domains ?? []) : [],
  };
}

/** The stage's model: fresh weights ('scratch' or first stage), else the previous stage's; resumed weights loaded. */
async function stageModel(stage: PlanStage, stageIndex: number, state: TrackState, initSeed: number | undefined): Promise<{ model: Model; startEpoch: number; saved: StageSnapshot | null }> {
  let model = state.model;
  if (stage.init === 'scratch' || !model) {
    state.model?.dispose();
    model = new Model(state.modelSpec, initSeed ?? state.seed * 7919 + stageIndex + 1);
    state.model = model;
    await state.initialiseModel?.(model);
  }
  let startEpoch = 0;
  let saved: StageSnapshot | null = null;
  if (state.resume && state.resume.stage === stageIndex) {
    model.assign(state.resume.weights);
    startEpoch = state.resume.epoch;
    saved = state.resume.stageState ?? null;
    for (const t of state.resume.weights.values()) t.dispose();
    state.resume = null;
  }
  return { model, startEpoch, saved };
}

/** How many steps the stage takes and how they fall into epochs. */
interface StageShape {
  readonly perEpoch: number;
  readonly totalSteps: number;
  readonly epochs: number;
}

function stageShape(stage: PlanStage, state: TrackState): StageShape {
  const sizes = poolSizes(stage, state.modelSpec, poolContext(state));
  if (sizes.every((n) => n === 0)) throw new Error(`Stage "${stage.name}" has no rows to train on.`);
  const perEpoch = stepsPerEpoch(sizes, stage.batchSize);
  const totalSteps = stage.steps ?? stage.epochs * perEpoch;
  return { perEpoch, totalSteps, epochs: Math.ceil(totalSteps / perEpoch) };
}

/** Everything an epoch needs. */
interface EpochRun {
  readonly stage: PlanStage;
  readonly state: TrackState;
  readonly shape: StageShape;
  readonly pools: StagePools;
  readonly stepper: StageStepper;
  readonly optimizer: tf.Optimizer | FlatAdam;
  readonly rng: SeededRandom;
  readonly yieldToEventLoop: () => Promise<void>;
}

/** One epoch of optimiser steps: a fresh permutation of every pool, batches sliced from a per-epoch gather. */
async function runEpoch(r: EpochRun, epoch: number): Promise<{ steps: number; lr: number }> {
  const { shape, pools, stage } = r;
  const steps = Math.min(shape.perEpoch, shape.totalSteps - epoch * shape.perEpoch);
  const sides = [...pools.heads, pools.sourceIsHead0 ? null : pools.source, pools.target];
  const batches = sides.map((p) => (p ? new EpochBatches(p, r.rng.permutation(p.n), stage.batchSize, steps) : null));
  let lr = stage.optimizer.learningRate;
  const t0 = performance.now();
  try {
    for (let step = 0; step < steps; step++) {
      await r.yieldToEventLoop();
      throwIfAborted(r.state.signal);
      const at = epoch * shape.perEpoch + step;
      const progress = at / shape.totalSteps;
      lr = learningRateAt(stage.optimizer, progress, epoch);
      setLearningRate(r.optimizer, lr);
      r.stepper.step(() => ({
        heads: batches.slice(0, pools.heads.length).map((b) => b?.at(step) ?? null),
        source: batches[pools.heads.length]?.at(step) ?? null,
        target: batches[pools.heads.length + 1]?.at(step) ?? null,
        progress,
        dropoutSeed: stepDropoutSeed(r.state.seed, at),
      }));
    }
  } finally {
    for (const b of batches) b?.dispose();
  }
  stageClock.addSteps(performance.now() - t0, steps);
  return { steps, lr };
}

/** A report: mean losses since the last one, learning rate, the terms' metrics, validation accuracies, checkpoint. */
async function reportEpoch(r: EpochRun, stageIndex: number, epoch: number, steps: number, lr: number, names: readonly string[], terms: readonly LossTerm[]): Promise<void> {
  const t0 = performance.now();
  const { state, shape, stepper } = r;
  stepper.sync();
  const values = await stepper.readLosses();
  const metrics: Record<string, number> = {};
  names.forEach((n, i) => (metrics[n] = (values[i] ?? 0) / Math.max(1, steps)));
  if (r.stage.kind === 'pretrainAutoencoder') delete metrics.classification;
  metrics.lr = lr;
  const p = Math.min(1, (epoch * shape.perEpoch) / shape.totalSteps);
  for (const t of terms) Object.assign(metrics, (await t.metrics?.(p)) ?? {});
  const model = state.model!;
  const t1 = performance.now();
  Object.assign(metrics, await epochAccuracies(state, model));
  const t2 = performance.now();
  state.emit({ type: 'epoch', track: state.track, seed: state.seed, stage: stageIndex, epoch, epochs: shape.epochs, metrics });
  await state.onEpochEnd(stageIndex, epoch, model, shape.epochs, () => captureStageState(r.rng, r.optimizer, terms));
  stageClock.addReport({ syncMs: t1 - t0, evaluationMs: t2 - t1, eventsMs: performance.now() - t2 });
}

/** The stage's L2 penalty on its trainable kernels (weights named …/kernel), or none. */
function stageWeightDecay(stage: PlanStage, model: Model): StepSetup['weightDecay'] {
  if (!stage.weightDecay) return undefined;
  const trainable = new Set(model.trainableVariables(stage.frozen));
  const kernels = model.namedVariables().filter(([name, v]) => name.endsWith('/kernel') && trainable.has(v)).map(([, v]) => v);
  return { rate: stage.weightDecay, kernels };
}

/**
 * Runs one gradient stage ('train', 'fineTune', 'pretrainAutoencoder', and boosting's inner fits): seeded
 * mini-batches of each head's labelled rows (and of the adaptation pair when a loss term needs it), the
 * optimizer and learning-rate schedule of the plan, frozen layers left out of the variable list. With a step
 * budget (`stage.steps`) the stage stops after exactly that many steps, whatever the epochs say. Progress is
 * reported at a bounded cadence (report-cadence.ts). Returns the trained model (the track's model afterwards).
 */
export async function runTrainStage(stage: PlanStage, stageIndex: number, state: TrackState, buildTerms: (model: Model) => LossTerm[], options: StageOptions = {}): Promise<Model> {
  const report = options.report ?? true;
  const shape = stageShape(stage, state);
  const { model, startEpoch, saved } = await stageModel(stage, stageIndex, state, options.initSeed);
  // Adam (every template, and the default) updates the flat vector in one kernel; others are TF.js's.
  const optimizer = stage.optimizer.kind === 'adam' ? new FlatAdam(stage.optimizer.learningRate) : makeOptimizer(stage.optimizer);
  // Built once the stage's starting weights exist (f_old, the domain classifier's input width).
  const terms = buildTerms(model);
  const rng = new SeededRandom(state.seed * 31 + stageIndex);
  // Resumed mid-stage: the optimiser's moments, the terms' variables (and f_old) and the batch order as they were.
  if (saved) restoreStageState(saved, rng, optimizer, terms);
  const pools = buildPools(stage, state.modelSpec, poolContext(state), options.rowWeights);
  const varList = [...model.trainableVariables(stage.frozen), ...terms.flatMap((t) => [...t.variables])];
  const classWeight = stage.losses.find((l) => l.kind === 'classification')?.weight ?? 1;
  const stepper = new StageStepper({ model, terms, classWeight, sourceIsHead0: pools.sourceIsHead0, weightDecay: stageWeightDecay(stage, model) }, optimizer, varList);
  const run: EpochRun = { stage, state, shape, pools, stepper, optimizer, rng, yieldToEventLoop: createEventLoopYielder() };
  try {
    const names = ['classification', ...terms.map((t) => t.name), 'total'];
    let sinceReport = 0;
    for (let epoch = startEpoch; epoch < shape.epochs; epoch++) {
      const { steps, lr } = await runEpoch(run, epoch);
      sinceReport += steps;
      if (!report || !isReportEpoch(epoch + 1, shape.epochs)) continue;
      await reportEpoch(run, stageIndex, epoch + 1, sinceReport, lr, names, terms);
      sinceReport = 0;
    }
    stepper.sync();
    return model;
  } finally {
    for (const t of terms) t.dispose();
    stepper.dispose();
    optimizer.dispose();
    disposePools(pools);
  }
}
