import { registerAdamKernel } from '../train/flat-adam';
import { registerWasmConvGradients } from './wasm-conv-gradients';
import { registerWasmSlice } from './wasm-slice';
import * as tf from '@tensorflow/tfjs';
import type { BackendName } from '../../../formats/run-events';
import { installNodeWebGpu, type GpuAdapterDescription } from '../node/node-webgpu';
import { wasmBinaryDirectory } from '../node/wasm-paths';
import { kernelFallbacks } from './kernel-fallbacks';

export { wasmBinaryDirectory };

/** The TF.js namespace every runtime module uses (one process-global engine). */
export type Tf = typeof tf;

export interface SelectedBackend {
  /** What is reported in run events and benchmarks. */
  readonly name: NodeBackendName;
  readonly tf: Tf;
  /** The npm package that provided the backend (`@tensorflow/tfjs` for the built-in pure-JS one). */
  readonly packageName: string;
  /** The GPU adapter's description (webgpu only), recorded with the run. */
  readonly adapter?: string;
  /** The runtime's kernels that do not run as written on this backend, and what runs instead. */
  readonly notes: readonly string[];
}

/** The backends a Node process can run (the browser's are named browser-*). */
export type NodeBackendName = 'tensorflow-gpu' | 'webgpu' | 'tensorflow' | 'wasm' | 'cpu';

/** Preference order when nothing is forced. */
export const BACKEND_ORDER: readonly NodeBackendName[] = ['tensorflow-gpu', 'webgpu', 'tensorflow', 'wasm', 'cpu'];

const PACKAGES: Record<NodeBackendName, string> = {
  'tensorflow-gpu': '@tensorflow/tfjs-node-gpu',
  webgpu: '@tensorflow/tfjs-backend-webgpu',
  tensorflow: '@tensorflow/tfjs-node',
  wasm: '@tensorflow/tfjs-backend-wasm',
  cpu: '@tensorflow/tfjs',
};

/** The name a backend is registered under in the TF.js engine (both native bindings use 'tensorflow'). */
const ENGINE_NAMES: Record<NodeBackendName, string> = {
  'tensorflow-gpu': 'tensorflow',
  webgpu: 'webgpu',
  tensorflow: 'tensorflow',
  wasm: 'wasm',
  cpu: 'cpu',
};

export class BackendUnavailableError extends Error {
  constructor(
    readonly backend: NodeBackendName,
    readonly reason: string,
  ) {
    super(`TF.js backend '${backend}' (${PACKAGES[backend]}) cannot be used: ${reason}`);
    this.name = 'BackendUnavailableError';
  }
}

/**
 * Which native package registered the engine's 'tensorflow' backend. tfjs-node and tfjs-node-gpu both register
 * under that one name, so the package actually loaded decides whether we report 'tensorflow' or 'tensorflow-gpu'.
 */
let nativePackage: NodeBackendName | undefined;
const loading = new Map<NodeBackendName, Promise<void>>();
let autoChoice: Promise<SelectedBackend> | undefined;
let activeName: NodeBackendName | undefined;
/** The adapter Dawn picked, once the webgpu backend has loaded. */
let gpuAdapter: GpuAdapterDescription | undefined;

function describe(error: unknown): string {
  if (error instanceof Error) return error.message.split('\n')[0] ?? error.message;
  if (typeof error === 'object' && error !== null && 'message' in error) return String((error as { message: unknown }).message);
  return String(error);
}

/** Imports an optional package by a runtime string so neither TypeScript nor a bundler resolves it at build time. */
async function importOptional(specifier: string): Promise<unknown> {
  return import(/* webpackIgnore: true */ /* turbopackIgnore: true */ specifier);
}

/**
 * Points the WASM backend at its binaries explicitly. In plain Node it finds them next to its own script anyway
 * (verified), but a bundled server moves that script away from node_modules.
 */
async function configureWasmPaths(): Promise<void> {
  const wasm = await import('@tensorflow/tfjs-backend-wasm');
  const dir = wasmBinaryDirectory();
  if (dir !== undefined) wasm.setWasmPaths(dir);
}

async function loadPackage(name: NodeBackendName): Promise<void> {
  switch (name) {
    case 'cpu':
      return; // Bundled with @tensorflow/tfjs.
    case 'webgpu':
      gpuAdapter = await installNodeWebGpu();
      return;
    case 'wasm':
      await configureWasmPaths();
      registerWasmSlice();
      registerAdamKernel();
      registerWasmConvGradients();
      return;
    case 'tensorflow':
    case 'tensorflow-gpu': {
      if (nativePackage !== undefined && nativePackage !== name) {
        throw new BackendUnavailableError(
          name,
          `${PACKAGES[nativePackage]} is already loaded in this process and owns the 'tensorflow' backend name`,
        );
      }
      await importOptional(PACKAGES[name]);
      // A second copy of tfjs-core (e.g. a nested install) would register the backend where we cannot see it.
      if (tf.findBackendFactory('tensorflow') === null) {
        throw new BackendUnavailableError(name, "the package loaded but did not register a 'tensorflow' backend with this @tensorflow/tfjs");
      }
      nativePackage = name;
      return;
    }
  }
}

