import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { pretrainedExtractorNode } from '../../../nodes/pretrained-extractor/pretrained-extractor';
import { pretrainedFrozen } from '../../compiler/build-uploaded-extractor';
import { selectBackend } from '../backend/select-backend';
import { FlatAdam } from '../train/flat-adam';
import { StageStepper } from '../train/stage-step';
import { Model, type ModelSpec } from './model';
import { toSequential } from './export-model';
import { UploadedGraph } from './uploaded-graph';
import { UploadedStack } from './uploaded-stack';
import { checkLayerClasses } from '../../datasets/model-artifacts';
import { decodeCheckpoint, encodeCheckpoint, weightsToTensors } from '../checkpoint-codec';

beforeAll(async () => {
  await selectBackend('wasm');
});

/** 4×4×1 → conv (+BN) → flatten → dense 'features' (6) → softmax: the uploaded model. Seeded: the same every run. */
function uploadedModel(): tf.LayersModel {
  const init = (seed: number) => tf.initializers.glorotUniform({ seed });
  const input = tf.input({ shape: [4, 4, 1], name: 'image' });
  let h = tf.layers.conv2d({ filters: 2, kernelSize: 3, padding: 'same', kernelInitializer: init(1), name: 'conv' }).apply(input) as tf.SymbolicTensor;
  h = tf.layers.batchNormalization({ name: 'bn' }).apply(h) as tf.SymbolicTensor;
  h = tf.layers.flatten({ name: 'flat' }).apply(h) as tf.SymbolicTensor;
  h = tf.layers.dense({ units: 6, activation: 'relu', kernelInitializer: init(2), name: 'features' }).apply(h) as tf.SymbolicTensor;
  return tf.model({ inputs: input, outputs: tf.layers.dense({ units: 3, activation: 'softmax', kernelInitializer: init(3), name: 'out' }).apply(h) as tf.SymbolicTensor });
}

function spec(graph: UploadedGraph, imageShape: [number, number, number] = [4, 4, 1]): ModelSpec {
  const width = imageShape[0] * imageShape[1] * imageShape[2];
  return {
    extractor: { kind: 'pretrained', inputWidth: width, imageShape, layers: [], uploaded: graph },
    heads: [{ key: 'head', layers: [{ kind: 'dense', name: 'head/logits', units: 2, activation: 'linear', dropout: 0 }], domainNodeId: null, kind: 'classes', classes: 2, weight: 1 }],
    decoder: false,
  };
}

/** Trains `steps` Adam steps on fixed data with the given frozen list; returns each weight before and after. */
function train(model: Model, frozen: string[], steps = 5): Map<string, { before: number[]; after: number[] }> {
  const before = new Map(model.namedVariables().map(([n, v]) => [n, Array.from(v.dataSync())]));
  const x = tf.tensor2d(Array.from({ length: 8 * 16 }, (_, i) => Math.abs(Math.sin(i))), [8, 16]);
  const y = tf.tensor1d([0, 1, 0, 1, 1, 0, 1, 0], 'int32');
  const batch = { x, y, oneHot: tf.oneHot(y, 2) as tf.Tensor2D, weights: null, n: 8 };
  const optimizer = new FlatAdam(0.05);
  const stepper = new StageStepper({ model, terms: [], classWeight: 1, sourceIsHead0: false }, optimizer, model.trainableVariables(frozen));
  for (let s = 0; s < steps; s++) stepper.step(() => ({ heads: [batch], source: null, target: null, progress: 0, dropoutSeed: s }));
  stepper.sync();
  stepper.dispose();
  optimizer.dispose();
  return new Map(model.namedVariables().map(([n, v]) => [n, { before: before.get(n)!, after: Array.from(v.dataSync()) }]));
}

const changed = (w: { before: number[]; after: number[] }) => w.before.some((v, i) => Math.abs(v - w.after[i]!) > 1e-6);

