import * as tf from '@tensorflow/tfjs';
import type { Model } from './model';
import type { LayerStack } from './layer-stack';
import { UploadedStack } from './uploaded-stack';
import { uploadedToLayersModel } from './export-uploaded';
import type { Ensemble } from '../boosting/ensemble';

/** Keras-safe layer name (TF.js layer names may not contain '/'). */
export function layerName(name: string): string {
  return name.replace(/[^A-Za-z0-9_.-]/g, '__');
}

/** Artifact names become directory names: keep them to one safe path segment. */
export function safeArtifactName(name: string): string {
  const clean = name.replace(/[^A-Za-z0-9_.-]+/g, '-').replace(/^[.-]+/, '');
  return clean.length > 0 ? clean.slice(0, 80) : 'model';
}

/** A layer of the exported form and the weights it takes once built. */
interface Piece {
  readonly layer: tf.layers.Layer;
  readonly weights: tf.Tensor[] | null;
}

/** The Keras layers of one stack; `prefix` keeps names unique when several models share one graph. */
function stackPieces(stack: LayerStack, first: { pending: boolean; width: number }, prefix = ''): Piece[] {
  const out: Piece[] = [];
  const add = (layer: tf.layers.Layer, weights: tf.Tensor[] | null = null) => {
    out.push({ layer, weights });
    first.pending = false;
  };
  if (stack.inShape.kind === 'image' && stack.layers.length > 0) {
    const s = stack.inShape;
    add(tf.layers.reshape({ targetShape: [s.h, s.w, s.c], inputShape: [first.width], name: `${prefix}input_reshape` }));
  }
  const input = () => (first.pending ? { inputShape: [first.width] } : {});
  for (const l of stack.layers) {
    const spec = l.spec;
    const name = `${prefix}${layerName(spec.name)}`;
    const weights = l.kernel && l.bias ? [l.kernel, l.bias] : null;
    switch (spec.kind) {
      case 'dense':
        if (l.inShape.kind === 'image') add(tf.layers.flatten({ name: `${name}__flatten` }));
        add(tf.layers.dense({ units: spec.units, activation: spec.activation, name, ...input() }), weights);
        break;
      case 'conv2d':
        add(tf.layers.conv2d({ filters: spec.filters, kernelSize: spec.kernelSize, padding: 'same', activation: spec.activation, name }), weights);
        break;
      case 'maxPool2d':
        // The runtime skips a pool larger than its input; so does the export.
        if (l.inShape.kind === 'image' && (l.inShape.h < spec.poolSize || l.inShape.w < spec.poolSize)) continue;
        add(tf.layers.maxPooling2d({ poolSize: spec.poolSize, strides: spec.poolSize, padding: 'valid', name }));
        break;
      case 'flatten':
        add(tf.layers.flatten({ name }));
        break;
    }
  }
  if (stack.outShape.kind === 'image' && stack.layers.length > 0) add(tf.layers.flatten({ name: `${prefix}features_flatten` }));
  return out;
}

/** The layers of the model's extractor and one head, in order. */
function modelPieces(model: Model, headIndex: number, prefix = '', functional = false): Piece[] {
  if (model.extractor instanceof UploadedStack) throw new Error('TrAdaBoost over an uploaded model cannot be exported');
  const first = { pending: !functional, width: model.spec.extractor.inputWidth };
  return [...stackPieces(model.extractor, first, prefix), ...stackPieces(model.heads[headIndex]!, first, prefix)];
}

/**
 * An equivalent tf.sequential of the model's extractor and one head (copied weights): the form exported models
 * take, so that any TF.js program can load them with tf.loadLayersModel.
 */
export function toSequential(model: Model, headIndex: number): tf.LayersModel {
  if (model.extractor instanceof UploadedStack) return uploadedToLayersModel(model.extractor, model.heads[headIndex]!, model.spec.extractor.inputWidth);
  const seq = tf.sequential();
  for (const p of modelPieces(model, headIndex)) {
    seq.add(p.layer);
    if (p.weights) p.layer.setWeights(p.weights);
  }
  return seq;
}

/**
 * TrAdaBoost's ensemble as one layers model: every voting round's network side by side on the same input,
 * softmax, scaled by its vote weight α_t (a fixed dense layer α_t·I) and summed — Σ α_t·softmax_t(x), the
 * runtime's vote. Standard Keras layers only, so tf.loadLayersModel reads it back.
 */
export function ensembleToLayersModel(e: Ensemble): tf.LayersModel {
  const width = e.members[0]!.spec.extractor.inputWidth;
  const input = tf.input({ shape: [width], name: 'input' });
  const outputs = e.members.map((m, t) => {
    let h = input as tf.SymbolicTensor;
    for (const p of modelPieces(m, e.head, `round_${t}__`, true)) {
      h = p.layer.apply(h) as tf.SymbolicTensor;
      if (p.weights) p.layer.setWeights(p.weights);
    }
    const k = m.spec.heads[e.head]!.classes;
    const probs = tf.layers.activation({ activation: 'softmax', name: `round_${t}__softmax` }).apply(h) as tf.SymbolicTensor;
    const vote = tf.layers.dense({ units: k, useBias: false, name: `round_${t}__vote` });
    const scaled = vote.apply(probs) as tf.SymbolicTensor;
    vote.setWeights([tf.mul(tf.eye(k), e.weights[t]!)]);
    return scaled;
  });
  const output = outputs.length === 1 ? outputs[0]! : (tf.layers.add({ name: 'vote' }).apply(outputs) as tf.SymbolicTensor);
  return tf.model({ inputs: input, outputs: output, name: 'tradaboost_ensemble' });
}

