import * as tf from '@tensorflow/tfjs';
import type { PlanStage } from '../../../formats/training-plan';
import { throwIfAborted } from '../abort-error';
import { sparseSoftmaxCrossEntropy } from '../losses/cross-entropy';
import { Model } from '../model/model';
import { SeededRandom } from '../ops/seeded-random';
import { createEventLoopYielder } from './event-loop-yielder';
import { epochAccuracies } from './epoch-accuracies';
import { learningRateAt, makeOptimizer, setLearningRate } from './schedules';
import { buildPools, disposePools, poolSizes, stepsPerEpoch, type Pool, type PoolContext, type StagePools } from './stage-pools';
import type { LossBatch, LossTerm, TrackState } from './types';

export interface StageOptions {
  /** Per-domain row weights (TrAdaBoost): rows are weighted in the classification loss. */
  readonly rowWeights?: ReadonlyMap<string, Float32Array>;
  /** Emit epoch events and checkpoints (false for boosting's inner fits). */
  readonly report?: boolean;
  /** Seed of fresh weights (default: the track seed + stage index). */
  readonly initSeed?: number;
}

/** The pools' context of a track: its domains and which of them an autoencoder pre-trains on. */
export function poolContext(state: TrackState): PoolContext {
  const ex = state.plan.model.extractor;
  return {
    domains: state.domains,
    sourceIds: state.sourceIds,
    targetId: state.targetId,
    autoencoderDomains: state.modelSpec.extractor.kind === 'autoencoder' ? (ex.pretrain?.domains ?? []) : [],
  };
}

/** Cross-entropy (classes) or squared distance to the class attribute vector (zero-shot), row-weighted mean. */
function headLoss(out: tf.Tensor2D, y: tf.Tensor1D, weights: tf.Tensor1D | null, head: Model['spec']['heads'][number]): tf.Scalar {
  if (head.kind === 'classes') return sparseSoftmaxCrossEntropy(out, y, weights ? { weights } : {});
  const attrs = tf.tensor2d(head.attributes!.map((a) => [...a]));
  const perRow = tf.mean(tf.square(tf.sub(out, tf.gather(attrs, y))), 1);
  if (!weights) return tf.mean(perRow);
  return tf.div(tf.sum(tf.mul(perRow, weights)), tf.maximum(tf.sum(weights), 1e-12));
}

/** The stage's model: fresh weights ('scratch' or first stage), else the previous stage's; resumed weights loaded. */
async function stageModel(stage: PlanStage, stageIndex: number, state: TrackState, initSeed: number | undefined): Promise<{ model: Model; startEpoch: number }> {
  let model = state.model;
  if (stage.init === 'scratch' || !model) {
    state.model?.dispose();
    model = new Model(state.modelSpec, initSeed ?? state.seed * 7919 + stageIndex + 1);
    state.model = model;
    await state.initialiseModel?.(model);
  }
  let startEpoch = 0;
  if (state.resume && state.resume.stage === stageIndex) {
    model.assign(state.resume.weights);
    startEpoch = state.resume.epoch;
    for (const t of state.resume.weights.values()) t.dispose();
    state.resume = null;
  }
  return { model, startEpoch };
}

interface StepContext {
  readonly model: Model;
  readonly pools: StagePools;
  readonly terms: readonly LossTerm[];
  readonly heads: Model['spec']['heads'];
  readonly classWeight: number;
  readonly batch: number;
  readonly dropoutSeed: number;
}

/** One batch's rows of a pool for this step: `order` walked cyclically from `step × batch`. */
function pick(p: Pool | null, order: Int32Array | null, step: number, batch: number): tf.Tensor1D | null {
  if (!p || !order) return null;
  const size = Math.min(batch, p.n);
  const idx = new Int32Array(size);
  for (let i = 0; i < size; i++) idx[i] = order[(step * batch + i) % p.n]!;
  return tf.tensor1d(idx, 'int32');
}

/** The objective of one step; pushes [classification, each term…, total] into `values`. */
function objective(c: StepContext, orders: (Int32Array | null)[], step: number, progress: number, values: tf.Scalar[]): tf.Scalar {
  const { model, pools } = c;
  const labelled = pools.heads.map((p, k) => {
    const idx = pick(p, orders[k]!, step, c.batch);
    if (!p || !idx) return null;
    const x = tf.gather(p.x, idx) as tf.Tensor2D;
    return { x, y: tf.gather(p.y, idx) as tf.Tensor1D, weights: p.weights ? (tf.gather(p.weights, idx) as tf.Tensor1D) : null, fwd: model.forward(x, c.dropoutSeed) };
  });
  const side = (p: Pool | null, k: number) => {
    const idx = pick(p, orders[k]!, step, c.batch);
    if (!p || !idx) return null;
    const x = tf.gather(p.x, idx) as tf.Tensor2D;
    return { x, fwd: model.forward(x) };
  };
  const k = pools.heads.length;
  const lb: LossBatch = { model, labelled, source: side(pools.source, k), target: side(pools.target, k + 1), progress };
  let cls: tf.Scalar = tf.scalar(0);
  labelled.forEach((b, i) => {
    if (b) cls = tf.add(cls, tf.mul(headLoss(b.fwd.outputs[i]!, b.y, b.weights, c.heads[i]!), c.heads[i]!.weight * c.classWeight));
  });
  values.push(cls);
  let total: tf.Scalar = cls;
  for (const term of c.terms) {
    const v = term.compute(lb);
    values.push(v);
    total = tf.add(total, v);
  }
  values.push(total);
  return total;
}

