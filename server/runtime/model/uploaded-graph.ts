import * as tf from '@tensorflow/tfjs';
import { param } from '../ops/param-binding';

/** One weight of the uploaded model: its runtime name, the TF.js layer variable, and whether it trains. */
export interface UploadedWeight {
  /** `extractor/<layer>/<weight>`, e.g. extractor/conv1/kernel: the prefix Model.trainableVariables freezes by. */
  readonly name: string;
  readonly variable: tf.LayerVariable;
  /** BatchNorm's moving statistics are not: they stay as loaded (the layers run in inference mode). */
  readonly trainable: boolean;
  /** The uploaded value (a copy: an export writes the trained values into the template's variables). */
  readonly loaded: tf.Tensor;
}

/**
 * An uploaded model truncated at its feature layer (tf.model({ inputs, outputs: layer.output })), prepared once
 * per run. Its layers are TF.js's own classes; they read their weights through `read()`, which is redirected here to
 * the weights of the Model being run (`withWeights`), seen through `param` — so a training step differentiates
 * the flat parameter vector exactly as for the runtime's own layers. The template's variables keep the uploaded
 * values and are never trained.
 */
export class UploadedGraph {
  readonly weights: readonly UploadedWeight[];
  readonly sub: tf.LayersModel;
  /** The model's input shape without the batch axis ([h, w, c] or [width]). */
  readonly inputShape: readonly number[];
  readonly featureWidth: number;
  private bound: ReadonlyMap<tf.LayerVariable, tf.Tensor> | null = null;

  constructor(
    private readonly full: tf.LayersModel,
    readonly featureLayer: string,
  ) {
    this.sub = truncatedModel(full, featureLayer);
    this.inputShape = full.inputs[0]!.shape.slice(1) as number[];
    this.featureWidth = (this.sub.outputs[0]!.shape.slice(1) as number[]).reduce((a, d) => a * d, 1);
    const weights: UploadedWeight[] = [];
    for (const layer of this.sub.layers) {
      for (const v of layer.weights) {
        const short = v.originalName.split('/').pop()!;
        const own = v.read();
        weights.push({ name: `extractor/${layer.name}/${short}`, variable: v, trainable: v.trainable, loaded: own.clone() });
        v.read = () => {
          const w = this.bound?.get(v);
          return w ? param(w) : own;
        };
      }
    }
    this.weights = weights;
  }

  /** Runs `fn` with the layers reading `weights` (one Model's variables) instead of the uploaded values. */
  withWeights<R>(weights: ReadonlyMap<tf.LayerVariable, tf.Tensor>, fn: () => R): R {
    const outer = this.bound;
    this.bound = weights;
    try {
      return fn();
    } finally {
      this.bound = outer;
    }
  }

  /** Features of a batch already in the model's input shape ([n, ...inputShape]) → [n, featureWidth]. */
  apply(x: tf.Tensor, weights: ReadonlyMap<tf.LayerVariable, tf.Tensor>): tf.Tensor2D {
    // Inference mode: BatchNorm uses its moving statistics, Dropout is off (the usual way to fine-tune a CNN).
    const out = this.withWeights(weights, () => this.sub.apply(x, { training: false }) as tf.Tensor);
    return (out.rank === 2 ? out : tf.reshape(out, [-1, this.featureWidth])) as tf.Tensor2D;
  }

  dispose(): void {
    for (const w of this.weights) w.loaded.dispose();
    this.full.dispose();
  }
}

/** The uploaded model cut at `featureLayer` (its output becomes the feature stream). */
function truncatedModel(model: tf.LayersModel, featureLayer: string): tf.LayersModel {
  const layer = model.getLayer(featureLayer);
  const output = layer.output as tf.SymbolicTensor;
  return tf.model({ inputs: model.inputs, outputs: output, name: `${model.name}_features` });
}
