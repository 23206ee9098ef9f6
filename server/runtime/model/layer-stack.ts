import * as tf from '@tensorflow/tfjs';
import type { PlanLayer } from '../../../formats/training-plan';
import { conv2d } from '../ops/conv2d';
import { dense } from '../ops/dense';
import { param } from '../ops/param-binding';
import { glorotUniformValues, type SeededRandom } from '../ops/seeded-random';

export type Activation = 'relu' | 'tanh' | 'sigmoid' | 'linear' | 'elu';

/** Shape of the tensor flowing between layers, without the batch axis. */
export type FlowShape = { kind: 'flat'; width: number } | { kind: 'image'; h: number; w: number; c: number };

export function activate(x: tf.Tensor, activation: Activation): tf.Tensor {
  switch (activation) {
    case 'relu':
      return tf.relu(x);
    case 'tanh':
      return tf.tanh(x);
    case 'sigmoid':
      return tf.sigmoid(x);
    case 'elu':
      return tf.elu(x);
    case 'linear':
      return x;
  }
}

export function flatWidth(shape: FlowShape): number {
  return shape.kind === 'flat' ? shape.width : shape.h * shape.w * shape.c;
}

/** Variables of one layer, keyed by `<layer name>/kernel` and `<layer name>/bias`. */
interface BuiltLayer {
  readonly spec: PlanLayer;
  readonly kernel?: tf.Variable;
  readonly bias?: tf.Variable;
  readonly inShape: FlowShape;
  readonly outShape: FlowShape;
}

/**
 * A chain of plan layers (dense / conv2d / maxPool2d / flatten) as TF.js variables with seeded Glorot
 * initialisation. Dense layers multiply through B1's matMul, whose gradient avoids WASM's slow transposed matMul.
 */
export class LayerStack {
  readonly layers: BuiltLayer[] = [];
  readonly outShape: FlowShape;

  constructor(
    specs: readonly PlanLayer[],
    readonly inShape: FlowShape,
    rng: SeededRandom,
    /** The stack's input is data (no gradient needed with respect to it): lets the first dense layer skip dx. */
    private readonly dataInput = false,
  ) {
    let shape = inShape;
    for (const spec of specs) {
      const built = buildLayer(spec, shape, rng);
      this.layers.push(built);
      shape = built.outShape;
    }
    this.outShape = shape;
  }

  /** Every variable, in layer order, with its name. */
  variables(): [string, tf.Variable][] {
    const out: [string, tf.Variable][] = [];
    for (const l of this.layers) {
      if (l.kernel) out.push([`${l.spec.name}/kernel`, l.kernel]);
      if (l.bias) out.push([`${l.spec.name}/bias`, l.bias]);
    }
    return out;
  }

  /**
   * Runs the stack. `x` is [n, flat width]; images are reshaped on the way in. `onLayer` sees every layer's output
   * (for MMD on named layers). `dropoutSeed` enables dropout (training only).
   */
  apply(x: tf.Tensor, onLayer?: (name: string, out: tf.Tensor) => void, dropoutSeed?: number): tf.Tensor {
    let h = x;
    if (this.inShape.kind === 'image' && h.rank === 2) h = tf.reshape(h, [-1, this.inShape.h, this.inShape.w, this.inShape.c]);
    let i = 0;
    for (const l of this.layers) {
      h = applyLayer(l, h, this.dataInput && i === 0);
      if (dropoutSeed !== undefined && l.spec.kind === 'dense' && l.spec.dropout > 0) h = tf.dropout(h, l.spec.dropout, undefined, dropoutSeed + i);
      onLayer?.(l.spec.name, h);
      i++;
    }
    if (h.rank > 2) h = tf.reshape(h, [-1, flatWidth(this.outShape)]);
    return h;
  }

  dispose(): void {
    for (const l of this.layers) {
      l.kernel?.dispose();
      l.bias?.dispose();
    }
  }
}

/** A trainable variable from an initial value; the initial tensor itself is freed (tf.variable keeps it alive). */
function variable(initial: tf.Tensor): tf.Variable {
  const v = tf.variable(initial, true);
  initial.dispose();
  return v;
}

function buildLayer(spec: PlanLayer, inShape: FlowShape, rng: SeededRandom): BuiltLayer {
  switch (spec.kind) {
    case 'dense': {
      const fanIn = flatWidth(inShape);
      const kernel = variable(tf.tensor2d(glorotUniformValues(rng, fanIn, spec.units), [fanIn, spec.units]));
      const bias = variable(tf.zeros([spec.units]));
      return { spec, kernel, bias, inShape, outShape: { kind: 'flat', width: spec.units } };
    }
    case 'conv2d': {
      if (inShape.kind !== 'image') throw new Error(`layer ${spec.name}: conv2d needs image input (set the data set's image shape)`);
      const k = spec.kernelSize;
      const fanIn = k * k * inShape.c;
      const fanOut = k * k * spec.filters;
      // Glorot over the receptive fields, drawn as a [fanIn, filters] block with the conv fan sizes.
      const limit = Math.sqrt(6 / (fanIn + fanOut));
      const values = new Float32Array(fanIn * spec.filters);
      for (let i = 0; i < values.length; i++) values[i] = rng.uniform(-limit, limit);
      const kernel = variable(tf.tensor4d(values, [k, k, inShape.c, spec.filters]));
      const bias = variable(tf.zeros([spec.filters]));
      return { spec, kernel, bias, inShape, outShape: { kind: 'image', h: inShape.h, w: inShape.w, c: spec.filters } };
    }
    case 'maxPool2d': {
      if (inShape.kind !== 'image') throw new Error(`layer ${spec.name}: maxPool2d needs image input`);
      const p = spec.poolSize;
      return { spec, inShape, outShape: { kind: 'image', h: Math.max(1, Math.floor(inShape.h / p)), w: Math.max(1, Math.floor(inShape.w / p)), c: inShape.c } };
    }
    case 'flatten':
      return { spec, inShape, outShape: { kind: 'flat', width: flatWidth(inShape) } };
  }
}

function applyLayer(l: BuiltLayer, h: tf.Tensor, isDataInput: boolean): tf.Tensor {
  const spec = l.spec;
  switch (spec.kind) {
    case 'dense': {
      const flat = h.rank > 2 ? tf.reshape(h, [-1, flatWidth(l.inShape)]) : h;
      const fused = spec.activation === 'relu' ? 'relu' : 'linear';
      const z = dense(flat as tf.Tensor2D, param(l.kernel as unknown as tf.Tensor2D), param(l.bias as unknown as tf.Tensor1D), { activation: fused, inputGrad: !isDataInput });
      return fused === 'relu' ? z : activate(z, spec.activation);
    }
    case 'conv2d': {
      // The runtime's conv2d: trainable on WASM (TF.js's conv2d gradient is not), bias and ReLU fused.
      const fused = spec.activation === 'relu' ? 'relu' : 'linear';
      const z = conv2d(h as tf.Tensor4D, param(l.kernel as unknown as tf.Tensor4D), { pad: 'same', bias: param(l.bias as unknown as tf.Tensor1D), activation: fused });
      return fused === 'relu' ? z : activate(z, spec.activation);
    }
    case 'maxPool2d': {
      const p = spec.poolSize;
      if (l.inShape.kind === 'image' && (l.inShape.h < p || l.inShape.w < p)) return h;
      return tf.maxPool(h as tf.Tensor4D, p, p, 'valid');
    }
    case 'flatten':
      return tf.reshape(h, [-1, flatWidth(l.inShape)]);
  }
}
