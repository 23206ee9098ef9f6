import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { selectBackend } from '../backend/select-backend';
import { dense } from './dense';
import { withStepArena } from './step-arena';

beforeAll(async () => {
  await selectBackend('wasm');
});

describe('step arena', () => {
  it('custom ops keep saved tensors instead of cloning them; same gradients; everything freed after the step', async () => {
    const x = tf.tensor2d([[1, -2, 3], [0.5, 1, -1]]);
    const w = tf.variable(tf.tensor2d([[0.1, -0.2], [0.3, 0.4], [-0.5, 0.6]]));
    const b = tf.variable(tf.tensor1d([0.1, -0.1]));
    const loss = () => tf.sum(tf.square(dense(x, w as unknown as tf.Tensor2D, b as unknown as tf.Tensor1D, { activation: 'relu' }))) as tf.Scalar;
    const plain = tf.variableGrads(loss, [w, b]);
    const before = tf.memory().numTensors;
    const identities = async (inArena: boolean) => {
      const info = await tf.profile(() => {
        const run = () => tf.tidy(() => void tf.variableGrads(loss, [w, b]));
        if (inArena) withStepArena(run);
        else run();
      });
      return info.kernels.filter((k) => k.name === 'Identity').length;
    };
    // dense saves x, W and its output: three clones without the arena. In it, x and W (older than the step) are
    // referenced and the output (made in the step) is kept; square and sum (built-ins) clone theirs either way.
    const cloned = await identities(false);
    expect(cloned - (await identities(true))).toBe(3);
    expect(tf.memory().numTensors).toBe(before);
    const arena = withStepArena(() => tf.variableGrads(loss, [w, b]));
    for (const k of ['0', '1'] as const) {
      const name = [w, b][Number(k)]!.name;
      expect(Array.from(arena.grads[name]!.dataSync())).toEqual(Array.from(plain.grads[name]!.dataSync()));
    }
    tf.dispose([x, w, b, plain.value, arena.value, ...Object.values(plain.grads), ...Object.values(arena.grads)]);
  });
});
