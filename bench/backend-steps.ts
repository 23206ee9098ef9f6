/**
 * `npm run bench -- backends`: the reference DANN step (bench/dann-step-model.ts) on every TF.js backend available
 * here — Node's (tfjs-node-gpu, WebGPU through Dawn, tfjs-node, WASM) and the browser's (WebGPU, WebGL, WASM in
 * Chromium through Playwright). On a GPU machine with its Vulkan driver the same command gives the GPU figures;
 * without one, WebGPU runs on SwiftShader (a CPU emulation: those figures say nothing about a GPU).
 */
import { BACKEND_ORDER, selectBackend } from '../server/runtime/backend/select-backend';
import { browserSteps, type BrowserStepRow } from './browser/browser-steps';
import { measureFastSteps } from './dann-step-model';

export interface NodeStepRow {
  backend: string;
  adapter?: string;
  ms: number | null;
  firstLoss?: number;
  error?: string;
}

/** Pure-JS 'cpu' is left out: the 784→256 step takes seconds there and nobody trains on it by choice. */
const NODE_BACKENDS = BACKEND_ORDER.filter((b) => b !== 'cpu');

async function nodeSteps(warmup: number, steps: number): Promise<NodeStepRow[]> {
  const rows: NodeStepRow[] = [];
  for (const name of NODE_BACKENDS) {
    try {
      const selected = await selectBackend(name);
      // A software WebGPU adapter (SwiftShader) is slow: fewer steps.
      const software = name === 'webgpu' && /swiftshader|llvmpipe/i.test(selected.adapter ?? '');
      const r = await measureFastSteps(selected.tf, software ? 1 : warmup, software ? 3 : steps);
      rows.push({ backend: name, ...(selected.adapter ? { adapter: selected.adapter } : {}), ms: r.ms, firstLoss: r.firstLoss });
    } catch (error) {
      rows.push({ backend: name, ms: null, error: (error instanceof Error ? error.message : String(error)).split('\n')[0] });
    }
  }
  return rows;
}

export async function backendStepsBench(options: { warmup?: number; steps?: number } = {}): Promise<{ node: NodeStepRow[]; browser: BrowserStepRow[] }> {
  const warmup = options.warmup ?? 3;
  const steps = options.steps ?? 10;
  const node = await nodeSteps(warmup, steps);
  const browser = await browserSteps({ warmup: 2, steps: 5 });
  return { node, browser };
}

export function printBackendSteps(result: { node: NodeStepRow[]; browser: BrowserStepRow[] }): void {
  console.log('| backend | adapter | ms per DANN step | first loss |');
  console.log('|---|---|---|---|');
  for (const r of [...result.node, ...result.browser]) {
    console.log(`| ${r.backend} | ${r.adapter ?? '—'} | ${r.ms ?? `unavailable: ${r.error}`} | ${r.firstLoss?.toFixed(4) ?? '—'} |`);
  }
}
