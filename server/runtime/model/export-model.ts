import * as tf from '@tensorflow/tfjs';
import type { Model } from './model';
import type { LayerStack } from './layer-stack';

/** Keras-safe layer name (TF.js layer names may not contain '/'). */
export function layerName(name: string): string {
  return name.replace(/[^A-Za-z0-9_.-]/g, '__');
}

/** Artifact names become directory names: keep them to one safe path segment. */
export function safeArtifactName(name: string): string {
  const clean = name.replace(/[^A-Za-z0-9_.-]+/g, '-').replace(/^[.-]+/, '');
  return clean.length > 0 ? clean.slice(0, 80) : 'model';
}

function addStack(seq: tf.Sequential, stack: LayerStack, first: { pending: boolean; width: number }): void {
  if (stack.inShape.kind === 'image' && stack.layers.length > 0) {
    const s = stack.inShape;
    seq.add(tf.layers.reshape({ targetShape: [s.h, s.w, s.c], inputShape: [first.width], name: 'input_reshape' }));
    first.pending = false;
  }
  const input = () => (first.pending ? { inputShape: [first.width] } : {});
  for (const l of stack.layers) {
    const spec = l.spec;
    let layer: tf.layers.Layer | null = null;
    switch (spec.kind) {
      case 'dense':
        if (l.inShape.kind === 'image') seq.add(tf.layers.flatten({ name: `${layerName(spec.name)}__flatten` }));
        layer = tf.layers.dense({ units: spec.units, activation: spec.activation, name: layerName(spec.name), ...input() });
        break;
      case 'conv2d':
        layer = tf.layers.conv2d({ filters: spec.filters, kernelSize: spec.kernelSize, padding: 'same', activation: spec.activation, name: layerName(spec.name) });
        break;
      case 'maxPool2d':
        // The runtime skips a pool larger than its input; so does the export.
        if (l.inShape.kind === 'image' && (l.inShape.h < spec.poolSize || l.inShape.w < spec.poolSize)) continue;
        layer = tf.layers.maxPooling2d({ poolSize: spec.poolSize, strides: spec.poolSize, padding: 'valid', name: layerName(spec.name) });
        break;
      case 'flatten':
        layer = tf.layers.flatten({ name: layerName(spec.name) });
        break;
    }
    seq.add(layer);
    first.pending = false;
    if (l.kernel && l.bias) layer.setWeights([l.kernel, l.bias]);
  }
  if (stack.outShape.kind === 'image' && stack.layers.length > 0) seq.add(tf.layers.flatten({ name: 'features_flatten' }));
}

/**
 * An equivalent tf.sequential of the model's extractor and one head (copied weights): the form exported models
 * take, so that any TF.js program can load them with tf.loadLayersModel.
 */
export function toSequential(model: Model, headIndex: number): tf.Sequential {
  const seq = tf.sequential();
  const first = { pending: true, width: model.spec.extractor.inputWidth };
  addStack(seq, model.extractor, first);
  addStack(seq, model.heads[headIndex]!, first);
  return seq;
}
