import * as tf from '@tensorflow/tfjs';
import type { PlanExtractor, PlanHead, PlanLayer } from '../../../formats/training-plan';
import { taskLayerName } from '../../../formats/plan-layer-names';
import { SeededRandom } from '../ops/seeded-random';
import { LayerStack, type FlowShape } from './layer-stack';
import type { UploadedGraph } from './uploaded-graph';
import { UploadedStack } from './uploaded-stack';
import { squaredDistances } from '../ops/squared-distances';

/** One output of the model: a classifier (logits over classes) or an embedding regressor (zero-shot). */
export interface HeadSpec {
  readonly key: string;
  readonly layers: readonly PlanLayer[];
  /** Domain whose labels this head learns (multi-task); null = every labelled domain. */
  readonly domainNodeId: string | null;
  readonly kind: 'classes' | 'embedding';
  readonly classes: number;
  /** Weight of this head's loss (multi-task w_k); 1 otherwise. */
  readonly weight: number;
  /** Embedding heads: class × dims attribute vectors, and classes withheld from training. */
  readonly attributes?: readonly (readonly number[])[];
  readonly unseen?: readonly number[];
}

export interface ModelSpec {
  /** `uploaded`: a user's pre-trained model cut at its feature layer (the plan's layers are then empty). */
  readonly extractor: Pick<PlanExtractor, 'kind' | 'inputWidth' | 'imageShape' | 'layers'> & { readonly uploaded?: UploadedGraph };
  readonly heads: readonly HeadSpec[];
  /** Autoencoder: a mirrored dense decoder from the features back to the input (reconstruction loss). */
  readonly decoder: boolean;
}

export interface ForwardResult {
  readonly features: tf.Tensor2D;
  /** Output of every named layer (extractor and heads), plus 'features'. */
  readonly layers: Map<string, tf.Tensor>;
  readonly outputs: tf.Tensor2D[];
}

/** Same extractor, a single classifier head (the head of `domainNodeId`'s task for multi-task plans): baselines. */
export function singleHeadSpec(spec: ModelSpec, headIndex: number): ModelSpec {
  const head = spec.heads[headIndex] ?? spec.heads[0]!;
  return { extractor: spec.extractor, heads: [{ ...head, domainNodeId: null, weight: 1 }], decoder: false };
}

/** Multinomial logistic regression on the raw inputs (TrAdaBoost's fast base learner). */
export function logisticSpec(width: number, classes: number): ModelSpec {
  return {
    extractor: { kind: 'mlp', inputWidth: width, imageShape: null, layers: [] },
    heads: [{ key: 'head', layers: [{ kind: 'dense', name: 'head/logits', units: classes, activation: 'linear', dropout: 0 }], domainNodeId: null, kind: 'classes', classes, weight: 1 }],
    decoder: false,
  };
}

export function headSpecs(head: PlanHead): HeadSpec[] {
  switch (head.kind) {
    case 'classifier':
      return [{ key: 'head', layers: withOutput(head.layers, 'head', head.classes), domainNodeId: null, kind: 'classes', classes: head.classes, weight: 1 }];
    case 'multiTask':
      return head.tasks.map((t, k) => {
        const key = `task_${k}`;
        // Tasks may reuse layer names; prefix them so each task's variables are distinct.
        const layers = t.layers.map((l) => ({ ...l, name: taskLayerName(k, l.name) }));
        return { key, layers: withOutput(layers, key, t.classes), domainNodeId: t.domainNodeId, kind: 'classes' as const, classes: t.classes, weight: t.weight };
      });
    case 'zeroShot': {
      const dims = head.classAttributes[0]?.length ?? 0;
      return [
        {
          key: 'head',
          layers: withOutput(head.layers, 'head', dims),
          domainNodeId: null,
          kind: 'embedding',
          classes: head.classAttributes.length,
          weight: 1,
          attributes: head.classAttributes,
          unseen: head.unseenClasses,
        },
      ];
    }
  }
}

/** Keeps a final linear layer of the right width, appending `<key>/logits` when the plan's layers stop short. */
function withOutput(layers: readonly PlanLayer[], key: string, units: number): PlanLayer[] {
  const last = layers[layers.length - 1];
  if (last && last.kind === 'dense' && last.units === units && last.activation === 'linear') return [...layers];
  const name = layers.some((l) => l.name === `${key}/logits`) ? `${key}/output` : `${key}/logits`;
  return [...layers, { kind: 'dense', name, units, activation: 'linear', dropout: 0 }];
}

function inputShape(extractor: ModelSpec['extractor']): FlowShape {
  const needsImage = extractor.layers.some((l) => l.kind === 'conv2d' || l.kind === 'maxPool2d');
  if (needsImage && extractor.imageShape) {
    const [h, w, c] = extractor.imageShape;
    return { kind: 'image', h, w, c };
  }
  return { kind: 'flat', width: extractor.inputWidth };
}

/** Extractor + head(s) (+ decoder) as TF.js variables; every forward pass is plain tf ops. */
export class Model {
  readonly extractor: LayerStack | UploadedStack;
  readonly heads: LayerStack[];
  readonly decoder: LayerStack | null;

