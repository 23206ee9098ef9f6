import { existsSync } from 'node:fs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { BackendUnavailableError, currentBackendName, selectBackend, wasmBinaryDirectory } from './select-backend';

describe('selectBackend', () => {
  let saved: string | undefined;
  beforeEach(() => {
    saved = process.env.STEPSTONE_BACKEND;
    delete process.env.STEPSTONE_BACKEND;
  });
  afterEach(() => {
    if (saved === undefined) delete process.env.STEPSTONE_BACKEND;
    else process.env.STEPSTONE_BACKEND = saved;
  });

  it('picks wasm by default here (no native bindings installed) and computes with it', async () => {
    const selected = await selectBackend();
    expect(selected.name).toBe('wasm');
    expect(selected.tf.getBackend()).toBe('wasm');
    expect(currentBackendName()).toBe('wasm');
    const product = selected.tf.tidy(() => selected.tf.matMul(selected.tf.tensor2d([[1, 2]]), selected.tf.tensor2d([[3], [4]])).dataSync()[0]);
    expect(product).toBe(11);
  });

  it('honours a forced cpu backend, then returns to the automatic choice', async () => {
    const cpu = await selectBackend('cpu');
    expect(cpu.name).toBe('cpu');
    expect(cpu.tf.getBackend()).toBe('cpu');
    expect(cpu.packageName).toBe('@tensorflow/tfjs');
    const auto = await selectBackend();
    expect(auto.name).toBe('wasm');
    expect(auto.tf.getBackend()).toBe('wasm');
  });

  it('points the WASM backend at the directory holding its binaries', () => {
    const dir = wasmBinaryDirectory();
    expect(dir).toBeDefined();
    expect(existsSync(`${dir}tfjs-backend-wasm-simd.wasm`)).toBe(true);
    expect(existsSync(`${dir}tfjs-backend-wasm.wasm`)).toBe(true);
  });

  it('honours a forced wasm backend and is idempotent', async () => {
    const first = await selectBackend('wasm');
    const second = await selectBackend('wasm');
    expect(first.name).toBe('wasm');
    expect(second.name).toBe('wasm');
    expect(second.tf).toBe(first.tf);
    expect(first.packageName).toBe('@tensorflow/tfjs-backend-wasm');
  });

  it('gives a clear error naming a forced native backend that cannot load', async () => {
    await expect(selectBackend('tensorflow')).rejects.toThrow(BackendUnavailableError);
    await expect(selectBackend('tensorflow')).rejects.toThrow(/'tensorflow' \(@tensorflow\/tfjs-node\) cannot be used/);
    await expect(selectBackend('tensorflow-gpu')).rejects.toThrow(/'tensorflow-gpu' \(@tensorflow\/tfjs-node-gpu\) cannot be used/);
    // The failed attempt leaves the working backend in place.
    expect((await selectBackend()).name).toBe('wasm');
  });

  it('reads STEPSTONE_BACKEND when nothing is forced, and rejects unknown names', async () => {
    process.env.STEPSTONE_BACKEND = 'cpu';
    expect((await selectBackend()).name).toBe('cpu');
    process.env.STEPSTONE_BACKEND = 'tensorflow';
    await expect(selectBackend()).rejects.toThrow(/tfjs-node/);
    process.env.STEPSTONE_BACKEND = 'cuda';
    await expect(selectBackend()).rejects.toThrow(/STEPSTONE_BACKEND: unknown TF.js backend 'cuda'/);
    // An explicit argument wins over the environment.
    expect((await selectBackend('wasm')).name).toBe('wasm');
  });
});
