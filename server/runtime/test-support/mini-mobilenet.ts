import * as tf from '@tensorflow/tfjs';
import { zipSync } from 'fflate';

/** Seeded Glorot initialiser: the same pre-trained model on every run of a test. */
const glorot = (seed: number) => tf.initializers.glorotUniform({ seed });

/**
 * A small network of MobileNet's layer kinds on 8×8×1 digits: Conv2D, then depthwise-separable blocks
 * (DepthwiseConv2D + 1×1 Conv2D), each followed by BatchNormalization and ReLU6, global average pooling ('features'),
 * and a softmax classifier ('logits'). Inference-mode BatchNorm only (the runtime fine-tunes with it frozen in statistics).
 */
export function miniMobileNet(classes: number, seed = 1): tf.LayersModel {
  const input = tf.input({ shape: [8, 8, 1], name: 'image' });
  let h = tf.layers.conv2d({ filters: 8, kernelSize: 3, padding: 'same', useBias: false, kernelInitializer: glorot(seed), name: 'conv1' }).apply(input) as tf.SymbolicTensor;
  h = tf.layers.batchNormalization({ momentum: 0.9, name: 'conv1_bn' }).apply(h) as tf.SymbolicTensor;
  h = tf.layers.reLU({ maxValue: 6, name: 'conv1_relu' }).apply(h) as tf.SymbolicTensor;
  const block = (x: tf.SymbolicTensor, i: number, filters: number, strides: number) => {
    let y = tf.layers.depthwiseConv2d({ kernelSize: 3, padding: 'same', strides, useBias: false, depthwiseInitializer: glorot(seed + 10 * i), name: `dw${i}` }).apply(x) as tf.SymbolicTensor;
    y = tf.layers.batchNormalization({ momentum: 0.9, name: `dw${i}_bn` }).apply(y) as tf.SymbolicTensor;
    y = tf.layers.reLU({ maxValue: 6, name: `dw${i}_relu` }).apply(y) as tf.SymbolicTensor;
    y = tf.layers.conv2d({ filters, kernelSize: 1, useBias: false, kernelInitializer: glorot(seed + 10 * i + 1), name: `pw${i}` }).apply(y) as tf.SymbolicTensor;
    y = tf.layers.batchNormalization({ momentum: 0.9, name: `pw${i}_bn` }).apply(y) as tf.SymbolicTensor;
    return tf.layers.reLU({ maxValue: 6, name: `pw${i}_relu` }).apply(y) as tf.SymbolicTensor;
  };
  h = block(h, 1, 16, 1);
  h = block(h, 2, 16, 2);
  h = tf.layers.globalAveragePooling2d({ name: 'features' }).apply(h) as tf.SymbolicTensor;
  const out = tf.layers.dense({ units: classes, activation: 'softmax', kernelInitializer: glorot(seed + 99), name: 'logits' }).apply(h) as tf.SymbolicTensor;
  return tf.model({ inputs: input, outputs: out, name: 'mini_mobilenet' });
}

/** Pre-trains with Keras-style fit (BatchNorm learns its statistics), in order (no shuffling): deterministic. */
export async function pretrain(model: tf.LayersModel, x: Float32Array, y: Int32Array, classes: number, epochs: number): Promise<void> {
  const n = y.length;
  const xs = tf.tensor4d(x, [n, 8, 8, 1]);
  const ys = tf.oneHot(tf.tensor1d(y, 'int32'), classes);
  model.compile({ optimizer: tf.train.adam(0.02), loss: 'categoricalCrossentropy' });
  await model.fit(xs, ys, { epochs, batchSize: 64, shuffle: false, verbose: 0 });
  xs.dispose();
  ys.dispose();
}

/** model.save in TF.js format, the files zipped as a user would upload them (model.json + weights.bin). */
export async function savedModelZip(model: tf.LayersModel, extraFiles: Record<string, Uint8Array> = {}, mutate?: (json: Record<string, unknown>) => void): Promise<Uint8Array> {
  let files: Record<string, Uint8Array> = {};
  await model.save(
    tf.io.withSaveHandler(async (artifacts) => {
      const data = artifacts.weightData as ArrayBuffer;
      const json: Record<string, unknown> = {
        format: 'layers-model',
        generatedBy: artifacts.generatedBy,
        convertedBy: null,
        modelTopology: artifacts.modelTopology,
        weightsManifest: [{ paths: ['weights.bin'], weights: artifacts.weightSpecs }],
      };
      mutate?.(json);
      files = { 'model.json': new TextEncoder().encode(JSON.stringify(json)), 'weights.bin': new Uint8Array(data) };
      return { modelArtifactsInfo: { dateSaved: new Date(), modelTopologyType: 'JSON' } };
    }),
  );
  return zipSync({ ...files, ...extraFiles });
}
