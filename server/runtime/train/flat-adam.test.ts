import * as tf from '@tensorflow/tfjs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { selectBackend } from '../backend/select-backend';
import { SeededRandom } from '../ops/seeded-random';
import { FlatAdam } from './flat-adam';

beforeAll(async () => {
  await selectBackend('wasm');
});
afterAll(async () => {
  await selectBackend('wasm');
});

/** Seven Adam steps with a learning rate that changes each step, from both optimisers; returns both results. */
function sevenSteps(): { ours: number[]; reference: number[] } {
  const rng = new SeededRandom(4);
  const start = Float32Array.from({ length: 50 }, () => rng.normal());
  const grads = Array.from({ length: 7 }, () => Float32Array.from({ length: 50 }, () => rng.normal() * 3));
  const a = tf.variable(tf.tensor1d(start));
  const b = tf.variable(tf.tensor1d(start));
  const ref = tf.train.adam(0.01);
  const ours = new FlatAdam(0.01);
  grads.forEach((g, k) => {
    const lr = 0.01 / (1 + k);
    (ref as unknown as { learningRate: number }).learningRate = lr;
    ours.setLearningRate(lr);
    tf.tidy(() => ref.applyGradients([{ name: a.name, tensor: tf.tensor1d(g) }]));
    tf.tidy(() => ours.apply(b, tf.tensor1d(g)));
  });
  const out = { ours: Array.from(b.dataSync()), reference: Array.from(a.dataSync()) };
  tf.dispose([a, b]);
  ref.dispose();
  ours.dispose();
  return out;
}

describe('Adam on a flat vector', () => {
  it('takes exactly the steps tf.train.adam takes, bit for bit: the WASM kernel and the TF.js-ops path (pure-JS backend)', async () => {
    for (const backend of ['wasm', 'cpu'] as const) {
      await selectBackend(backend);
      const r = sevenSteps();
      expect(r.ours).toEqual(r.reference);
    }
  });

  it('is one kernel per step on WASM', async () => {
    await selectBackend('wasm');
    const p = tf.variable(tf.zeros([1000]));
    const adam = new FlatAdam(0.1);
    const g = tf.ones([1000]);
    adam.apply(p, g); // creates the moments
    const info = await tf.profile(() => adam.apply(p, g));
    expect(info.kernels.map((k) => k.name)).toEqual(['StepstoneAdamUpdate']);
    expect(p.dataSync()[0]).toBeCloseTo(-0.2, 5);
    tf.dispose([p, g]);
    adam.dispose();
  });
});
