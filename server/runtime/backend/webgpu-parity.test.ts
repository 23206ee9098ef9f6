import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { fusedOpsProbe } from '../test-support/fused-ops-probe';
import { PARITY_RELATIVE, worstRelative } from '../test-support/parity';
import { useSwiftShader } from '../test-support/swiftshader';
import { templateSteps } from '../test-support/template-steps';
import { selectBackend } from './select-backend';

/** WebGPU in Node (Dawn through the npm `webgpu` package, SwiftShader's Vulkan driver here) against WASM; SwiftShader
 * emulates the GPU on the CPU, so the cases are small. Tolerance: test-support/parity.ts. */
const RELATIVE = PARITY_RELATIVE;

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
    const reference = await fusedOpsProbe(tf);
    await selectBackend('webgpu');
    const gpu = await fusedOpsProbe(tf);
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
  }, 180_000);
});
