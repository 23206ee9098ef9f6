import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { selectBackend } from '../backend/select-backend';
import { dense } from './dense';
import { glorotUniform } from './glorot-uniform';
import { SeededRandom } from './seeded-random';

function randomTensor(rng: SeededRandom, shape: number[]): tf.Tensor {
  const size = shape.reduce((a, b) => a * b, 1);
  return tf.tensor(Float32Array.from({ length: size }, () => rng.normal()), shape);
}

function expectClose(actual: tf.Tensor, expected: tf.Tensor, tolerance = 1e-4): void {
  expect(actual.shape).toEqual(expected.shape);
  const a = actual.dataSync();
  const e = expected.dataSync();
  let worst = 0;
  for (let i = 0; i < a.length; i++) worst = Math.max(worst, Math.abs(a[i]! - e[i]!) / (1 + Math.abs(e[i]!)));
  expect(worst).toBeLessThan(tolerance);
}

describe('dense', () => {
  beforeAll(async () => {
    expect((await selectBackend('wasm')).name).toBe('wasm');
  });

  for (const activation of ['linear', 'relu'] as const) {
    it(`matches the naive layer's value and gradients (${activation}, with bias)`, () => {
      const before = tf.memory().numTensors;
      tf.tidy(() => {
        const rng = new SeededRandom(1);
        const x = randomTensor(rng, [7, 5]) as tf.Tensor2D;
        const w = randomTensor(rng, [5, 3]) as tf.Tensor2D;
        const b = randomTensor(rng, [3]) as tf.Tensor1D;
        // A fixed upstream gradient so every output element matters differently.
        const upstream = randomTensor(rng, [7, 3]);
        const naive = (xv: tf.Tensor, wv: tf.Tensor, bv: tf.Tensor) => {
          const z = tf.add(tf.matMul(xv as tf.Tensor2D, wv as tf.Tensor2D), bv);
          return activation === 'relu' ? tf.relu(z) : z;
        };
        const fast = (xv: tf.Tensor, wv: tf.Tensor, bv: tf.Tensor) => dense(xv as tf.Tensor2D, wv as tf.Tensor2D, bv as tf.Tensor1D, { activation });
        expectClose(fast(x, w, b), naive(x, w, b));
        const gNaive = tf.grads((xv: tf.Tensor, wv: tf.Tensor, bv: tf.Tensor) => tf.sum(tf.mul(naive(xv, wv, bv), upstream)))([x, w, b]);
        const gFast = tf.grads((xv: tf.Tensor, wv: tf.Tensor, bv: tf.Tensor) => tf.sum(tf.mul(fast(xv, wv, bv), upstream)))([x, w, b]);
        expect(gFast).toHaveLength(3);
        gFast.forEach((g, i) => expectClose(g, gNaive[i]!));
        if (activation === 'relu') {
          // Some units are inactive, so the mask matters: the gradient is not just upstream·Wᵀ.
          const z = tf.add(tf.matMul(x, w), b).dataSync();
          expect(Array.from(z).some((v) => v < 0)).toBe(true);
        }
      });
      expect(tf.memory().numTensors).toBe(before);
    });
  }

  it('works without a bias', () => {
    tf.tidy(() => {
      const rng = new SeededRandom(2);
      const x = randomTensor(rng, [4, 6]) as tf.Tensor2D;
      const w = randomTensor(rng, [6, 2]) as tf.Tensor2D;
      const [gx, gw] = tf.grads((xv: tf.Tensor, wv: tf.Tensor) => tf.sum(tf.square(dense(xv as tf.Tensor2D, wv as tf.Tensor2D))))([x, w]);
      const [ex, ew] = tf.grads((xv: tf.Tensor, wv: tf.Tensor) => tf.sum(tf.square(tf.matMul(xv as tf.Tensor2D, wv as tf.Tensor2D))))([x, w]);
      expectClose(gx!, ex!);
      expectClose(gw!, ew!);
    });
  });

  it('trains variables through optimizer.minimize, also with inputGrad: false', () => {
    const before = tf.memory().numTensors;
    const rng = new SeededRandom(3);
    const x = randomTensor(rng, [16, 4]) as tf.Tensor2D;
    const target = randomTensor(rng, [16, 2]) as tf.Tensor2D;
    // Variables survive tidy; their initial values do not.
    const [w, b, wRef, bRef] = tf.tidy(() => {
      const w0 = randomTensor(rng, [4, 2]);
      return [tf.variable(w0), tf.variable(tf.zeros([2])), tf.variable(w0), tf.variable(tf.zeros([2]))];
    });
    const lossFast = () => tf.mean(tf.square(tf.sub(dense(x, w as tf.Variable<tf.Rank.R2>, b as tf.Variable<tf.Rank.R1>, { inputGrad: false }), target))) as tf.Scalar;
    const lossRef = () => tf.mean(tf.square(tf.sub(tf.add(tf.matMul(x, wRef as tf.Variable<tf.Rank.R2>), bRef), target))) as tf.Scalar;
    const opt1 = tf.train.sgd(0.1);
    const opt2 = tf.train.sgd(0.1);
    const start = tf.tidy(() => lossFast().dataSync()[0]!);
    for (let i = 0; i < 20; i++) {
      tf.tidy(() => {
        opt1.minimize(lossFast);
        opt2.minimize(lossRef);
      });
    }
    const end = tf.tidy(() => lossFast().dataSync()[0]!);
    expect(end).toBeLessThan(start * 0.9);
    expectClose(w, wRef);
    expectClose(b, bRef);
    opt1.dispose();
    opt2.dispose();
    tf.dispose([x, target, w, b, wRef, bRef]);
    expect(tf.memory().numTensors).toBe(before);
  });

  it('is deterministic: same seed → identical weights after training (same backend)', () => {
    const train = (seed: number) => {
      const rng = new SeededRandom(seed);
      const x = tf.tensor2d(Float32Array.from({ length: 64 * 8 }, () => rng.normal()), [64, 8]);
      const y = tf.tensor1d(Int32Array.from({ length: 64 }, () => rng.int(3)), 'int32');
      const [w1, b1, w2, b2] = tf.tidy(() => [
        tf.variable(glorotUniform(rng, 8, 16)),
        tf.variable(tf.zeros([16])),
        tf.variable(glorotUniform(rng, 16, 3)),
        tf.variable(tf.zeros([3])),
      ]);
      const opt = tf.train.adam(0.01);
      for (let i = 0; i < 15; i++) {
        tf.tidy(() => {
          opt.minimize(() => {
            const h = dense(x, w1 as tf.Variable<tf.Rank.R2>, b1 as tf.Variable<tf.Rank.R1>, { activation: 'relu', inputGrad: false });
            const logits = dense(h, w2 as tf.Variable<tf.Rank.R2>, b2 as tf.Variable<tf.Rank.R1>);
            return tf.losses.softmaxCrossEntropy(tf.oneHot(y, 3), logits) as tf.Scalar;
          });
        });
      }
      const out = Array.from(w2!.dataSync());
      opt.dispose();
      tf.dispose([x, y, w1!, b1!, w2!, b2!]);
      return out;
    };
    const a = train(7);
    expect(train(7)).toEqual(a);
    expect(train(8)).not.toEqual(a);
  });

  it('with inputGrad: false gives no gradient path to x', () => {
    tf.tidy(() => {
      const x = tf.ones([2, 3]) as tf.Tensor2D;
      const w = tf.ones([3, 1]) as tf.Tensor2D;
      const [gw] = tf.grads((wv: tf.Tensor) => tf.sum(dense(x, wv as tf.Tensor2D, undefined, { inputGrad: false })))([w]);
      expect(Array.from(gw!.dataSync())).toEqual([2, 2, 2]);
    });
  });

  it('rejects mismatched shapes with a specific message', () => {
    tf.tidy(() => {
      expect(() => dense(tf.ones([2, 3]) as tf.Tensor2D, tf.ones([4, 1]) as tf.Tensor2D)).toThrow(/x has 3 features but the kernel expects 4/);
      expect(() => dense(tf.ones([2, 3]) as tf.Tensor2D, tf.ones([3, 2]) as tf.Tensor2D, tf.ones([3]) as tf.Tensor1D)).toThrow(/bias must have shape \[2\]/);
    });
  });
});
