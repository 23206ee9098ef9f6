/**
 * WebGPU for Node: the npm package `webgpu` (Dawn's Node binding) provides `navigator.gpu`, on which
 * `@tensorflow/tfjs-backend-webgpu` runs. Both are optional dependencies, imported by a runtime string so that
 * neither TypeScript nor a bundler resolves them at build time. Node-only (the browser has its own navigator.gpu).
 */

/** What a run records about the device it trained on. */
export interface GpuAdapterDescription {
  /** e.g. "SwiftShader driver 5.0.0 (google swiftshader)" or "NVIDIA GeForce RTX 4090 (nvidia ada)". */
  readonly description: string;
  /** A CPU fallback or SwiftShader (a CPU emulation of Vulkan): never chosen automatically. */
  readonly software: boolean;
}

interface AdapterInfoLike {
  vendor?: string;
  architecture?: string;
  device?: string;
  description?: string;
  isFallbackAdapter?: boolean;
}
interface AdapterLike {
  info?: AdapterInfoLike;
  isFallbackAdapter?: boolean;
}
interface GpuLike {
  requestAdapter(options?: { powerPreference?: string }): Promise<AdapterLike | null>;
}
interface DawnModule {
  create(flags: string[]): GpuLike;
  globals: Record<string, unknown>;
}

const SOFTWARE = /swiftshader|llvmpipe|lavapipe|software|microsoft basic render/i;

/** Describes an adapter the way runs record it, and says whether it is a software (CPU) implementation. */
export function describeAdapter(adapter: AdapterLike): GpuAdapterDescription {
  const info = adapter.info ?? {};
  const name = info.description || info.device || 'unknown adapter';
  const detail = [info.vendor, info.architecture].filter((s) => s && s.length > 0).join(' ');
  const description = detail ? `${name} (${detail})` : name;
  const software = info.isFallbackAdapter === true || adapter.isFallbackAdapter === true || SOFTWARE.test([name, info.architecture, info.device].join(' '));
  return { description, software };
}

async function importOptional(specifier: string): Promise<unknown> {
  return import(/* webpackIgnore: true */ /* turbopackIgnore: true */ specifier);
}

/** Puts `gpu` on globalThis.navigator (Node ≥ 21 has a navigator without one; Node 20 has none). */
function installNavigatorGpu(gpu: GpuLike): void {
  const g = globalThis as { navigator?: object };
  if (g.navigator && 'gpu' in g.navigator && (g.navigator as { gpu?: unknown }).gpu) return;
  if (g.navigator && Object.isExtensible(g.navigator)) {
    Object.defineProperty(g.navigator, 'gpu', { value: gpu, configurable: true });
    return;
  }
  Object.defineProperty(globalThis, 'navigator', { value: { ...(g.navigator ?? {}), gpu }, configurable: true, writable: true });
}

/**
 * tfjs-backend-webgpu reads synchronously (dataSync, arraySync) through an OffscreenCanvas, which Node lacks, and
 * Dawn's Node binding has no blocking map. The runtime reads with `await tensor.data()`; a synchronous read that
 * remains says so clearly instead of "OffscreenCanvas is not defined".
 */
function refuseSynchronousReads(): void {
  const g = globalThis as { OffscreenCanvas?: unknown };
  if (g.OffscreenCanvas !== undefined) return;
  g.OffscreenCanvas = class {
    constructor() {
      throw new Error('WebGPU in Node cannot read a tensor synchronously (dataSync/arraySync); read it with await tensor.data()');
    }
  };
}

let installed: Promise<GpuAdapterDescription> | undefined;
/** Dawn's instance lives as long as the process. */
let keepAlive: GpuLike | undefined;

async function install(): Promise<GpuAdapterDescription> {
  const dawn = (await importOptional('webgpu')) as DawnModule;
  const gpu = dawn.create([]);
  const adapter = await gpu.requestAdapter({ powerPreference: 'high-performance' });
  if (adapter === null) {
    throw new Error(
      'Dawn found no WebGPU adapter (no Vulkan/Metal/D3D12 device). Without a GPU on Linux, point VK_ICD_FILENAMES at a Vulkan driver such as /usr/lib/chromium/vk_swiftshader_icd.json',
    );
  }
  Object.assign(globalThis, dawn.globals);
  installNavigatorGpu(gpu);
  refuseSynchronousReads();
  keepAlive = gpu;
  // Registers the 'webgpu' backend only when navigator.gpu exists, so after the lines above.
  await importOptional('@tensorflow/tfjs-backend-webgpu');
  return describeAdapter(adapter);
}

/**
 * Makes WebGPU available to TF.js in this process (once) and describes the adapter Dawn picked. Rejects when the
 * packages are missing or Dawn finds no adapter; a failed attempt may be retried.
 */
export function installNodeWebGpu(): Promise<GpuAdapterDescription> {
  if (installed === undefined) {
    installed = install();
    installed.catch(() => {
      if (keepAlive === undefined) installed = undefined;
    });
  }
  return installed;
}