async function activate(name: NodeBackendName, automatic = false): Promise<SelectedBackend> {
  let pending = loading.get(name);
  if (pending === undefined) {
    pending = loadPackage(name);
    loading.set(name, pending);
    // A failed load may be retried later (e.g. after an install), so do not cache failures.
    pending.catch(() => loading.delete(name));
  }
  try {
    await pending;
  } catch (error) {
    if (error instanceof BackendUnavailableError) throw error;
    throw new BackendUnavailableError(name, describe(error));
  }
  if (automatic && name === 'webgpu' && gpuAdapter?.software) {
    throw new BackendUnavailableError(name, `the adapter is ${gpuAdapter.description}, a CPU emulation; set STEPSTONE_BACKEND=webgpu to use it anyway`);
  }
  if ((name === 'tensorflow' || name === 'tensorflow-gpu') && nativePackage !== name) {
    throw new BackendUnavailableError(name, `the 'tensorflow' backend in this process comes from ${PACKAGES[nativePackage ?? 'tensorflow']}`);
  }
  const engineName = ENGINE_NAMES[name];
  let ok: boolean;
  try {
    ok = await tf.setBackend(engineName);
  } catch (error) {
    throw new BackendUnavailableError(name, describe(error));
  }
  if (!ok) throw new BackendUnavailableError(name, 'the backend failed to initialise');
  await tf.ready();
  activeName = name;
  const adapter = name === 'webgpu' ? gpuAdapter?.description : undefined;
  return { name, tf, packageName: PACKAGES[name], ...(adapter ? { adapter } : {}), notes: kernelFallbacks(engineName) };
}

function parseBackendName(value: string, origin: string): NodeBackendName {
  if ((BACKEND_ORDER as readonly string[]).includes(value)) return value as NodeBackendName;
  throw new Error(`${origin}: unknown TF.js backend '${value}'; expected one of ${BACKEND_ORDER.join(', ')}`);
}

/**
 * Selects and activates the TF.js backend for this process.
 *
 * Order: the `forced` argument, else the `STEPSTONE_BACKEND` environment variable, else the first that loads of
 * tfjs-node-gpu ('tensorflow-gpu') → WebGPU through Dawn ('webgpu', only on a hardware adapter: SwiftShader and CPU
 * fallbacks are taken only when forced) → tfjs-node ('tensorflow') → tfjs-backend-wasm ('wasm') → pure JS ('cpu').
 * A forced backend that cannot load rejects with a {@link BackendUnavailableError} naming it (no silent fallback).
 * Idempotent: packages are imported once and the automatic choice is cached. The engine is process-global, so
 * forcing a different backend later switches it for everyone in the process.
 */
export async function selectBackend(forced?: BackendName): Promise<SelectedBackend> {
  if (forced !== undefined && !(BACKEND_ORDER as readonly string[]).includes(forced)) {
    throw new Error(`TF.js backend '${forced}' runs in a browser tab, not in this Node process; expected one of ${BACKEND_ORDER.join(', ')}`);
  }
  const fromEnv = process.env.STEPSTONE_BACKEND?.trim();
  const wanted = (forced as NodeBackendName | undefined) ?? (fromEnv ? parseBackendName(fromEnv, 'STEPSTONE_BACKEND') : undefined);
  if (wanted !== undefined) return activate(wanted);
  autoChoice ??= (async () => {
    const failures: string[] = [];
    for (const name of BACKEND_ORDER) {
      try {
        return await activate(name, true);
      } catch (error) {
        failures.push(describe(error));
      }
    }
    throw new Error(`No TF.js backend could be initialised:\n${failures.join('\n')}`);
  })();
  const choice = await autoChoice;
  // Someone may have forced another backend since; put the automatic choice back.
  if (tf.getBackend() !== ENGINE_NAMES[choice.name]) return activate(choice.name);
  return choice;
}

/** The backend currently active, as reported in events; undefined before {@link selectBackend} ran. */
export function currentBackendName(): NodeBackendName | undefined {
  if (activeName === undefined) return undefined;
  // Someone may have called tf.setBackend directly since.
  return tf.getBackend() === ENGINE_NAMES[activeName] ? activeName : undefined;
}
