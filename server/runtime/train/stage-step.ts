import * as tf from '@tensorflow/tfjs';
import { softmaxCrossEntropyOneHot } from '../losses/cross-entropy';
import type { ForwardResult, Model } from '../model/model';
import { param, withParams } from '../ops/param-binding';
import { withStepArena } from '../ops/step-arena';
import type { Batch } from './epoch-batches';
import { FlatAdam } from './flat-adam';
import { FlatParams } from './flat-params';
import type { LossBatch, LossTerm } from './types';

/**
 * The dropout seed of optimiser step `at`. A pass draws layer i's mask from seed + i and head k's layers from
 * seed + 1000·(k+1) + i (Model.forward), so steps are 4096 apart: with seed + at, layer 1 of step t and layer 0
 * of step t + 1 drew the same mask whenever their widths matched.
 */
export function stepDropoutSeed(trackSeed: number, at: number): number {
  return (trackSeed + at) * 4096;
}

/** One step's batches: one per head pool (null: no rows), the adaptation sides, progress and dropout seed. */
export interface StepBatches {
  readonly heads: readonly (Batch | null)[];
  /** The source side; ignored when it is head 0's batch (`sourceIsHead0`). */
  readonly source: Batch | null;
  readonly target: Batch | null;
  readonly progress: number;
  readonly dropoutSeed: number;
}

export interface StepSetup {
  readonly model: Model;
  readonly terms: readonly LossTerm[];
  /** Factor of the classification loss (the classification loss entry's weight). */
  readonly classWeight: number;
  readonly sourceIsHead0: boolean;
  /** Optional L2 penalty (rate/2)·Σ‖W‖² on these kernels (the stage's weightDecay). */
  readonly weightDecay?: { readonly rate: number; readonly kernels: readonly tf.Variable[] };
}

/** (rate/2)·Σ‖W‖² over the kernels, read through the step's parameter views so the penalty has a gradient. */
function weightPenalty(decay: NonNullable<StepSetup['weightDecay']>): tf.Scalar {
  const squares = decay.kernels.map((k) => tf.sum(tf.square(param(k))) as tf.Scalar);
  return tf.mul(squares.length === 1 ? squares[0]! : tf.addN(squares), decay.rate / 2) as tf.Scalar;
}

/** Rows [begin, begin + size) of a forward pass, sliced only when a loss reads them. */
function sliceForward(fwd: ForwardResult, begin: number, size: number): ForwardResult {
  const rows = <T extends tf.Tensor>(t: T) => tf.slice(t, begin, size) as T;
  let features: tf.Tensor2D | undefined;
  let outputs: tf.Tensor2D[] | undefined;
  let layers: Map<string, tf.Tensor> | undefined;
  return {
    get features() {
      return (features ??= rows(fwd.features));
    },
    get outputs() {
      return (outputs ??= fwd.outputs.map(rows));
    },
    get layers() {
      return (layers ??= new Map([...fwd.layers].map(([k, v]) => [k, rows(v)])));
    },
  };
}

/**
 * Classification: the fast one-hot cross-entropy, or squared distance to the class attributes (zero-shot).
 * Row weights (TrAdaBoost) are pool-level, mean 1 over the whole pool: a batch's loss is Σ wᵢℓᵢ / n, an unbiased
 * estimate of the pool's weighted mean loss. Dividing by the batch's own Σw would make a batch of faded source
 * rows count as much as one holding the heavy target rows, undoing the weights.
 */
export function headLoss(out: tf.Tensor2D, b: Batch, head: Model['spec']['heads'][number]): tf.Scalar {
  const scale = b.weights ? (tf.reshape(tf.div(b.weights, b.n), [-1, 1]) as tf.Tensor2D) : 1 / b.n;
  // Pools of classifier heads carry one-hot labels (stage-pools.ts).
  if (head.kind === 'classes') return softmaxCrossEntropyOneHot(out, b.oneHot!, scale);
  const attrs = tf.tensor2d(head.attributes!.map((a) => [...a]));
  const perRow = tf.reshape(tf.mean(tf.square(tf.sub(out, tf.gather(attrs, b.y!))), 1), [-1, 1]);
  return tf.sum(tf.mul(perRow, scale)) as tf.Scalar;
}

/**
 * The step's forward passes: the source and target sides as ONE pass over [source; target] (head 0's rows
 * reuse its source half when they are the same rows), other heads' rows on their own.
 */