  constructor(
    readonly spec: ModelSpec,
    seed: number,
  ) {
    const rng = new SeededRandom(seed);
    const ex = spec.extractor;
    this.extractor = ex.uploaded ? new UploadedStack(ex.uploaded, ex.imageShape, ex.inputWidth, rng.fork('extractor')) : new LayerStack(ex.layers, inputShape(ex), rng.fork('extractor'), true);
    const featureShape: FlowShape = { kind: 'flat', width: this.featureWidth };
    this.heads = spec.heads.map((h) => new LayerStack(h.layers, featureShape, rng.fork(h.key)));
    this.decoder = spec.decoder ? new LayerStack(decoderLayers(spec.extractor.layers, spec.extractor.inputWidth), featureShape, rng.fork('decoder')) : null;
  }

  get featureWidth(): number {
    const s = this.extractor.outShape;
    return s.kind === 'flat' ? s.width : s.h * s.w * s.c;
  }

  forward(x: tf.Tensor, dropoutSeed?: number): ForwardResult {
    const layers = new Map<string, tf.Tensor>();
    const features = this.extractor.apply(x, (name, out) => layers.set(name, out), dropoutSeed) as tf.Tensor2D;
    layers.set('features', features);
    const record = (name: string, out: tf.Tensor) => layers.set(name, out);
    // Head layers are recorded too: DAN adapts the task-specific layers, the logits included.
    const outputs = this.heads.map((h, k) => h.apply(features, record, dropoutSeed === undefined ? undefined : dropoutSeed + 1000 * (k + 1)) as tf.Tensor2D);
    return { features, layers, outputs };
  }

  /**
   * Predicted class per row: argmax of the logits, or the nearest class attribute vector (zero-shot); read
   * asynchronously (WebGPU has no synchronous read).
   */
  async predictAsync(x: tf.Tensor, headIndex: number): Promise<Int32Array> {
    const classes = tf.tidy(() => nearestOrArgmax(this.heads[headIndex]!.apply(this.extractor.apply(x)), this.spec.heads[headIndex]!));
    try {
      return (await classes.data()) as Int32Array;
    } finally {
      classes.dispose();
    }
  }

  /** Class scores (softmax probabilities, or softmax of −distance for embeddings), [n, classes]. */
  probabilities(x: tf.Tensor, headIndex: number): tf.Tensor2D {
    return tf.tidy(() => {
      const head = this.spec.heads[headIndex]!;
      const out = this.heads[headIndex]!.apply(this.extractor.apply(x)) as tf.Tensor2D;
      if (head.kind === 'classes') return tf.softmax(out);
      return tf.softmax(tf.neg(squaredDistances(out, tf.tensor2d(head.attributes!.map((a) => [...a])))));
    });
  }

  decode(features: tf.Tensor): tf.Tensor2D {
    if (!this.decoder) throw new Error('this model has no decoder');
    return this.decoder.apply(features) as tf.Tensor2D;
  }

  /** Every variable with a stable name, extractor first. */
  namedVariables(): [string, tf.Variable][] {
    return [...this.extractor.variables(), ...this.heads.flatMap((h) => h.variables()), ...(this.decoder?.variables() ?? [])];
  }

  /** Variables a stage may change: everything except layers named in `frozen` ('extractor' freezes the whole trunk). */
  trainableVariables(frozen: readonly string[]): tf.Variable[] {
    const fixed = this.extractor instanceof UploadedStack ? this.extractor.fixed : null;
    const isFrozen = (name: string) => fixed?.has(name) || frozen.some((f) => name === f || name.startsWith(`${f}/`) || (f === 'extractor' && name.startsWith('extractor/')));
    return this.namedVariables()
      .filter(([name]) => !isFrozen(name))
      .map(([, v]) => v);
  }

  /** Copies of every weight (kept outside any tidy). */
  snapshot(): Map<string, tf.Tensor> {
    return new Map(this.namedVariables().map(([name, v]) => [name, tf.keep(v.clone())]));
  }

  /** Assigns the weights whose name and shape match; returns the names assigned. */
  assign(weights: Map<string, tf.Tensor>): string[] {
    const done: string[] = [];
    for (const [name, v] of this.namedVariables()) {
      const w = weights.get(name);
      if (w && w.shape.join() === v.shape.join()) {
        v.assign(w);
        done.push(name);
      }
    }
    return done;
  }

  dispose(): void {
    this.extractor.dispose();
    for (const h of this.heads) h.dispose();
    this.decoder?.dispose();
  }
}

export function nearestOrArgmax(out: tf.Tensor, head: HeadSpec): tf.Tensor1D {
  if (head.kind === 'classes') return tf.argMax(out, 1).toInt() as tf.Tensor1D;
  return tf.argMin(squaredDistances(out as tf.Tensor2D, tf.tensor2d(head.attributes!.map((a) => [...a]))), 1).toInt() as tf.Tensor1D;
}

/** The autoencoder's decoder: the encoder's dense widths in reverse, ending linear at the input width. */
function decoderLayers(encoder: readonly PlanLayer[], inputWidth: number): PlanLayer[] {
  const widths = encoder.filter((l): l is Extract<PlanLayer, { kind: 'dense' }> => l.kind === 'dense').map((l) => l.units);
  const targets = [...widths.slice(0, -1).reverse(), inputWidth];
  return targets.map((units, i) => ({
    kind: 'dense' as const,
    name: `decoder/dense_${i}`,
    units,
    activation: i === targets.length - 1 ? ('linear' as const) : ('relu' as const),
    dropout: 0,
  }));
}
