import * as tf from '@tensorflow/tfjs';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { PlanLayer } from '../../../formats/training-plan';
import { selectBackend } from '../backend/select-backend';
import { exportModel } from '../node/export-model-files';
import { loadExportedModel } from '../node/load-exported-model';
import { Model, type ModelSpec } from './model';

let dir = '';
beforeAll(async () => {
  await selectBackend('wasm');
  dir = await mkdtemp(path.join(tmpdir(), 'stepstone-export-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

function spec(layers: PlanLayer[], imageShape: [number, number, number] | null, width: number): ModelSpec {
  return {
    extractor: { kind: layers.some((l) => l.kind === 'conv2d') ? 'cnn' : 'mlp', inputWidth: width, imageShape, layers },
    heads: [{ key: 'head', layers: [{ kind: 'dense', name: 'head/dense_0', units: 8, activation: 'tanh', dropout: 0 }, { kind: 'dense', name: 'head/logits', units: 3, activation: 'linear', dropout: 0 }], domainNodeId: null, kind: 'classes', classes: 3, weight: 1 }],
    decoder: false,
  };
}

const cases: [string, ModelSpec][] = [
  ['mlp', spec([{ kind: 'dense', name: 'extractor/dense_0', units: 16, activation: 'relu', dropout: 0 }, { kind: 'dense', name: 'features', units: 6, activation: 'elu', dropout: 0.2 }], null, 5)],
  [
    'cnn',
    spec(
      [
        { kind: 'conv2d', name: 'extractor/conv_0', filters: 4, kernelSize: 3, activation: 'relu' },
        { kind: 'maxPool2d', name: 'extractor/pool_0', poolSize: 2 },
        { kind: 'conv2d', name: 'extractor/conv_1', filters: 5, kernelSize: 3, activation: 'sigmoid' },
        { kind: 'flatten', name: 'extractor/flatten' },
        { kind: 'dense', name: 'features', units: 7, activation: 'relu', dropout: 0 },
      ],
      [8, 8, 1],
      64,
    ),
  ],
];

describe('exportModel / loadExportedModel', () => {
  for (const [name, s] of cases) {
    it(`${name}: the loaded TF.js model predicts what the runtime model predicts`, async () => {
      const before = tf.memory().numTensors;
      const model = new Model(s, 11);
      const width = s.extractor.inputWidth;
      const x = tf.randomNormal([20, width], 0, 1, 'float32', 3) as tf.Tensor2D;
      const expected = model.probabilities(x, 0);
      const out = await exportModel(model, 0, dir, `${name} model`);
      expect(out).toBe(path.join(dir, `${name}-model`));
      const json = JSON.parse(await readFile(path.join(out, 'model.json'), 'utf8')) as { format: string; weightsManifest: { paths: string[] }[] };
      expect(json.format).toBe('layers-model');
      expect(json.weightsManifest[0]!.paths).toEqual(['weights.bin']);
      const loaded = await loadExportedModel(out);
      const diff = tf.tidy(() => tf.max(tf.abs(tf.sub(tf.softmax(loaded.predict(x) as tf.Tensor2D), expected))).dataSync()[0]!);
      expect(diff).toBeLessThan(1e-5);
      for (const t of [x, expected]) t.dispose();
      loaded.dispose();
      model.dispose();
      expect(tf.memory().numTensors).toBe(before);
    });
  }
});