export function forwardStep(s: StepSetup, b: StepBatches): LossBatch {
  const { model } = s;
  const xs = s.sourceIsHead0 ? b.heads[0]!.x : b.source?.x;
  let pair: LossBatch['pair'] = null;
  let source: LossBatch['source'] = null;
  let target: LossBatch['target'] = null;
  if (xs && b.target) {
    const ns = xs.shape[0];
    const fwd = model.forward(tf.concat([xs, b.target.x]), b.dropoutSeed);
    pair = { fwd, ns, nt: b.target.n };
    source = { x: xs, fwd: sliceForward(fwd, 0, ns) };
    target = { x: b.target.x, fwd: sliceForward(fwd, ns, b.target.n) };
  } else if (xs) {
    source = { x: xs, fwd: model.forward(xs, b.dropoutSeed) };
  }
  const labelled = b.heads.map((h, k) => {
    if (!h) return null;
    const fwd = k === 0 && s.sourceIsHead0 && source ? source.fwd : model.forward(h.x, b.dropoutSeed);
    return { x: h.x, y: h.y!, weights: h.weights, fwd };
  });
  return { model, labelled, source, target, pair, progress: b.progress };
}

/** The objective of one step; pushes [classification, each term…, total] into `values`. */
export function objective(s: StepSetup, b: StepBatches, values: tf.Scalar[]): tf.Scalar {
  const lb = forwardStep(s, b);
  const heads = s.model.spec.heads;
  const parts: tf.Scalar[] = [];
  lb.labelled.forEach((l, k) => {
    if (!l) return;
    const loss = headLoss(l.fwd.outputs[k]!, b.heads[k]!, heads[k]!);
    const factor = heads[k]!.weight * s.classWeight;
    parts.push(factor === 1 ? loss : (tf.mul(loss, factor) as tf.Scalar));
  });
  const cls = parts.length === 0 ? tf.scalar(0) : parts.length === 1 ? parts[0]! : (tf.addN(parts) as tf.Scalar);
  values.push(cls);
  const all = [cls];
  for (const term of s.terms) {
    const v = term.compute(lb);
    values.push(v);
    all.push(v);
  }
  // The weight penalty counts in the total (what is minimised), not as a reported term of its own.
  if (s.weightDecay && s.weightDecay.rate > 0 && s.weightDecay.kernels.length > 0) all.push(weightPenalty(s.weightDecay));
  const total = all.length === 1 ? cls : (tf.addN(all) as tf.Scalar);
  values.push(total);
  return total;
}

/**
 * A stage's optimiser steps over one flat parameter vector (see FlatParams), with the loss values summed on the
 * device: no host read inside the batch loop. `readLosses` reads the sums once per report.
 */
export class StageStepper {
  private readonly params: FlatParams | null;
  private sum: tf.Tensor1D | null = null;

  constructor(
    private readonly setup: StepSetup,
    /** FlatAdam updates the flat vector in one kernel; any TF.js optimizer works through minimize. */
    private readonly optimizer: tf.Optimizer | FlatAdam,
    varList: readonly tf.Variable[],
  ) {
    this.params = varList.length > 0 ? new FlatParams(varList) : null;
  }

  /** One optimiser step; `batches` is called inside the step's scope, so the batch slices die with it. */
  step(batches: () => StepBatches): void {
    const params = this.params;
    const next = tf.tidy(() => {
      const b = batches();
      let stacked: tf.Tensor1D | null = null;
      const f = () => {
        const values: tf.Scalar[] = [];
        const total = params ? withParams(params.views(), () => objective(this.setup, b, values)) : objective(this.setup, b, values);
        // The optimiser frees intermediates: keep the stacked term values past its tidy.
        stacked = tf.keep(tf.stack(values) as tf.Tensor1D);
        return total;
      };
      const optimizer = this.optimizer;
      if (!params) tf.tidy(f);
      else if (optimizer instanceof FlatAdam) {
        withStepArena(() => {
          const { value, grads } = tf.variableGrads(f, [params.flat]);
          optimizer.apply(params.flat, grads[params.flat.name]!);
          value.dispose();
        });
      } else withStepArena(() => optimizer.minimize(f, false, [params.flat]));
      const s = stacked as unknown as tf.Tensor1D;
      if (!this.sum) return s;
      const total = tf.add(this.sum, s) as tf.Tensor1D;
      s.dispose();
      return total;
    });
    this.sum?.dispose();
    this.sum = next;
  }

  /**
   * The loss values summed since the last read ([classification, terms…, total]), then reset. One host read,
   * asynchronous: WebGPU has no synchronous read in Node, and elsewhere it lets the device finish in its own time.
   */
  async readLosses(): Promise<Float32Array> {
    const sum = this.sum;
    this.sum = null;
    if (!sum) return new Float32Array(0);
    const values = (await sum.data()) as Float32Array;
    sum.dispose();
    return values;
  }

  /** Writes the trained weights into the model's variables (before anyone reads them). */
  sync(): void {
    this.params?.writeBack();
  }

  dispose(): void {
    this.sum?.dispose();
    this.sum = null;
    this.params?.dispose();
  }
}
