import * as tf from '@tensorflow/tfjs';
import type { SeededRandom } from '../ops/seeded-random';
import type { FlowShape } from './layer-stack';
import type { UploadedGraph } from './uploaded-graph';

/**
 * One Model's extractor when it is an uploaded model: its own variables for the uploaded graph's weights, named
 * `extractor/<layer>/<weight>`. A new stack starts from seeded random weights (the "same architecture from
 * scratch" of the baselines); `loadPretrained` copies the uploaded values in (the method's initialise step).
 * Inputs arrive as the domains' rows and are brought to the model's input shape here: images resized, grayscale
 * repeated to RGB (or RGB averaged to grayscale).
 */
export class UploadedStack {
  readonly layers: readonly never[] = [];
  readonly inShape: FlowShape;
  readonly outShape: FlowShape;
  /** Weights that never train (BatchNorm's moving statistics). */
  readonly fixed: ReadonlySet<string>;
  private readonly own: Map<tf.LayerVariable, tf.Variable>;
  private readonly named: [string, tf.Variable][];

  constructor(
    readonly graph: UploadedGraph,
    /** The domains' image shape ([h, w, c]), or null for feature vectors. */
    private readonly dataShape: readonly [number, number, number] | null,
    inputWidth: number,
    rng: SeededRandom,
  ) {
    this.inShape = dataShape ? { kind: 'image', h: dataShape[0], w: dataShape[1], c: dataShape[2] } : { kind: 'flat', width: inputWidth };
    this.outShape = { kind: 'flat', width: graph.featureWidth };
    this.own = new Map();
    this.named = graph.weights.map((w) => {
      const init = seededInit(w.name, w.loaded.shape, rng.fork(w.name));
      const v = tf.variable(init, true);
      init.dispose();
      this.own.set(w.variable, v);
      return [w.name, v];
    });
    this.fixed = new Set(graph.weights.filter((w) => !w.trainable).map((w) => w.name));
  }

  /** Copies the uploaded weights into this stack's variables. */
  loadPretrained(): void {
    for (const w of this.graph.weights) this.own.get(w.variable)!.assign(w.loaded);
  }

  variables(): [string, tf.Variable][] {
    return [...this.named];
  }

  /** `x` is [n, data width]; `onLayer` sees only 'features' (the model's inner layers are not named in plans). */
  apply(x: tf.Tensor, onLayer?: (name: string, out: tf.Tensor) => void): tf.Tensor {
    const input = this.toModelInput(x);
    const out = this.graph.apply(input, this.own);
    onLayer?.('features', out);
    return out;
  }

  /** Data rows → the model's input: reshaped to the data's image, resized, channels repeated or averaged. */
  toModelInput(x: tf.Tensor): tf.Tensor {
    const want = this.graph.inputShape;
    if (want.length === 1 || !this.dataShape) return x;
    const [h, w, c] = want as [number, number, number];
    let img = tf.reshape(x, [-1, ...this.dataShape]) as tf.Tensor4D;
    if (img.shape[1] !== h || img.shape[2] !== w) img = tf.image.resizeBilinear(img, [h, w]);
    if (img.shape[3] === 1 && c === 3) img = tf.tile(img, [1, 1, 1, 3]);
    else if (img.shape[3] === 3 && c === 1) img = tf.mean(img, 3, true) as tf.Tensor4D;
    return img;
  }

  dispose(): void {
    for (const [, v] of this.named) v.dispose();
  }
}

/**
 * Seeded initial values by the weight's role (Keras's defaults): Glorot-uniform kernels, ones for BatchNorm's
 * gamma and moving variance, zeros for biases, beta and the moving mean.
 */
function seededInit(name: string, shape: readonly number[], rng: SeededRandom): tf.Tensor {
  const short = name.split('/').pop()!;
  if (short === 'gamma' || short === 'moving_variance') return tf.ones([...shape]);
  if (!short.includes('kernel')) return tf.zeros([...shape]);
  const receptive = shape.slice(0, -2).reduce((a, d) => a * d, 1);
  const fanIn = receptive * (shape.at(-2) ?? 1);
  const fanOut = receptive * (shape.at(-1) ?? 1);
  const limit = Math.sqrt(6 / (fanIn + fanOut));
  const values = new Float32Array(shape.reduce((a, d) => a * d, 1));
  for (let i = 0; i < values.length; i++) values[i] = rng.uniform(-limit, limit);
  return tf.tensor(values, [...shape]);
}
