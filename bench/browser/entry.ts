/**
 * Browser side of `npm run bench -- backends`: bundled by esbuild (bench/browser/browser-steps.ts) and loaded in
 * Chromium. `stepBench(backend, warmup, steps)` measures the reference DANN step on one TF.js browser backend.
 */
import * as tf from '@tensorflow/tfjs';
import { setWasmPaths } from '@tensorflow/tfjs-backend-wasm';
import '@tensorflow/tfjs-backend-webgpu';
import { fusedOpsProbe } from '../../server/runtime/test-support/fused-ops-probe';
import { measureFastSteps } from '../dann-step-model';

setWasmPaths('/wasm/');

async function stepBench(backend: 'webgpu' | 'webgl' | 'wasm', warmup: number, steps: number) {
  if (!(await tf.setBackend(backend))) throw new Error(`${backend} did not initialise`);
  await tf.ready();
  const b = tf.backend() as { adapterInfo?: { vendor?: string; architecture?: string } };
  const adapter = backend === 'webgpu' && b.adapterInfo ? `${b.adapterInfo.vendor ?? ''} ${b.adapterInfo.architecture ?? ''}`.trim() : undefined;
  const gl = backend === 'webgl' ? (tf.backend() as unknown as { gpgpu?: { gl?: WebGLRenderingContext } }).gpgpu?.gl : undefined;
  const info = gl?.getExtension('WEBGL_debug_renderer_info');
  const renderer = gl ? String(gl.getParameter(info ? info.UNMASKED_RENDERER_WEBGL : gl.RENDERER)) : undefined;
  const result = await measureFastSteps(tf, warmup, steps);
  return { ...result, adapter: adapter ?? renderer };
}

/** The runtime's fused ops on one browser backend (value and gradients), for the browser parity test. */
async function opsProbe(backend: 'webgpu' | 'webgl' | 'wasm') {
  if (!(await tf.setBackend(backend))) throw new Error(`${backend} did not initialise`);
  await tf.ready();
  return { backend: tf.getBackend(), values: await fusedOpsProbe(tf) };
}

Object.assign(globalThis, { stepBench, opsProbe });
