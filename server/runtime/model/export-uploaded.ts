import * as tf from '@tensorflow/tfjs';
import type { LayerStack } from './layer-stack';
import type { UploadedStack } from './uploaded-stack';

/**
 * The exported form of a model whose extractor is an uploaded model: the data row in, reshaped to the data's
 * image, resized and its channels repeated as the runtime does (standard Keras layers), then the uploaded model
 * cut at its feature layer (nested, with the trained weights), then the head's dense layers. Loadable by
 * tf.loadLayersModel like every other export.
 */
export function uploadedToLayersModel(stack: UploadedStack, head: LayerStack, inputWidth: number): tf.LayersModel {
  const graph = stack.graph;
  // The template's variables take the trained values (the uploaded ones are kept apart in graph.weights).
  const trained = new Map(stack.variables());
  for (const w of graph.weights) w.variable.write(trained.get(w.name)!);
  const input = tf.input({ shape: [inputWidth], name: 'input' });
  let h = preprocess(input, stack);
  h = graph.sub.apply(h) as tf.SymbolicTensor;
  if (h.shape.length > 2) h = tf.layers.flatten({ name: 'features_flatten' }).apply(h) as tf.SymbolicTensor;
  for (const l of head.layers) {
    if (l.spec.kind !== 'dense') throw new Error(`export: head layer ${l.spec.name} is not dense`);
    const dense = tf.layers.dense({ units: l.spec.units, activation: l.spec.activation, name: l.spec.name.replace(/[^A-Za-z0-9_.-]/g, '__') });
    h = dense.apply(h) as tf.SymbolicTensor;
    dense.setWeights([l.kernel!, l.bias!]);
  }
  return tf.model({ inputs: input, outputs: h, name: 'stepstone_uploaded' });
}

/** Flat row → the uploaded model's input (reshape, resize, grayscale → RGB by a fixed 1×1 convolution of ones). */
function preprocess(input: tf.SymbolicTensor, stack: UploadedStack): tf.SymbolicTensor {
  const want = stack.graph.inputShape;
  if (want.length === 1 || stack.inShape.kind !== 'image') return input;
  const s = stack.inShape;
  const [h, w, c] = want as [number, number, number];
  let x = tf.layers.reshape({ targetShape: [s.h, s.w, s.c], name: 'input_reshape' }).apply(input) as tf.SymbolicTensor;
  // The compiler refuses this (exportResize): tfjs-layers' Resizing layer gets its output shape wrong in a graph.
  if (s.h !== h || s.w !== w) throw new Error(`an uploaded model taking ${h}×${w} images cannot be exported for ${s.h}×${s.w} data`);
  if (s.c !== c) {
    const mix = tf.layers.conv2d({ filters: c, kernelSize: 1, useBias: false, trainable: false, name: 'input_channels' });
    x = mix.apply(x) as tf.SymbolicTensor;
    mix.setWeights([tf.fill([1, 1, s.c, c], 1 / s.c)]);
  }
  return x;
}
