import { spawn } from 'node:child_process';
import { mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { limits } from '../formats/limits';
import { runCompileCli } from './compile';

const root = path.resolve(import.meta.dirname, '..');

function train(args: string[]): Promise<{ code: number | null; out: string; err: string }> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'cli/train.ts', ...args], { cwd: root, stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  let err = '';
  child.stdout.on('data', (d: Buffer) => (out += d.toString()));
  child.stderr.on('data', (d: Buffer) => (err += d.toString()));
  return new Promise((resolve) => child.on('exit', (code) => resolve({ code, out, err })));
}

async function compile(args: string[]) {
  const out: string[] = [];
  const err: string[] = [];
  const code = await runCompileCli(args, { out: (t) => out.push(t), err: (t) => err.push(t) });
  return { code, out: out.join('\n'), err: err.join('\n') };
}

async function tempFile(content: string): Promise<string> {
  const file = path.join(await mkdtemp(path.join(tmpdir(), 'train-cli-')), 'graph.json');
  await writeFile(file, content);
  return file;
}

async function ddcWith(edit: (nodes: { id: string; params: Record<string, unknown> }[]) => void): Promise<string> {
  const doc = JSON.parse(await readFile(path.join(root, 'templates', 'ddc.json'), 'utf8')) as { nodes: { id: string; params: Record<string, unknown> }[] };
  edit(doc.nodes);
  return tempFile(JSON.stringify(doc));
}

describe('train CLI: the same limits and error format as compile', () => {
  it('refuses an oversized, a too-deep and a NUL-bearing file exactly as compile does', async () => {
    const files = [
      await tempFile(`{"pad":"${'x'.repeat(limits.maxGraphBytes)}"}`),
      await tempFile('['.repeat(100_000) + ']'.repeat(100_000)),
      await tempFile('{"name":"a\\u0000b"}'),
    ];
    for (const file of files) {
      const [t, c] = await Promise.all([train([file]), compile([file])]);
      expect(t.code).toBe(1);
      expect(c.code).toBe(1);
      expect(t.err.trim()).toBe(c.err.trim());
      expect(t.err).not.toMatch(/Maximum call stack|error: \{/);
    }
  }, 120_000);

  it('prints compile errors as the human list (or compile’s JSON with --json), never raw JSON lines', async () => {
    const file = await ddcWith((nodes) => {
      nodes.find((n) => n.id === 'trainer')!.params.epochs = 0;
    });
    const human = await train([file]);
    expect(human.code).toBe(1);
    expect(human.err).toMatch(/1 error:/);
    expect(human.err).not.toMatch(/error: \{/);
    const json = await train([file, '--json']);
    expect(json.code).toBe(1);
    expect((JSON.parse(json.out) as { ok: boolean; errors: unknown[] }).errors).toHaveLength(1);
  }, 120_000);

  it('refuses a plan beyond the machine budget with planTooLarge and a hint', async () => {
    const file = await ddcWith((nodes) => {
      nodes.find((n) => n.id === 'extractor')!.params.hidden = new Array(8).fill(4096);
      Object.assign(nodes.find((n) => n.id === 'trainer')!.params, { epochs: 10_000, batchSize: 4096 });
    });
    const r = await train([file, '--json']);
    expect(r.code).toBe(1);
    const errors = (JSON.parse(r.out) as { errors: { code: string; message: string; hint: string }[] }).errors;
    expect(errors[0]).toMatchObject({ code: 'planTooLarge', message: expect.stringMatching(/^training would need about \d+ MB of memory/) as unknown, hint: expect.stringMatching(/fewer or narrower layers/) as unknown });
  }, 120_000);
});