describe('an uploaded model as the extractor', () => {
  it('cuts the model at the picked layer: the features are that layer’s output with the uploaded weights', () => {
    const full = uploadedModel();
    const x = tf.randomUniform([5, 4, 4, 1], 0, 1, 'float32', 7);
    const expected = (tf.model({ inputs: full.inputs, outputs: full.getLayer('features').output as tf.SymbolicTensor }).predict(x) as tf.Tensor).arraySync() as number[][];
    const graph = new UploadedGraph(full, 'features');
    const model = new Model(spec(graph), 3);
    expect(model.featureWidth).toBe(6);
    const scratch = (model.extractor.apply(tf.reshape(x, [5, 16])) as tf.Tensor).arraySync() as number[][];
    expect(scratch.flat().some((v, i) => Math.abs(v - expected.flat()[i]!) > 1e-3)).toBe(true);
    (model.extractor as UploadedStack).loadPretrained();
    const loaded = (model.extractor.apply(tf.reshape(x, [5, 16])) as tf.Tensor).arraySync() as number[][];
    loaded.flat().forEach((v, i) => expect(v).toBeCloseTo(expected.flat()[i]!, 4));
    expect(new UploadedGraph(uploadedModel(), 'flat').featureWidth).toBe(32);
    model.dispose();
    graph.dispose();
  });

  it.each([
    ['all', { conv: false, features: false, head: true }],
    ['none', { conv: true, features: true, head: true }],
    ['from', { conv: false, features: true, head: true }],
  ] as const)('freeze %s: frozen weights are unchanged after training, the others train', (freeze, trains) => {
    const graph = new UploadedGraph(uploadedModel(), 'features');
    const model = new Model(spec(graph), 3);
    (model.extractor as UploadedStack).loadPretrained();
    const node = { id: 'ex', type: 'pretrainedExtractor', params: pretrainedExtractorNode.params.parse({ source: 'upload', freeze, trainFrom: 'features' }) } as Parameters<typeof pretrainedFrozen>[0];
    const frozen = pretrainedFrozen(node, { upload: { id: 'u', featureLayer: 'features', inputShape: [4, 4, 1], layers: ['conv', 'bn', 'flat', 'features'] } } as Parameters<typeof pretrainedFrozen>[1]);
    const w = train(model, frozen);
    expect(changed(w.get('extractor/conv/kernel')!)).toBe(trains.conv);
    expect(changed(w.get('extractor/features/kernel')!)).toBe(trains.features);
    expect(changed(w.get('head/logits/kernel')!)).toBe(trains.head);
    // BatchNorm's moving statistics never train (inference mode); gamma follows the freeze.
    expect(changed(w.get('extractor/bn/moving_mean')!)).toBe(false);
    expect(changed(w.get('extractor/bn/gamma')!)).toBe(trains.conv);
    model.dispose();
    graph.dispose();
  });

  it('its weights go through a checkpoint by name: a resumed model computes what the trained one did', async () => {
    const graph = new UploadedGraph(uploadedModel(), 'features');
    const trained = new Model(spec(graph), 3);
    (trained.extractor as UploadedStack).loadPretrained();
    train(trained, []);
    const weights = new Map<string, { shape: number[]; values: Float32Array }>();
    for (const [n, v] of trained.namedVariables()) weights.set(n, { shape: v.shape, values: (await v.data()) as Float32Array });
    const position = { stage: 0, epoch: 1, weights };
    const restored = decodeCheckpoint(encodeCheckpoint({ completed: {}, positions: new Map([['method:0', position]]) }))!.positions.get('method:0')!;
    const resumed = new Model(spec(graph), 99);
    const assigned = resumed.assign(weightsToTensors(restored.weights));
    expect(assigned).toEqual(expect.arrayContaining(['extractor/conv/kernel', 'extractor/bn/moving_mean', 'extractor/features/kernel', 'head/logits/kernel']));
    const x = tf.randomUniform([4, 16], 0, 1, 'float32', 5);
    const a = trained.probabilities(x, 0).arraySync() as number[][];
    (resumed.probabilities(x, 0).arraySync() as number[][]).flat().forEach((v, i) => expect(v).toBeCloseTo(a.flat()[i]!, 6));
    trained.dispose();
    resumed.dispose();
    graph.dispose();
  });

  it('resizes images and repeats grayscale to RGB for a 3-channel model', () => {
    const input = tf.input({ shape: [8, 8, 3] });
    const feat = tf.layers.globalAveragePooling2d({ name: 'features' }).apply(input) as tf.SymbolicTensor;
    const graph = new UploadedGraph(tf.model({ inputs: input, outputs: tf.layers.dense({ units: 2, name: 'out' }).apply(feat) as tf.SymbolicTensor }), 'features');
    const model = new Model(spec(graph, [4, 4, 1]), 1);
    const x = tf.tensor2d([Array.from({ length: 16 }, (_, i) => i / 16)]);
    const f = (model.extractor.apply(x) as tf.Tensor).arraySync() as number[][];
    // Bilinear resize keeps the mean of a linear ramp near its own; the three channels are the same grey.
    expect(f[0]).toHaveLength(3);
    expect(f[0]![0]).toBeCloseTo(f[0]![2]!, 6);
    expect(f[0]![0]).toBeGreaterThan(0.3);
    expect(() => toSequential(model, 0)).toThrow(/cannot be exported for 4×4 data/);
    model.dispose();
    graph.dispose();
  });

  it('exports the cut model with its head (grayscale repeated by a fixed 1×1 convolution); the export predicts as the model does', async () => {
    const input = tf.input({ shape: [4, 4, 3] });
    const conv = tf.layers.conv2d({ filters: 2, kernelSize: 3, padding: 'same', kernelInitializer: tf.initializers.glorotUniform({ seed: 4 }), name: 'conv' }).apply(input) as tf.SymbolicTensor;
    const feat = tf.layers.globalAveragePooling2d({ name: 'features' }).apply(conv) as tf.SymbolicTensor;
    const graph = new UploadedGraph(tf.model({ inputs: input, outputs: tf.layers.dense({ units: 2, name: 'out' }).apply(feat) as tf.SymbolicTensor }), 'features');
    const model = new Model(spec(graph, [4, 4, 1]), 1);
    (model.extractor as UploadedStack).loadPretrained();
    const x = tf.tensor2d([Array.from({ length: 16 }, (_, i) => Math.sin(i))]);
    const exported = toSequential(model, 0);
    const direct = model.probabilities(x, 0).arraySync() as number[][];
    const viaExport = tf.softmax(exported.predict(x) as tf.Tensor2D).arraySync() as number[][];
    viaExport[0]!.forEach((v, i) => expect(v).toBeCloseTo(direct[0]![i]!, 4));
    // Saved and loaded back as any TF.js program would (the cut model is nested, as a layer).
    let saved: tf.io.ModelArtifacts | null = null;
    await exported.save(tf.io.withSaveHandler(async (a) => ((saved = a), { modelArtifactsInfo: { dateSaved: new Date(), modelTopologyType: 'JSON' } })));
    const reloaded = await tf.loadLayersModel(tf.io.fromMemory(saved!));
    const again = tf.softmax(reloaded.predict(x) as tf.Tensor2D).arraySync() as number[][];
    again[0]!.forEach((v, i) => expect(v).toBeCloseTo(direct[0]![i]!, 4));
    checkLayerClasses(saved!.modelTopology as Record<string, unknown>, 'export');
    model.dispose();
    graph.dispose();
  });
});
