import { spawn } from 'node:child_process';
import { mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { twoMoons } from '../server/datasets/synthetic/two-moons';

const root = path.resolve(import.meta.dirname, '..');

function cli(script: string, args: string[]): Promise<{ code: number | null; out: string; err: string }> {
  const child = spawn(process.execPath, ['--import', 'tsx', script, ...args], { cwd: root, stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  let err = '';
  child.stdout.on('data', (d: Buffer) => (out += d.toString()));
  child.stderr.on('data', (d: Buffer) => (err += d.toString()));
  return new Promise((resolve) => child.on('exit', (code) => resolve({ code, out, err })));
}

/** Moons ×10 + 50; the source labelled by name, the target without a label column (columns in another order). */
function files(dir: string) {
  const s = twoMoons({ samples: 200, rotation: 0, noise: 0.1, seed: 1 });
  const t = twoMoons({ samples: 120, rotation: 25, noise: 0.1, seed: 2 });
  const v = (d: typeof s, i: number, j: number) => (d.x[2 * i + j]! * 10 + 50).toFixed(3);
  const src = `a,b,shape\n${Array.from({ length: s.n }, (_, i) => `${v(s, i, 0)},${v(s, i, 1)},${s.y[i] ? 'outer' : 'inner'}`).join('\n')}\n`;
  const tgt = `id,b,a\n${Array.from({ length: t.n }, (_, i) => `t${i},${v(t, i, 1)},${v(t, i, 0)}`).join('\n')}\n`;
  return Promise.all([writeFile(path.join(dir, 'src.csv'), src), writeFile(path.join(dir, 'tgt.csv'), tgt)]);
}

const parse = (csv: string) => csv.trim().split('\n').slice(1).map((l) => l.split(','));

describe('predictions out: the run’s predictions and npm run predict on the exported model agree', () => {
  it('an unlabelled target: train with --predictions, export, predict the same file', async () => {
    const dir = await mkdtemp(path.join(tmpdir(), 'predict-'));
    await files(dir);
    const doc = JSON.parse(await readFile(path.join(root, 'templates', 'dann.json'), 'utf8')) as { nodes: { id: string; type: string; typeVersion: number; params: Record<string, unknown> }[]; edges: object[] };
    Object.assign(doc.nodes.find((n) => n.id === 'trainer')!.params, { epochs: 40 });
    Object.assign(doc.nodes.find((n) => n.id === 'evaluate')!.params, { repeats: 1 });
    doc.nodes.push({ id: 'export', type: 'exportModel', typeVersion: 1, params: { name: 'adapted' } });
    doc.edges.push({ id: 'trainer.trained--export.trained', source: 'trainer', sourcePort: 'trained', target: 'export', targetPort: 'trained' });
    await writeFile(path.join(dir, 'graph.json'), JSON.stringify(doc));
    const out = path.join(dir, 'artifacts');
    const run = await cli('cli/train.ts', [path.join(dir, 'graph.json'), '--data', `source=${path.join(dir, 'src.csv')}:label=shape`, '--data', `target=${path.join(dir, 'tgt.csv')}:label=none:ignore=id`, '--out', out, '--predictions', path.join(dir, 'run.csv'), '--workers', '1', '--backend', 'cpu']);
    expect(run.err).toMatch(/Predictions for 120 target rows/);
    expect(run.code).toBe(0);
    // The target has no labels: its test figures say so, never a 0.
    expect(run.out).toContain('— (unlabelled target)');
    expect(run.out).not.toMatch(/'0\.0%'/);
    const fromRun = await readFile(path.join(dir, 'run.csv'), 'utf8');
    expect(fromRun.split('\n')[0]).toBe('row,split,predicted,p(inner),p(outer)');
    const runRows = parse(fromRun);
    expect(runRows).toHaveLength(120);
    expect(new Set(runRows.map((r) => r[1]))).toEqual(new Set(['test', 'unlabelled']));
    const predicted = await cli('cli/predict.ts', [path.join(out, 'adapted'), path.join(dir, 'tgt.csv')]);
    // Nothing from us on stderr; the Vulkan loader may talk while the backend probe looks for a WebGPU adapter.
    const vulkanNoise = /XDG_RUNTIME_DIR|Vulkan|While initializing adapter|^\s+at /;
    expect(predicted.err.split('\n').filter((l) => l.trim() && !vulkanNoise.test(l))).toEqual([]);
    const byRow = new Map(parse(predicted.out).map((r) => [r[0], r]));
    expect(byRow.size).toBe(120);
    for (const r of runRows) {
      const p = byRow.get(r[0])!;
      expect(p[2]).toBe(r[2]);
      expect(Math.abs(Number(p[3]) - Number(r[3]))).toBeLessThan(2e-3);
    }
    // Both classes are predicted (the model is not constant).
    expect(new Set(runRows.map((r) => r[2])).size).toBe(2);
    await writeFile(path.join(dir, 'other.csv'), 'b,c\n1,2\n');
    const bad = await cli('cli/predict.ts', [path.join(out, 'adapted'), path.join(dir, 'other.csv')]);
    expect(bad.code).toBe(1);
    expect(bad.err).toMatch(/error: other.csv, line 1: lacks the column the model needs: "a"/);
  }, 300_000);
});
