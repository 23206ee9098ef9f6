import { beforeAll, describe, expect, it } from 'vitest';
import type { TrainingPlan } from '../../formats/training-plan';
import { selectBackend } from './backend/select-backend';
import { runPlan } from './run-plan';
import { dannLoss, moonsPlan } from './test-support/moons-plan';

beforeAll(async () => {
  await selectBackend('wasm');
});

/** A CNN extractor (conv → pool → dense) on 8×8 digits: MNIST → optdigits with DANN. */
function cnnPlan(): TrainingPlan {
  const plan = moonsPlan({ losses: [dannLoss], epochs: 30, batchSize: 32, learningRate: 0.01 });
  const image = { width: 64, classes: 10, imageShape: [8, 8, 1] as [number, number, number] };
  plan.domains[0] = { ...plan.domains[0]!, ...image, dataset: { kind: 'builtin', id: 'mnist-8x8', options: { perClass: 30, seed: 1 } } };
  plan.domains[1] = { ...plan.domains[1]!, ...image, dataset: { kind: 'builtin', id: 'optdigits', options: { limit: 300, seed: 2 } } };
  plan.model.extractor = {
    ...plan.model.extractor,
    nodeType: 'cnnExtractor',
    kind: 'cnn',
    inputWidth: 64,
    imageShape: [8, 8, 1],
    layers: [
      { kind: 'conv2d', name: 'extractor/conv_0', filters: 8, kernelSize: 3, activation: 'relu' },
      { kind: 'maxPool2d', name: 'extractor/pool_0', poolSize: 2 },
      { kind: 'flatten', name: 'extractor/flatten' },
      { kind: 'dense', name: 'extractor/dense_0', units: 32, activation: 'relu', dropout: 0 },
    ],
    outputWidth: 32,
  };
  plan.model.head = { kind: 'classifier', nodeId: 'head', nodeType: 'classifierHead', name: 'head', layers: [{ kind: 'dense', name: 'head/logits', units: 10, activation: 'linear', dropout: 0 }], classes: 10 };
  plan.evaluation = { ...plan.evaluation, domainDistances: [], featureProjection: 'none' };
  return plan;
}

describe('a CNN extractor', () => {
  it('trains on WASM (its filter gradient is the runtime conv2d op) and learns the digits', async () => {
    const r = await runPlan(cnnPlan(), { backend: 'wasm', parallelism: 1, onEvent: () => {} });
    expect(r.backend).toBe('wasm');
    // Ten classes: chance is 0.1. Source validation shows the network learned from its labels.
    expect(r.models.method.splits.sourceValidation!.accuracy.mean).toBeGreaterThan(0.5);
    expect(r.models.method.splits.test!.accuracy.mean).toBeGreaterThan(0.3);
  }, 120_000);
});
