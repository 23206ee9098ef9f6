import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import type { PlanLayer } from '../../../formats/training-plan';
import { selectBackend } from '../backend/select-backend';
import { Model, type ModelSpec } from '../model/model';
import { forwardStep, stepDropoutSeed, type StepSetup } from './stage-step';
import type { Batch } from './epoch-batches';

beforeAll(async () => {
  await selectBackend('wasm');
});

const dense = (name: string, units: number, dropout: number): PlanLayer => ({ kind: 'dense', name, units, activation: 'relu', dropout });
const spec: ModelSpec = {
  extractor: { kind: 'mlp', inputWidth: 3, imageShape: null, layers: [dense('extractor/dense_0', 16, 0.5), dense('features', 16, 0.5)] },
  heads: [{ key: 'head', layers: [{ kind: 'dense', name: 'head/logits', units: 2, activation: 'linear', dropout: 0 }], domainNodeId: null, kind: 'classes', classes: 2, weight: 1 }],
  decoder: false,
};

function batch(x: tf.Tensor2D): Batch {
  return { x, y: tf.zeros([x.shape[0]], 'int32'), oneHot: tf.oneHot(tf.zeros([x.shape[0]], 'int32'), 2) as tf.Tensor2D, weights: null, n: x.shape[0] };
}

const values = (t: tf.Tensor) => Array.from(t.dataSync());

/**
 * Dropout is a training-time transformation of every pass a loss reads: the classification pass and the
 * adaptation (source/target) passes alike. Before the joint [source; target] pass the adaptation sides were
 * forwarded without dropout, so MMD and the domain classifier saw a different network than the classifier.
 */
describe('dropout in the training step', () => {
  it('applies the same dropout to the classification and the adaptation passes', () => {
    tf.tidy(() => {
      const model = new Model(spec, 3);
      const xs = tf.randomNormal([6, 3], 0, 1, 'float32', 1) as tf.Tensor2D;
      const xt = tf.randomNormal([5, 3], 0, 1, 'float32', 2) as tf.Tensor2D;
      const seed = stepDropoutSeed(0, 7);
      const plain = model.forward(tf.concat([xs, xt]));
      for (const sourceIsHead0 of [true, false]) {
        const setup: StepSetup = { model, terms: [], classWeight: 1, sourceIsHead0 };
        const lb = forwardStep(setup, { heads: [batch(xs)], source: sourceIsHead0 ? null : batch(xs), target: batch(xt), progress: 0, dropoutSeed: seed });
        // The adaptation pass is a training pass: its features are the dropped-out ones, not the inference ones.
        const adapted = lb.pair!.fwd.features;
        expect(values(adapted)).not.toEqual(values(plain.features));
        expect(values(adapted)).toEqual(values(model.forward(tf.concat([xs, xt]), seed).features));
        // About half of the features are zeroed by dropout 0.5 (ReLU zeros come on top).
        const zeros = values(adapted).filter((v) => v === 0).length / adapted.size;
        expect(zeros).toBeGreaterThan(values(plain.features).filter((v) => v === 0).length / plain.features.size);
        // The labelled pass is a training pass too; when it is the source side, it is the very same rows' pass.
        const labelled = lb.labelled[0]!.fwd.features;
        expect(values(labelled)).not.toEqual(values(model.forward(xs).features));
        if (sourceIsHead0) expect(values(labelled)).toEqual(values(lb.source!.fwd.features));
      }
      model.dispose();
    });
  });

  it('draws a fresh mask per step and layer (no seed shared between consecutive steps)', () => {
    const seeds = new Set<number>();
    for (let at = 0; at < 50; at++) {
      const base = stepDropoutSeed(5, at);
      // Extractor layers i < 1000, heads k < 3 at 1000·(k+1) + i (Model.forward).
      for (const offset of [0, 1, 2, 9, 1000, 1001, 2000, 3000, 3005]) seeds.add(base + offset);
    }
    expect(seeds.size).toBe(50 * 9);
  });
});
