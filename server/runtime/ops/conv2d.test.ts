import * as tf from '@tensorflow/tfjs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { selectBackend } from '../backend/select-backend';
import { conv2d } from './conv2d';
import { SeededRandom } from './seeded-random';

type Case = { x: [number, number, number, number]; w: [number, number, number, number]; strides: number; pad: 'same' | 'valid' };
const cases: Case[] = [
  { x: [2, 6, 6, 1], w: [3, 3, 1, 4], strides: 1, pad: 'same' },
  { x: [2, 7, 5, 3], w: [5, 5, 3, 2], strides: 1, pad: 'same' },
  { x: [1, 7, 7, 2], w: [3, 3, 2, 3], strides: 2, pad: 'same' },
  { x: [2, 8, 6, 2], w: [3, 2, 2, 3], strides: 1, pad: 'valid' },
  { x: [1, 9, 9, 1], w: [3, 3, 1, 2], strides: 2, pad: 'valid' },
];

function values(rng: SeededRandom, shape: number[]): Float32Array {
  return Float32Array.from({ length: shape.reduce((a, b) => a * b, 1) }, () => rng.normal());
}

/** Reference value and gradients from TF.js's own conv2d autodiff on the pure-JS backend (WASM lacks it). */
async function reference(c: Case, xv: Float32Array, wv: Float32Array, up: Float32Array, outShape: number[]) {
  await selectBackend('cpu');
  const r = tf.tidy(() => {
    const x = tf.tensor4d(xv, c.x);
    const w = tf.tensor4d(wv, c.w);
    const u = tf.tensor(up, outShape);
    const f = (a: tf.Tensor, b: tf.Tensor) => tf.sum(tf.mul(tf.conv2d(a as tf.Tensor4D, b as tf.Tensor4D, c.strides, c.pad), u));
    const [gx, gw] = tf.grads(f)([x, w]);
    return { y: Array.from(tf.conv2d(x, w, c.strides, c.pad).dataSync()), gx: Array.from(gx!.dataSync()), gw: Array.from(gw!.dataSync()) };
  });
  await selectBackend('wasm');
  return r;
}

function maxRelDiff(a: ArrayLike<number>, b: number[]): number {
  expect(a.length).toBe(b.length);
  let worst = 0;
  for (let i = 0; i < b.length; i++) worst = Math.max(worst, Math.abs(a[i]! - b[i]!) / (1 + Math.abs(b[i]!)));
  return worst;
}

