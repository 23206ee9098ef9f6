import { ESLint } from 'eslint';
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
