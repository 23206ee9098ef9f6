import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { selectBackend } from '../backend/select-backend';
import { logisticSpec } from '../model/model';
import { headLoss } from './stage-step';

beforeAll(async () => {
  await selectBackend('wasm');
});

const head = logisticSpec(2, 2).heads[0]!;
const logits = () => tf.tensor2d([[2, 0], [0, 1], [1, 1], [-1, 2]]);
const oneHot = () => tf.tensor2d([[1, 0], [1, 0], [0, 1], [0, 1]]);

describe('weighted classification loss (TrAdaBoost, issue 9 item 4)', () => {
  it('is Σ wᵢℓᵢ / n with pool-level weights, not renormalised per batch', () => {
    const plain = headLoss(logits(), { x: tf.zeros([4, 2]), y: null, oneHot: oneHot(), weights: null, n: 4 }, head).dataSync()[0]!;
    // A batch of faded source rows (weight 0.1 each, mean 1 over the whole pool) must count a tenth as much.
    const faded = headLoss(logits(), { x: tf.zeros([4, 2]), y: null, oneHot: oneHot(), weights: tf.tensor1d([0.1, 0.1, 0.1, 0.1]), n: 4 }, head).dataSync()[0]!;
    expect(faded).toBeCloseTo(0.1 * plain, 5);
    // Unequal weights: Σ wᵢℓᵢ / 4 by hand.
    const rowLoss = [Math.log(1 + Math.exp(-2)), Math.log(1 + Math.exp(1)), Math.log(2), Math.log(1 + Math.exp(-3))];
    const w = [3, 0.5, 0, 0.5];
    const mixed = headLoss(logits(), { x: tf.zeros([4, 2]), y: null, oneHot: oneHot(), weights: tf.tensor1d(w), n: 4 }, head).dataSync()[0]!;
    expect(mixed).toBeCloseTo(rowLoss.reduce((s, l, i) => s + w[i]! * l, 0) / 4, 5);
  });
});
