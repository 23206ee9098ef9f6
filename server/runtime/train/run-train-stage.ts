import * as tf from '@tensorflow/tfjs';
import type { PlanStage } from '../../../formats/training-plan';
import { throwIfAborted } from '../abort-error';
import { createEventLoopYielder } from './event-loop-yielder';
import { sparseSoftmaxCrossEntropy } from '../losses/cross-entropy';
import { Model } from '../model/model';
import { SeededRandom } from '../ops/seeded-random';
import { accuracyOf } from './evaluate-model';
import { learningRateAt, makeOptimizer, setLearningRate } from './schedules';
import type { LossBatch, LossTerm, TrackState } from './types';

/** Rows a head learns from: merged features, labels and optional per-row weights. */
interface Pool {
  readonly x: tf.Tensor2D;
  readonly y: tf.Tensor1D;
  readonly weights: tf.Tensor1D | null;
  readonly n: number;
  /** Whether the pool owns its tensors (merged copies) or borrows a domain's. */
  readonly owned: boolean;
}

export interface StageOptions {
  /** Per-domain row weights (TrAdaBoost): rows are weighted in the classification loss. */
  readonly rowWeights?: ReadonlyMap<string, Float32Array>;
  /** Emit epoch events and checkpoints (false for boosting's inner fits). */
  readonly report?: boolean;
  /** Seed of fresh weights (default: the track seed + stage index). */
  readonly initSeed?: number;
}

function mergeRows(state: TrackState, domainIds: readonly string[], filter: (y: number) => boolean, rowWeights?: ReadonlyMap<string, Float32Array>): Pool | null {
  const xs: Float32Array[] = [];
  const ys: number[] = [];
  const ws: number[] = [];
  let width = 0;
  for (const id of domainIds) {
    const d = state.domains.get(id);
    if (!d) continue;
    const p = d.prepared;
    width = p.width;
    const w = rowWeights?.get(id);
    for (let i = 0; i < p.train.n; i++) {
      const label = p.train.y[i]!;
      if (label < 0 || !filter(label)) continue;
      xs.push(p.train.x.subarray(i * p.width, (i + 1) * p.width));
      ys.push(label);
      ws.push(w ? w[i]! : 1);
    }
  }
  if (ys.length === 0) return null;
  const x = new Float32Array(ys.length * width);
  xs.forEach((row, i) => x.set(row, i * width));
  return {
    x: tf.tensor2d(x, [ys.length, width]),
    y: tf.tensor1d(ys, 'int32'),
    weights: rowWeights ? tf.tensor1d(ws) : null,
    n: ys.length,
    owned: true,
  };
}

function allRows(state: TrackState, domainIds: readonly string[]): Pool | null {
  const ids = domainIds.filter((id) => state.domains.has(id));
  if (ids.length === 0) return null;
  if (ids.length === 1) {
    const d = state.domains.get(ids[0]!)!;
    return { x: d.trainX, y: tf.zeros([0], 'int32'), weights: null, n: d.prepared.train.n, owned: false };
  }
  const x = tf.concat(ids.map((id) => state.domains.get(id)!.trainX)) as tf.Tensor2D;
  return { x, y: tf.zeros([0], 'int32'), weights: null, n: x.shape[0], owned: true };
}

function disposePool(p: Pool | null): void {
  if (!p) return;
  p.y.dispose();
  p.weights?.dispose();
  if (p.owned) p.x.dispose();
}

/** Cross-entropy (classes) or squared distance to the class attribute vector (zero-shot), row-weighted mean. */
function headLoss(out: tf.Tensor2D, y: tf.Tensor1D, weights: tf.Tensor1D | null, head: Model['spec']['heads'][number]): tf.Scalar {
  if (head.kind === 'classes') return sparseSoftmaxCrossEntropy(out, y, weights ? { weights } : {});
  const attrs = tf.tensor2d(head.attributes!.map((a) => [...a]));
  const perRow = tf.mean(tf.square(tf.sub(out, tf.gather(attrs, y))), 1);
  if (!weights) return tf.mean(perRow);
  return tf.div(tf.sum(tf.mul(perRow, weights)), tf.maximum(tf.sum(weights), 1e-12));
}