/** One optimiser step; adds the step's loss values to the on-device running sum (no host read per batch). */
function trainStep(c: StepContext, optimizer: tf.Optimizer, varList: tf.Variable[], orders: (Int32Array | null)[], step: number, progress: number, sum: tf.Tensor1D | null): tf.Tensor1D {
  return tf.tidy(() => {
    let stacked: tf.Tensor1D | null = null;
    optimizer.minimize(
      () => {
        const values: tf.Scalar[] = [];
        const total = objective(c, orders, step, progress, values);
        // The optimizer frees intermediates: keep the stacked term values past its tidy.
        stacked = tf.keep(tf.stack(values) as tf.Tensor1D);
        return total;
      },
      false,
      varList,
    );
    const s = stacked as unknown as tf.Tensor1D;
    if (!sum) return s; // kept, so it leaves the tidy as the new running sum
    const next = tf.add(sum, s) as tf.Tensor1D;
    s.dispose();
    return next;
  });
}

/**
 * Runs one gradient stage ('train', 'fineTune', 'pretrainAutoencoder', and boosting's inner fits): seeded
 * mini-batches of each head's labelled rows (and of the adaptation pair when a loss term needs it), the
 * optimizer and learning-rate schedule of the plan, frozen layers left out of the variable list. With a step
 * budget (`stage.steps`) the stage stops after exactly that many steps, whatever the epochs say.
 * Returns the trained model (the track's model afterwards).
 */
export async function runTrainStage(stage: PlanStage, stageIndex: number, state: TrackState, buildTerms: (model: Model) => LossTerm[], options: StageOptions = {}): Promise<Model> {
  const report = options.report ?? true;
  const { model, startEpoch } = await stageModel(stage, stageIndex, state, options.initSeed);
  const rng = new SeededRandom(state.seed * 31 + stageIndex);
  const ctx = poolContext(state);
  const classification = stage.losses.find((l) => l.kind === 'classification');
  const sizes = poolSizes(stage, state.modelSpec, ctx);
  if (sizes.every((n) => n === 0)) throw new Error(`Stage "${stage.name}" has no rows to train on.`);
  const perEpoch = stepsPerEpoch(sizes, stage.batchSize);
  const totalSteps = stage.steps ?? stage.epochs * perEpoch;
  const epochs = Math.ceil(totalSteps / perEpoch);
  const optimizer = makeOptimizer(stage.optimizer);
  // Built once the stage's starting weights exist (f_old, the domain classifier's input width).
  const terms = buildTerms(model);
  const pools = buildPools(stage, state.modelSpec, ctx, options.rowWeights);
  try {
    const varList = [...model.trainableVariables(stage.frozen), ...terms.flatMap((t) => [...t.variables])];
    const yieldToEventLoop = createEventLoopYielder();
    const names = ['classification', ...terms.map((t) => t.name), 'total'];
    for (let epoch = startEpoch; epoch < epochs; epoch++) {
      const orders = [...pools.heads, pools.source, pools.target].map((p) => (p ? rng.permutation(p.n) : null));
      const steps = Math.min(perEpoch, totalSteps - epoch * perEpoch);
      let sum: tf.Tensor1D | null = null;
      let lr = stage.optimizer.learningRate;
      try {
        for (let step = 0; step < steps; step++) {
          await yieldToEventLoop();
          throwIfAborted(state.signal);
          const progress = (epoch * perEpoch + step) / totalSteps;
          lr = learningRateAt(stage.optimizer, progress, epoch);
          setLearningRate(optimizer, lr);
          const c: StepContext = { model, pools, terms, heads: state.modelSpec.heads, classWeight: classification?.weight ?? 1, batch: stage.batchSize, dropoutSeed: state.seed + epoch * perEpoch + step };
          const next = trainStep(c, optimizer, varList, orders, step, progress, sum);
          sum?.dispose();
          sum = next;
        }
      } catch (error) {
        sum?.dispose();
        throw error;
      }
      const values = sum ? (sum.dataSync() as Float32Array) : new Float32Array(0);
      sum?.dispose();
      if (!report) continue;
      const metrics: Record<string, number> = {};
      names.forEach((n, i) => (metrics[n] = (values[i] ?? 0) / steps));
      if (stage.kind === 'pretrainAutoencoder') delete metrics.classification;
      metrics.lr = lr;
      const p = Math.min(1, ((epoch + 1) * perEpoch) / totalSteps);
      for (const t of terms) Object.assign(metrics, t.metrics?.(p) ?? {});
      Object.assign(metrics, epochAccuracies(state, model));
      state.emit({ type: 'epoch', track: state.track, seed: state.seed, stage: stageIndex, epoch: epoch + 1, epochs, metrics });
      await state.onEpochEnd(stageIndex, epoch + 1, model);
    }
    return model;
  } finally {
    for (const t of terms) t.dispose();
    optimizer.dispose();
    disposePools(pools);
  }
}
