import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { selectBackend } from '../backend/select-backend';
import { SeededRandom } from '../ops/seeded-random';
import { softmaxCrossEntropyOneHot, sparseSoftmaxCrossEntropy } from './cross-entropy';
import { binaryCrossEntropyWithLogits, domainLossJoint } from './domain-loss';

beforeAll(async () => {
  await selectBackend('wasm');
});

const close = (a: Float32Array | number[], b: Float32Array | number[], tol: number) => Array.from(a).forEach((v, i) => expect(Math.abs(v - b[i]!)).toBeLessThan(tol));

/** The training loop's closed-form losses against autodiff of the reference implementations (value and gradient). */
describe('closed-form losses of the training step', () => {
  it('one-hot cross-entropy equals sparse cross-entropy, plain and row-weighted, with the same gradient', () => {
    const rng = new SeededRandom(5);
    const n = 7;
    const classes = 4;
    const logits = tf.tensor2d(Float32Array.from({ length: n * classes }, () => rng.normal() * 3), [n, classes]);
    const labels = tf.tensor1d(Int32Array.from({ length: n }, () => rng.int(classes)), 'int32');
    const oneHot = tf.oneHot(labels, classes).toFloat() as tf.Tensor2D;
    const w = tf.tensor1d(Float32Array.from({ length: n }, () => rng.uniform(0.1, 2)));
    const scale = tf.reshape(tf.div(w, tf.sum(w)), [-1, 1]) as tf.Tensor2D;
    for (const weighted of [false, true]) {
      const ref = tf.valueAndGrad((z: tf.Tensor) => sparseSoftmaxCrossEntropy(z as tf.Tensor2D, labels, weighted ? { weights: w } : {}))(logits);
      const fast = tf.valueAndGrad((z: tf.Tensor) => softmaxCrossEntropyOneHot(z as tf.Tensor2D, oneHot, weighted ? scale : 1 / n))(logits);
      close(fast.value.dataSync() as Float32Array, ref.value.dataSync() as Float32Array, 1e-5);
      close(fast.grad.dataSync() as Float32Array, ref.grad.dataSync() as Float32Array, 1e-6);
    }
  });

  it('the joint domain loss equals BCE with logits (large logits included), with the same gradient', () => {
    const z = tf.tensor2d([[-40], [-3], [-0.2], [0], [0.5], [4], [60], [-1]], [8, 1]);
    const y = tf.tensor2d([[1], [1], [1], [1], [0], [0], [0], [0]], [8, 1]);
    const ref = tf.valueAndGrad((x: tf.Tensor) => binaryCrossEntropyWithLogits(x, y))(z);
    const fast = tf.valueAndGrad((x: tf.Tensor) => domainLossJoint(x as tf.Tensor2D, y))(z);
    expect(Number.isFinite(fast.value.dataSync()[0]!)).toBe(true);
    close(fast.value.dataSync() as Float32Array, ref.value.dataSync() as Float32Array, 1e-4);
    close(fast.grad.dataSync() as Float32Array, ref.grad.dataSync() as Float32Array, 1e-6);
  });
});
