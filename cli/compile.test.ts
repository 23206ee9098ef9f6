import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCompileCli } from './compile';

async function run(args: string[]) {
  const out: string[] = [];
  const err: string[] = [];
  const code = await runCompileCli(args, { out: (t) => out.push(t), err: (t) => err.push(t) });
  return { code, out: out.join('\n'), err: err.join('\n') };
}

async function tempFile(content: string): Promise<string> {
  const file = path.join(await mkdtemp(path.join(tmpdir(), 'compile-cli-')), 'graph.json');
  await writeFile(file, content);
  return file;
}

describe('compile CLI', () => {
  it('prints the plan summary and exits 0 for a template', async () => {
    const { code, out } = await run(['templates/dann.json']);
    expect(code).toBe(0);
    expect(out).toMatch(/Objective: ℓ = ℓ_c\(source\) \+ λ_p·ℓ_d/);
    expect(out).toMatch(/Baselines: sourceOnly/);
    expect(out).toMatch(/1\. train \[train, init scratch\] 500 epochs/);
  });
  it('prints machine-readable JSON with --json', async () => {
    const { code, out } = await run(['templates/fine-tune.json', '--json']);
    expect(code).toBe(0);
    const parsed = JSON.parse(out) as { ok: boolean; plan: { stages: { kind: string }[] } };
    expect(parsed.plan.stages.map((s) => s.kind)).toEqual(['train', 'fineTune']);
  });
  it('lists every error with node, field and hint, and exits 1', async () => {
    const doc = JSON.parse(await (await import('node:fs/promises')).readFile('templates/ddc.json', 'utf8')) as { nodes: { id: string; params: Record<string, unknown> }[] };
    doc.nodes.find((n) => n.id === 'trainer')!.params.epochs = 0;
    doc.nodes.find((n) => n.id === 'mmd')!.params.lambda = -2;
    const { code, err } = await run([await tempFile(JSON.stringify(doc))]);
    expect(code).toBe(1);
    expect(err).toMatch(/2 errors/);
    expect(err).toMatch(/\[invalidParam\] node trainer, field epochs/);
    expect(err).toMatch(/\[invalidParam\] node mmd, field lambda/);
    expect(err).toMatch(/→ lambda: λ: weight of MMD²/);
  });
  it('reports a file that is not JSON, as an error list in --json mode', async () => {
    const file = await tempFile('{ "nodes": [ ');
    expect(await run([file])).toMatchObject({ code: 1, err: expect.stringMatching(/not valid JSON/) });
    const json = await run([file, '--json']);
    expect(JSON.parse(json.out)).toMatchObject({ ok: false, errors: [{ code: 'file' }] });
  });
  it('explains its usage when called without a file', async () => {
    expect(await run([])).toMatchObject({ code: 2, err: expect.stringMatching(/usage/) });
  });
});
