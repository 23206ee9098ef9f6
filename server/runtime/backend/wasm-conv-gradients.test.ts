import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { selectBackend } from './select-backend';

beforeAll(async () => {
  await selectBackend('wasm');
});

/** Gradients of sum(conv(x, w) · r) with respect to x and w on `backend` (fixed data: same on both backends). */
async function grads(backend: string, kind: 'conv' | 'depthwise', stride: number, pad: 'same' | 'valid'): Promise<{ dx: number[]; dw: number[] }> {
  await tf.setBackend(backend);
  const values = (n: number, k: number) => Array.from({ length: n }, (_, i) => Math.sin(i * k + 0.3));
  const x = tf.tensor4d(values(2 * 7 * 6 * 3, 1.7), [2, 7, 6, 3]);
  const w = kind === 'conv' ? tf.tensor4d(values(3 * 3 * 3 * 4, 0.9), [3, 3, 3, 4]) : tf.tensor4d(values(3 * 3 * 3 * 2, 0.9), [3, 3, 3, 2]);
  const f = (a: tf.Tensor, b: tf.Tensor) => {
    const y = kind === 'conv' ? tf.conv2d(a as tf.Tensor4D, b as tf.Tensor4D, stride, pad) : tf.depthwiseConv2d(a as tf.Tensor4D, b as tf.Tensor4D, stride, pad);
    return tf.sum(tf.mul(y, tf.sin(tf.range(0, y.size).reshape(y.shape))));
  };
  const [dx, dw] = tf.grads(f)([x, w]);
  return { dx: Array.from(await dx!.data()), dw: Array.from(await dw!.data()) };
}

describe('WASM kernels for the conv gradients TF.js lacks there', () => {
  it.each([
    ['conv', 1, 'same'],
    ['conv', 2, 'valid'],
    ['depthwise', 1, 'same'],
    ['depthwise', 2, 'same'],
  ] as const)('%s stride %i %s: same gradients as the CPU backend', async (kind, stride, pad) => {
    const cpu = await grads('cpu', kind, stride, pad);
    const wasm = await grads('wasm', kind, stride, pad);
    expect(wasm.dw).toHaveLength(cpu.dw.length);
    wasm.dw.forEach((v, i) => expect(v).toBeCloseTo(cpu.dw[i]!, 3));
    wasm.dx.forEach((v, i) => expect(v).toBeCloseTo(cpu.dx[i]!, 3));
    expect(cpu.dw.some((v) => Math.abs(v) > 0.1)).toBe(true);
  });
});
