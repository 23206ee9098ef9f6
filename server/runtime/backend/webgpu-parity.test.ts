import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { domainLossJoint } from '../losses/domain-loss';
import { mmd2Joint } from '../losses/mmd';
import { dense } from '../ops/dense';
import { gradientReversal } from '../ops/gradient-reversal';
import { SeededRandom } from '../ops/seeded-random';
import { useSwiftShader } from '../test-support/swiftshader';
import { templateSteps } from '../test-support/template-steps';
import { selectBackend } from './select-backend';

/**
 * WebGPU in Node (Dawn through the npm `webgpu` package, SwiftShader's Vulkan driver here) against WASM.
 * Tolerance: float32 on both, but WebGPU's shaders sum in another order (tiled matMul, tree reductions) and
 * compute exp/log with other approximations, so results differ in the last bits: we allow 1e-4 relative to the
 * larger magnitude (a wrong gradient sign, a missing term or a dropped λ is off by O(1)). SwiftShader emulates the
 * GPU on the CPU, so the cases are small.
 */
const RELATIVE = 1e-4;

function worstRelative(a: ArrayLike<number>, b: ArrayLike<number>): number {
  expect(a.length).toBe(b.length);
  let scale = 0;
  for (let i = 0; i < a.length; i++) scale = Math.max(scale, Math.abs(b[i]!));
  let worst = 0;
  for (let i = 0; i < a.length; i++) worst = Math.max(worst, Math.abs(a[i]! - b[i]!) / Math.max(scale, 1e-6));
  return worst;
}

/** The runtime's fused ops: value and every input's gradient under a fixed upstream gradient, read asynchronously. */
async function fusedOps(): Promise<number[]> {
  const rng = new SeededRandom(7);
  const t = (shape: number[]) => tf.tensor(Float32Array.from({ length: shape.reduce((a, b) => a * b, 1) }, () => rng.normal()), shape);
  const [x, w, b, up] = [t([12, 5]), t([5, 4]), t([4]), t([12, 4])];
  const labels = tf.tensor2d(Array.from({ length: 12 }, (_, i) => [i < 6 ? 1 : 0]));
  const f = (xv: tf.Tensor, wv: tf.Tensor, bv: tf.Tensor) => {
    const h = dense(xv as tf.Tensor2D, wv as tf.Tensor2D, bv as tf.Tensor1D, { activation: 'relu' });
    const reversed = gradientReversal(h, 0.7);
    const z = tf.sum(tf.mul(reversed, tf.slice(up, [0, 0], [12, 1])), 1, true) as tf.Tensor2D;
    return tf.addN([tf.sum(tf.mul(h, up)), mmd2Joint(h, 6), domainLossJoint(z, labels)]) as tf.Scalar;
  };
  const { value, grads } = tf.valueAndGrads(f)([x, w, b]);
  const out = [...(await value.data())];
  for (const g of grads) out.push(...(await g.data()));
  tf.dispose([x, w, b, up, labels, value, ...grads]);
  return out;
}

describe('webgpu backend in Node', () => {
  beforeAll(() => useSwiftShader());

  it('loads when forced, records the adapter and the kernels that run differently', async () => {
    const selected = await selectBackend('webgpu');
    expect(selected.name).toBe('webgpu');
    expect(selected.tf.getBackend()).toBe('webgpu');
    expect(selected.adapter).toMatch(/SwiftShader/);
    expect(selected.notes.some((n) => n.startsWith('StepstoneAdamUpdate'))).toBe(true);
    const product = await selected.tf.matMul(selected.tf.tensor2d([[1, 2]]), selected.tf.tensor2d([[3], [4]])).data();
    expect(product[0]).toBe(11);
  });

  it('never picks a SwiftShader adapter automatically', async () => {
    const auto = await selectBackend();
    expect(auto.name).toBe('wasm');
    expect(auto.notes).toEqual([]);
  });

  it(`runs the fused dense, gradient reversal, MMD and domain-loss gradients natively, within ${RELATIVE} of wasm`, async () => {
    await selectBackend('wasm');
    const reference = await fusedOps();
    await selectBackend('webgpu');
    const gpu = await fusedOps();
    expect(worstRelative(gpu, reference)).toBeLessThan(RELATIVE);
    // The reversal matters: without it the input gradients change by O(1).
    expect(reference.some((v) => Math.abs(v) > 1e-3)).toBe(true);
  });

  it(`trains the DDC template 4 steps with the same losses and first gradient as wasm (within ${RELATIVE})`, async () => {
    const wasm = await templateSteps('ddc', 'wasm', 4);
    const gpu = await templateSteps('ddc', 'webgpu', 4);
    expect(gpu.backend).toBe('webgpu');
    expect(gpu.adapter).toMatch(/SwiftShader/);
    expect(gpu.losses).toHaveLength(4);
    // [classification, mmd, total] per step; training moves them, so equal losses are not a constant.
    expect(wasm.losses[3]![0]!).toBeLessThan(wasm.losses[0]![0]! - 0.05);
    expect(worstRelative(gpu.losses.flat(), wasm.losses.flat())).toBeLessThan(RELATIVE);
    expect(worstRelative(gpu.gradient, wasm.gradient)).toBeLessThan(RELATIVE);
  });
});