/**
 * Runs one gradient stage ('train', 'fineTune', 'pretrainAutoencoder', and boosting's inner fits): seeded
 * mini-batches of each head's labelled rows (and of the adaptation pair when a loss term needs it), the
 * optimizer and learning-rate schedule of the plan, frozen layers left out of the variable list.
 * Returns the trained model (the track's model afterwards).
 */
export async function runTrainStage(
  stage: PlanStage,
  stageIndex: number,
  state: TrackState,
  buildTerms: (model: Model) => LossTerm[],
  options: StageOptions = {},
): Promise<Model> {
  const report = options.report ?? true;
  const spec = state.modelSpec;
  let model = state.model;
  if (stage.init === 'scratch' || !model) {
    state.model?.dispose();
    model = new Model(spec, options.initSeed ?? state.seed * 7919 + stageIndex + 1);
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

  const rng = new SeededRandom(state.seed * 31 + stageIndex);
  const pretrain = stage.kind === 'pretrainAutoencoder';
  const classification = stage.losses.find((l) => l.kind === 'classification');
  const classWeight = classification ? classification.weight : 1;
  const labelledIds = pretrain ? [] : classification && classification.domains.length > 0 ? classification.domains : stage.labelledDomains;

  const heads = spec.heads;
  const pools: (Pool | null)[] = [];
  const fromId = stage.adapt?.from ?? state.sourceIds[0] ?? '';
  const toId = stage.adapt?.to ?? state.targetId;
  let sourcePool: Pool | null = null;
  let targetPool: Pool | null = null;
  const optimizer = makeOptimizer(stage.optimizer);
  const terms: LossTerm[] = [];
  try {
    // Built once the stage's starting weights exist (f_old, the domain classifier's input width).
    terms.push(...buildTerms(model));
    for (const head of heads) {
      const ids = head.domainNodeId === null ? labelledIds : labelledIds.includes(head.domainNodeId) ? [head.domainNodeId] : [];
      const unseen = new Set(head.unseen ?? []);
      pools.push(mergeRows(state, ids, (label) => !unseen.has(label), options.rowWeights));
    }
    if (pretrain) {
      const ids = [...new Set([...stage.labelledDomains, ...(spec.extractor.kind === 'autoencoder' ? (state.plan.model.extractor.pretrain?.domains ?? []) : [])])];
      sourcePool = allRows(state, ids.length > 0 ? ids : [...state.domains.keys()]);
    } else if (terms.some((t) => t.needsAdaptation)) {
      sourcePool = allRows(state, [fromId]);
      targetPool = allRows(state, [toId]);
    }
    const sizes = [...pools.map((p) => p?.n ?? 0), sourcePool?.n ?? 0, targetPool?.n ?? 0];
    const batch = stage.batchSize;
    const steps = Math.max(1, ...sizes.map((n) => Math.ceil(n / batch)));
    if (sizes.every((n) => n === 0)) throw new Error(`Stage "${stage.name}" has no rows to train on.`);

    const varList = [...model.trainableVariables(stage.frozen), ...terms.flatMap((t) => [...t.variables])];
    const totalSteps = stage.epochs * steps;
    const yieldToEventLoop = createEventLoopYielder();
    for (let epoch = startEpoch; epoch < stage.epochs; epoch++) {
      const orders = [...pools, sourcePool, targetPool].map((p) => (p ? rng.permutation(p.n) : null));
      const sums = new Map<string, number>();
      let lr = stage.optimizer.learningRate;
      for (let step = 0; step < steps; step++) {
        await yieldToEventLoop();
        throwIfAborted(state.signal);
        const progress = (epoch * steps + step) / totalSteps;
        lr = learningRateAt(stage.optimizer, progress, epoch);
        setLearningRate(optimizer, lr);
        const values = tf.tidy(() => {
          const pick = (k: number, p: Pool | null): tf.Tensor1D | null => {
            const order = orders[k];
            if (!p || !order) return null;
            const size = Math.min(batch, p.n);
            const idx = new Int32Array(size);
            for (let i = 0; i < size; i++) idx[i] = order[(step * batch + i) % p.n]!;
            return tf.tensor1d(idx, 'int32');
          };
          const termValues: tf.Scalar[] = [];
          let kept: tf.Tensor | null = null;
          const cost = optimizer.minimize(
            () => {
              const labelled = pools.map((p, k) => {
                const idx = pick(k, p);
                if (!p || !idx) return null;
                const x = tf.gather(p.x, idx) as tf.Tensor2D;
                return { x, y: tf.gather(p.y, idx) as tf.Tensor1D, weights: p.weights ? (tf.gather(p.weights, idx) as tf.Tensor1D) : null, fwd: model.forward(x, state.seed + epoch * steps + step) };
              });
              const adapt = (k: number, p: Pool | null) => {
                const idx = pick(k, p);
                if (!p || !idx) return null;
                const x = tf.gather(p.x, idx) as tf.Tensor2D;
                return { x, fwd: model.forward(x) };
              };
              const lb: LossBatch = { model, labelled, source: adapt(pools.length, sourcePool), target: adapt(pools.length + 1, targetPool), progress };
              let total: tf.Scalar = tf.scalar(0);
              let cls: tf.Scalar = tf.scalar(0);
              labelled.forEach((b, k) => {
                if (!b) return;
                const head = heads[k]!;
                cls = tf.add(cls, tf.mul(headLoss(b.fwd.outputs[k]!, b.y, b.weights, head), head.weight * classWeight));
              });
              total = tf.add(total, cls);
              termValues.push(cls);
              for (const term of terms) {
                const v = term.compute(lb);
                termValues.push(v);
                total = tf.add(total, v);
              }
              termValues.push(total);
              // The optimizer frees intermediates: keep the stacked term values past its tidy.
              kept = tf.keep(tf.stack(termValues));
              return total;
            },
            false,
            varList,
          );
          void cost;
          const k = kept as tf.Tensor | null;
          if (!k) return new Float32Array(0);
          const v = k.dataSync() as Float32Array;
          k.dispose();
          return v;
        });
        const names = ['classification', ...terms.map((t) => t.name), 'total'];
        names.forEach((n, i) => sums.set(n, (sums.get(n) ?? 0) + (values[i] ?? 0)));
      }
      if (report) {
        const metrics: Record<string, number> = {};
        for (const [k, v] of sums) metrics[k] = v / steps;
        if (pretrain) delete metrics.classification;
        metrics.lr = lr;
        const p = (epoch + 1) / stage.epochs;
        for (const t of terms) Object.assign(metrics, t.metrics?.(p) ?? {});
        Object.assign(metrics, epochAccuracies(state, model));
        state.emit({ type: 'epoch', track: state.track, stage: stageIndex, epoch: epoch + 1, epochs: stage.epochs, metrics });
        await state.onEpochEnd(stageIndex, epoch + 1, model);
      }
    }
    return model;
  } finally {
    for (const t of terms) t.dispose();
    optimizer.dispose();
    for (const p of pools) disposePool(p);
    disposePool(sourcePool);
    disposePool(targetPool);
  }
}

/** Source (training rows, true labels) and target (held-out) accuracy of the current model. */
export function epochAccuracies(state: TrackState, model: Model): Record<string, number> {
  const out: Record<string, number> = {};
  const source = state.domains.get(state.sourceIds[0] ?? '');
  const sourceHead = model.spec.heads.findIndex((h) => h.domainNodeId === state.sourceIds[0]);
  if (source && model.spec.heads[0]?.kind === 'classes') {
    out.sourceAccuracy = accuracyOf(model.predict(source.trainX, sourceHead >= 0 ? sourceHead : state.evalHead), source.prepared.trainTrueY);
  }
  const target = state.domains.get(state.targetId);
  if (target?.testX && target.prepared.test) out.targetAccuracy = accuracyOf(model.predict(target.testX, state.evalHead), target.prepared.test.y);
  return out;
}
