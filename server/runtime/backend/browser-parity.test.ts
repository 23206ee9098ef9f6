import * as tf from '@tensorflow/tfjs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BROWSER_BACKENDS, openBenchBrowser } from '../../../bench/browser/browser-steps';
import { fusedOpsProbe } from '../test-support/fused-ops-probe';
import { PARITY_RELATIVE, worstRelative } from '../test-support/parity';
import { selectBackend } from './select-backend';

/**
 * The isomorphic core in the browser: the runtime's fused ops bundled for Chromium (esbuild, platform browser — a
 * Node import anywhere in them would fail the bundle) give the same values and gradients on the browser's WebGPU,
 * WebGL and WASM backends as on WASM in Node. Chromium runs WebGPU and WebGL on SwiftShader here.
 */
describe('runtime ops in the browser (Chromium)', () => {
  let reference: number[] = [];
  let bench: Awaited<ReturnType<typeof openBenchBrowser>>;
  beforeAll(async () => {
    await selectBackend('wasm');
    reference = await fusedOpsProbe(tf);
    bench = await openBenchBrowser();
  });
  afterAll(async () => {
    await bench?.close();
  });

  for (const backend of BROWSER_BACKENDS) {
    it(`${backend}: the same value and gradients as Node's wasm within ${PARITY_RELATIVE}`, async () => {
      const page = await bench.page();
      try {
        const result = await page.evaluate((b) => (globalThis as unknown as { opsProbe: (b: string) => Promise<{ backend: string; values: number[] }> }).opsProbe(b), backend);
        // No silent fallback to another backend.
        expect(result.backend).toBe(backend);
        expect(result.values).toHaveLength(reference.length);
        expect(worstRelative(result.values, reference)).toBeLessThan(PARITY_RELATIVE);
      } finally {
        await page.close();
      }
    });
  }
});
