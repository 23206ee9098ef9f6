import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { selectBackend } from '../backend/select-backend';
import { logisticSpec, Model } from '../model/model';
import { objective, type StepBatches } from './stage-step';

beforeAll(async () => {
  await selectBackend('wasm');
});

/** A 3-input, 2-class logistic model with known kernel and bias. */
function model(): Model {
  const m = new Model(logisticSpec(3, 2), 0);
  m.assign(new Map<string, tf.Tensor>([['head/logits/kernel', tf.tensor2d([[1, -2], [0.5, 3], [-1, 0]])], ['head/logits/bias', tf.tensor1d([4, -4])]]));
  return m;
}

const noRows: StepBatches = { heads: [null], source: null, target: null, progress: 0, dropoutSeed: 0 };

describe('stage weight decay (issue 9 item 12: a regularised model for gradual self-training)', () => {
  it('adds (λ/2)·Σ‖W‖² over the kernels, not the biases, with gradient λ·W', () => {
    const m = model();
    const kernel = m.namedVariables().find(([n]) => n === 'head/logits/kernel')![1];
    const bias = m.namedVariables().find(([n]) => n === 'head/logits/bias')![1];
    const setup = { model: m, terms: [], classWeight: 1, sourceIsHead0: false, weightDecay: { rate: 0.1, kernels: [kernel] } };
    const values: tf.Scalar[] = [];
    let reported: number[] = [];
    const { value, grads } = tf.variableGrads(() => {
      const total = objective(setup, noRows, values);
      reported = values.map((v) => v.dataSync()[0]!);
      return total;
    }, [kernel, bias]);
    // Σ W² = 1 + 4 + 0.25 + 9 + 1 + 0 = 15.25; the biases (16 + 16) do not count.
    expect(value.dataSync()[0]).toBeCloseTo(0.05 * 15.25, 6);
    expect(Array.from(grads[kernel.name]!.dataSync())).toEqual([0.1, -0.2, 0.05, 0.3, -0.1, 0].map((v) => expect.closeTo(v, 6)));
    // No gradient reaches the bias at all.
    if (grads[bias.name]) expect(Array.from(grads[bias.name]!.dataSync())).toEqual([0, 0]);
    // Reported terms: classification (0) and the total; the penalty is in the total only.
    expect(reported).toEqual([0, expect.closeTo(0.05 * 15.25, 6)]);
    m.dispose();
  });

  it('adds nothing without a rate', () => {
    const m = model();
    const values: tf.Scalar[] = [];
    expect(objective({ model: m, terms: [], classWeight: 1, sourceIsHead0: false }, noRows, values).dataSync()[0]).toBe(0);
    m.dispose();
  });
});
