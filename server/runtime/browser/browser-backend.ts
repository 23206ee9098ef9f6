import * as tf from '@tensorflow/tfjs';
import { setWasmPaths } from '@tensorflow/tfjs-backend-wasm';
import '@tensorflow/tfjs-backend-webgpu';
import type { RunBackend } from '../run-steps';
import type { BrowserBackend } from '../../../formats/browser-worker-protocol';

/** The adapter (WebGPU) or renderer (WebGL) the backend runs on, as the run records it. */
function describe(backend: BrowserBackend): string | undefined {
  if (backend === 'webgpu') {
    const info = (tf.backend() as { adapterInfo?: { vendor?: string; architecture?: string; description?: string } }).adapterInfo;
    return info ? [info.vendor, info.architecture, info.description].filter(Boolean).join(' ') || undefined : undefined;
  }
  if (backend === 'webgl') {
    const gl = (tf.backend() as unknown as { gpgpu?: { gl?: WebGLRenderingContext } }).gpgpu?.gl;
    const ext = gl?.getExtension('WEBGL_debug_renderer_info');
    return gl ? String(gl.getParameter(ext ? ext.UNMASKED_RENDERER_WEBGL : gl.RENDERER)) : undefined;
  }
  return undefined;
}

/**
 * The first of `order` that initialises here (WebGPU → WebGL → WASM by default); the ones skipped are noted with
 * why, so the run page says why it is not on the GPU. `wasmDir`: where the page serves the .wasm binaries.
 */
export async function selectBrowserBackend(order: readonly BrowserBackend[], wasmDir: string): Promise<RunBackend> {
  setWasmPaths(wasmDir);
  const notes: string[] = [];
  for (const backend of order) {
    let ok = false;
    try {
      ok = await tf.setBackend(backend);
      await tf.ready();
    } catch (error) {
      notes.push(`${backend} unavailable: ${error instanceof Error ? error.message : String(error)}`);
      continue;
    }
    if (!ok) {
      notes.push(`${backend} did not initialise in this browser`);
      continue;
    }
    const adapter = describe(backend);
    return { name: `browser-${backend}`, ...(adapter ? { adapter } : {}), notes };
  }
  throw new Error(`No TF.js backend initialised in this browser (${notes.join('; ')}).`);
}
