/**
 * Builds what "Run in this browser" serves from public/runtime/ (git-ignored; run by `npm run build`, `npm start`
 * and the e2e server before `next build`): the Web Worker bundle (server/runtime/browser/browser-worker.ts), the
 * tfjs-backend-wasm binaries, and the shipped data files (data/*.gz) the worker fetches.
 *
 * esbuild, not Next's bundler: the worker reaches the node builders, some of whose modules are Node-only
 * (shipped-file reading, model export, artifact writing). The plugin swaps them for their browser counterparts or
 * for a stub that fails with a clear message; any other Node built-in reached fails the build.
 */
import { build, type Plugin } from 'esbuild';
import { copyFile, mkdir, readdir } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { BROWSER_RUNTIME_PATH, BROWSER_WORKER_FILE } from '../formats/browser-worker-protocol';
import { wasmBinaryDirectory } from '../server/runtime/node/wasm-paths';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const browserDir = path.join(root, 'server/runtime/browser');

/** Importers whose Node-only imports are reached only on paths a browser run never takes (export, file paths). */
const stubbedImporters = [/server\/runtime\/units\/unit-predictions\.ts$/, /server\/datasets\/shipped\/data-files\.ts$/, /server\/runtime\/node\//];

export const browserSwaps: Plugin = {
  name: 'stepstone-browser-swaps',
  setup(b) {
    b.onResolve({ filter: /read-shipped$/ }, (args) => (args.importer.includes(`${path.sep}shipped${path.sep}`) ? { path: path.join(browserDir, 'read-shipped.browser.ts') } : undefined));
    b.onResolve({ filter: /^\.\/parse-upload$/ }, (args) => (args.importer.endsWith('load-dataset.ts') ? { path: path.join(browserDir, 'parse-upload.browser.ts') } : undefined));
    b.onResolve({ filter: /\/node\/[a-z-]+$/ }, (args) => (args.importer.startsWith(root) && !args.importer.includes('node_modules') && path.resolve(args.resolveDir, args.path).startsWith(path.join(root, 'server/runtime/node')) ? { path: path.join(browserDir, 'node-only.browser.ts') } : undefined));
    b.onResolve({ filter: /^node:/ }, (args) => {
      if (stubbedImporters.some((r) => r.test(args.importer))) return { path: path.join(browserDir, 'node-only.browser.ts') };
      return { errors: [{ text: `${args.path} reached from ${path.relative(root, args.importer)}: the browser worker must not import Node built-ins` }] };
    });
  },
};

export async function buildBrowserRuntime(outDir = path.join(root, 'public', BROWSER_RUNTIME_PATH)): Promise<void> {
  await mkdir(path.join(outDir, 'data'), { recursive: true });
  await build({
    entryPoints: [path.join(browserDir, 'browser-worker.ts')],
    outfile: path.join(outDir, BROWSER_WORKER_FILE),
    bundle: true, format: 'iife', platform: 'browser', target: 'es2022', minify: true, logLevel: 'error',
    plugins: [browserSwaps],
  });
  const wasmDir = wasmBinaryDirectory();
  if (!wasmDir) throw new Error('@tensorflow/tfjs-backend-wasm is not installed: run npm install.');
  for (const f of await readdir(wasmDir)) if (f.endsWith('.wasm')) await copyFile(path.join(wasmDir, f), path.join(outDir, f));
  for (const f of await readdir(path.join(root, 'data'))) if (f.endsWith('.gz')) await copyFile(path.join(root, 'data', f), path.join(outDir, 'data', f));
}

if (process.argv[1] && fileURLToPath(import.meta.url) === path.resolve(process.argv[1])) {
  await buildBrowserRuntime();
  console.log(`browser runtime built into public${BROWSER_RUNTIME_PATH}`);
}