describe('conv2d (trainable on WASM)', () => {
  beforeAll(async () => {
    await selectBackend('wasm');
  });
  afterAll(async () => {
    await selectBackend('wasm');
  });

  it("TF.js's own conv2d differentiates on WASM only through the runtime's registered plain-loop filter gradient (this op is the fast path)", () => {
    // TF.js ships no Conv2DBackpropFilter for WASM; select-backend registers a plain-loop one (for uploaded layers
    // models). The runtime's own extractors use this op instead: im2col + matMul, fast on WASM.
    const kernel = tf.getKernel('Conv2DBackpropFilter', 'wasm');
    expect(kernel?.kernelFunc.name).toBe('conv2dBackpropFilter');
    tf.tidy(() => {
      const x = tf.ones([1, 4, 4, 1]) as tf.Tensor4D;
      const viaTf = tf.grad((w: tf.Tensor) => tf.sum(tf.conv2d(x, w as tf.Tensor4D, 1, 'same')))(tf.ones([3, 3, 1, 1]));
      const viaOp = tf.grad((w: tf.Tensor) => tf.sum(conv2d(x, w as tf.Tensor4D, { strides: 1, pad: 'same' })))(tf.ones([3, 3, 1, 1]));
      expect(maxRelDiff(viaTf.dataSync(), Array.from(viaOp.dataSync()))).toBeLessThan(1e-5);
    });
  });

  for (const c of cases) {
    it(`matches tf.conv2d value and gradients: x ${c.x.join('×')}, filter ${c.w.join('×')}, stride ${c.strides}, ${c.pad}`, async () => {
      const rng = new SeededRandom(c.x.reduce((a, b) => a * 7 + b, c.strides));
      const xv = values(rng, c.x);
      const wv = values(rng, c.w);
      const before = tf.memory().numTensors;
      const outShape = tf.tidy(() => conv2d(tf.tensor4d(xv, c.x), tf.tensor4d(wv, c.w), { strides: c.strides, pad: c.pad }).shape);
      const up = values(rng, outShape);
      const expected = await reference(c, xv, wv, up, outShape);
      const got = tf.tidy(() => {
        const x = tf.tensor4d(xv, c.x);
        const w = tf.tensor4d(wv, c.w);
        const u = tf.tensor(up, outShape);
        const f = (a: tf.Tensor, b: tf.Tensor) => tf.sum(tf.mul(conv2d(a as tf.Tensor4D, b as tf.Tensor4D, { strides: c.strides, pad: c.pad }), u));
        const [gx, gw] = tf.grads(f)([x, w]);
        return { y: conv2d(x, w, { strides: c.strides, pad: c.pad }).dataSync(), gx: gx!.dataSync(), gw: gw!.dataSync() };
      });
      expect(maxRelDiff(got.y, expected.y)).toBeLessThan(1e-4);
      expect(maxRelDiff(got.gx, expected.gx)).toBeLessThan(1e-4);
      expect(maxRelDiff(got.gw, expected.gw)).toBeLessThan(1e-4);
      expect(tf.memory().numTensors).toBe(before);
    });
  }

  it('trains a filter with optimizer.minimize on WASM', () => {
    const rng = new SeededRandom(5);
    const x = tf.tensor4d(values(rng, [4, 6, 6, 1]), [4, 6, 6, 1]);
    const target = tf.tidy(() => tf.conv2d(x, tf.tensor4d(values(rng, [3, 3, 1, 2]), [3, 3, 1, 2]), 1, 'same'));
    const w = tf.tidy(() => tf.variable(tf.zeros([3, 3, 1, 2])));
    const opt = tf.train.adam(0.05);
    const loss = () => tf.mean(tf.square(tf.sub(conv2d(x, w as unknown as tf.Tensor4D), target))) as tf.Scalar;
    const start = tf.tidy(() => loss().dataSync()[0]!);
    for (let i = 0; i < 100; i++) tf.tidy(() => void opt.minimize(loss));
    const end = tf.tidy(() => loss().dataSync()[0]!);
    expect(end).toBeLessThan(start * 0.05);
    opt.dispose();
    tf.dispose([x, target, w]);
  });

  it('with bias and ReLU fused: the value and the gradients of relu(conv2d(x, W) + b), against the pure-JS backend', async () => {
    const c = cases[2]!;
    const rng = new SeededRandom(11);
    const xv = values(rng, c.x);
    const wv = values(rng, c.w);
    const bv = values(rng, [c.w[3]]);
    const run = (fused: boolean) =>
      tf.tidy(() => {
        const [x, w, b] = [tf.tensor4d(xv, c.x), tf.tensor4d(wv, c.w), tf.tensor1d(bv)];
        const f = (a: tf.Tensor, k: tf.Tensor, bias: tf.Tensor) =>
          tf.sum(tf.square(fused ? conv2d(a as tf.Tensor4D, k as tf.Tensor4D, { strides: c.strides, bias: bias as tf.Tensor1D, activation: 'relu' }) : tf.relu(tf.add(tf.conv2d(a as tf.Tensor4D, k as tf.Tensor4D, c.strides, 'same'), bias))));
        return tf.grads(f)([x, w, b]).map((g) => Array.from(g.dataSync()));
      });
    const got = run(true);
    await selectBackend('cpu');
    const want = run(false);
    await selectBackend('wasm');
    got.forEach((g, i) => expect(maxRelDiff(g, want[i]!)).toBeLessThan(1e-4));
    expect(got[2]!.some((v) => v !== 0)).toBe(true);
  });

  it('rejects a channel mismatch', () => {
    tf.tidy(() => {
      expect(() => conv2d(tf.ones([1, 4, 4, 2]) as tf.Tensor4D, tf.ones([3, 3, 1, 1]) as tf.Tensor4D)).toThrow(/input has 2 channels but the filter expects 1/);
    });
  });
});
