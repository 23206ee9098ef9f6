/**
 * The reference DANN step on the browser's TF.js backends (WebGPU, WebGL, WASM) in Chromium through Playwright:
 * bench/browser/entry.ts is bundled with esbuild, served from 127.0.0.1 (a secure context, which WebGPU needs)
 * and measured in a fresh page per backend. Without a GPU, Chromium's WebGPU and WebGL run on SwiftShader.
 */
import { createServer, type Server } from 'node:http';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import { chromium, type Page } from '@playwright/test';
import { wasmBinaryDirectory } from '../../server/runtime/node/wasm-paths';

export const BROWSER_BACKENDS = ['webgpu', 'webgl', 'wasm'] as const;
/** The flags that give headless Chromium a WebGPU adapter without a GPU (SwiftShader through Vulkan). */
export const WEBGPU_FLAGS = ['--enable-unsafe-webgpu', '--enable-features=Vulkan', '--use-vulkan=swiftshader', '--use-webgpu-adapter=swiftshader'];

export interface BrowserStepRow {
  backend: `browser-${(typeof BROWSER_BACKENDS)[number]}`;
  adapter?: string;
  ms: number | null;
  firstLoss?: number;
  error?: string;
}

async function bundle(): Promise<string> {
  const entry = fileURLToPath(new URL('./entry.ts', import.meta.url));
  const out = await build({ entryPoints: [entry], bundle: true, write: false, format: 'iife', platform: 'browser', target: 'es2022', logLevel: 'error' });
  return out.outputFiles[0]!.text;
}

async function serve(script: string): Promise<{ server: Server; url: string }> {
  const wasmDir = wasmBinaryDirectory();
  const server = createServer((req, res) => {
    const url = req.url ?? '/';
    if (url === '/bench.js') return void res.writeHead(200, { 'content-type': 'text/javascript' }).end(script);
    const wasm = /^\/wasm\/(tfjs-backend-wasm[a-z-]*\.wasm)$/.exec(url);
    if (wasm && wasmDir) {
      void readFile(path.join(wasmDir, wasm[1]!)).then(
        (bytes) => res.writeHead(200, { 'content-type': 'application/wasm' }).end(bytes),
        () => res.writeHead(404).end(),
      );
      return;
    }
    res.writeHead(200, { 'content-type': 'text/html' }).end('<!doctype html><script src="/bench.js"></script>');
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  if (address === null || typeof address === 'string') throw new Error('bench server has no port');
  return { server, url: `http://127.0.0.1:${address.port}/` };
}

/** Chromium (with the WebGPU flags) and a page server for the bundled entry; `page()` opens a fresh loaded page. */
export async function openBenchBrowser(): Promise<{ page: () => Promise<Page>; close: () => Promise<void> }> {
  const { server, url } = await serve(await bundle());
  const browser = await chromium.launch({ executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium', args: WEBGPU_FLAGS }).catch((error: unknown) => {
    server.close();
    throw error;
  });
  return {
    page: async () => {
      const page = await browser.newPage();
      await page.goto(url);
      return page;
    },
    close: async () => {
      await browser.close();
      server.close();
    },
  };
}

/** Measures each browser backend in its own page; a backend that does not initialise is reported, not fatal. */
export async function browserSteps(options: { warmup?: number; steps?: number } = {}): Promise<BrowserStepRow[]> {
  const bench = await openBenchBrowser();
  const rows: BrowserStepRow[] = [];
  try {
    for (const backend of BROWSER_BACKENDS) {
      const page = await bench.page();
      try {
        const r = await page.evaluate(
          ([b, w, s]) => (globalThis as unknown as { stepBench: (b: string, w: number, s: number) => Promise<{ ms: number; firstLoss: number; adapter?: string }> }).stepBench(b, w, s),
          [backend, options.warmup ?? 2, options.steps ?? 5] as const,
        );
        rows.push({ backend: `browser-${backend}`, ms: r.ms, firstLoss: r.firstLoss, ...(r.adapter ? { adapter: r.adapter } : {}) });
      } catch (error) {
        rows.push({ backend: `browser-${backend}`, ms: null, error: (error instanceof Error ? error.message : String(error)).split('\n')[0] });
      } finally {
        await page.close();
      }
    }
  } finally {
    await bench.close();
  }
  return rows;
}
