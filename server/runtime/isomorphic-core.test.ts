import { build } from 'esbuild';
import { ESLint } from 'eslint';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

/** The lint rule that keeps the runtime core isomorphic (eslint.config.mjs), checked on code it must refuse. */
async function messages(code: string, filePath: string): Promise<string[]> {
  const eslint = new ESLint({ cwd: process.cwd() });
  const [result] = await eslint.lintText(code, { filePath });
  return result!.messages.map((m) => `${m.ruleId}: ${m.message}`);
}

describe('isomorphic runtime core (lint rule)', () => {
  it('refuses node: and bare built-in imports in the core', async () => {
    expect(await messages("import { readFile } from 'node:fs/promises';\nexport const f = readFile;\n", 'server/runtime/losses/probe.ts')).toEqual([
      expect.stringMatching(/^no-restricted-imports: .*server\/runtime\/node/),
    ]);
    expect((await messages("import path from 'path';\nexport const j = path.join;\n", 'server/runtime/train/probe.ts'))[0]).toMatch(/^no-restricted-imports/);
  });

  it('refuses the Node-only layer and Node globals in the core', async () => {
    expect((await messages("import { wasmBinaryDirectory } from '../node/wasm-paths';\nexport const d = wasmBinaryDirectory;\n", 'server/runtime/model/probe.ts'))[0]).toMatch(/Node-only layer/);
    expect((await messages('export const b = Buffer.from([1]);\n', 'server/runtime/metrics/probe.ts'))[0]).toMatch(/^no-restricted-globals: .*Uint8Array/);
    expect((await messages('export const e = process.env.X;\n', 'server/runtime/ops/probe.ts'))[0]).toMatch(/^no-restricted-globals/);
  });

  it('allows them in the Node-only layer', async () => {
    expect(await messages("import { readFile } from 'node:fs/promises';\nexport const f = readFile;\n", 'server/runtime/node/probe.ts')).toEqual([]);
  });
});

describe('isomorphic runtime core (browser bundle)', () => {
  // Transitively, not just file by file: everything the training loop, the losses, ops and metrics and the result
  // aggregation import bundles for a browser (esbuild fails on any Node built-in reached from them).
  it('the training stage, losses, ops, metrics and result aggregation bundle for the browser', async () => {
    const at = (p: string) => fileURLToPath(new URL(p, import.meta.url));
    const entries = ['./train/run-train-stage.ts', './report/aggregate-result.ts', './metrics/domain-distance.ts', './metrics/pca.ts', './losses/mmd.ts', './ops/dense.ts'];
    const out = await build({ entryPoints: entries.map(at), bundle: true, write: false, platform: 'browser', format: 'esm', outdir: '/tmp/stepstone-bundle-check', logLevel: 'silent' });
    expect(out.errors).toEqual([]);
    expect(out.outputFiles.length).toBe(entries.length);
  });

  it('a Node import reached from them would fail the bundle (the check can fail)', async () => {
    const at = fileURLToPath(new URL('./node/wasm-paths.ts', import.meta.url));
    await expect(build({ entryPoints: [at], bundle: true, write: false, platform: 'browser', format: 'esm', logLevel: 'silent' })).rejects.toThrow(/node:module|node:path/);
  });
});
