import { spawn } from 'node:child_process';
import { mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { twoMoons } from '../server/datasets/synthetic/two-moons';

const root = path.resolve(import.meta.dirname, '..');

function train(args: string[]): Promise<{ code: number | null; out: string; err: string }> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'cli/train.ts', ...args], { cwd: root, stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  let err = '';
  child.stdout.on('data', (d: Buffer) => (out += d.toString()));
  child.stderr.on('data', (d: Buffer) => (err += d.toString()));
  return new Promise((resolve) => child.on('exit', (code) => resolve({ code, out, err })));
}

/** Two moons as a CSV with an id column and class names ("inner"/"outer"), scaled ×10 + 50 (raw, far from 0–1). */
function moonsCsv(rotation: number, seed: number, sep = ','): string {
  const d = twoMoons({ samples: 200, rotation, noise: 0.1, seed });
  const rows = Array.from({ length: d.n }, (_, i) => [`r${i}`, (d.x[2 * i]! * 10 + 50).toFixed(3), (d.x[2 * i + 1]! * 10 + 50).toFixed(3), d.y[i] ? 'outer' : 'inner'].join(sep));
  return `id${sep}a${sep}b${sep}shape\n${rows.join('\n')}\n`;
}

async function setUp() {
  const dir = await mkdtemp(path.join(tmpdir(), 'train-data-'));
  const doc = JSON.parse(await readFile(path.join(root, 'templates', 'dann.json'), 'utf8')) as { nodes: { id: string; params: Record<string, unknown> }[] };
  Object.assign(doc.nodes.find((n) => n.id === 'trainer')!.params, { epochs: 60 });
  Object.assign(doc.nodes.find((n) => n.id === 'evaluate')!.params, { repeats: 1 });
  doc.nodes.find((n) => n.id === 'source')!.params = { ...doc.nodes.find((n) => n.id === 'source')!.params, dataset: 'file:data/src.csv', options: {} };
  const graph = path.join(dir, 'graph.json');
  await writeFile(graph, JSON.stringify(doc));
  await import('node:fs/promises').then((fs) => fs.mkdir(path.join(dir, 'data')));
  await writeFile(path.join(dir, 'data', 'src.csv'), moonsCsv(0, 1));
  await writeFile(path.join(dir, 'tgt.csv'), moonsCsv(20, 2, ';'));
  return { dir, graph };
}

describe('npm run train -- --data: local CSV files through the upload parser', () => {
  it('trains on a file: source next to the graph and a --data target, with options (ignore, label by name, semicolons)', async () => {
    const { dir, graph } = await setUp();
    // Without the options the id column is a feature: the upload parser's message, with line and column.
    const bad = await train([graph, '--data', `target=${path.join(dir, 'tgt.csv')}`, '--workers', '1']);
    expect(bad.code).toBe(1);
    expect(bad.err).toMatch(/node "source": src.csv, line 2, column 1 \(id\): "r0" is not a number/);
    const run = await train([graph, '--data', `source=${path.join(dir, 'data', 'src.csv')}:ignore=id:label=shape`, '--data', `target=${path.join(dir, 'tgt.csv')}:ignore=id:label=shape:delimiter=semicolon`, '--json', '--workers', '1', '--backend', 'cpu']);
    expect(run.err).not.toMatch(/^error:/m);
    expect(run.code).toBe(0);
    const summary = JSON.parse(run.out.trim().split('\n').at(-1)!) as { models: { method: { splits: { test: { accuracy: { mean: number } } } } } };
    // Standardised by default (uploads): moons at ×10 + 50 still train well above chance.
    expect(summary.models.method.splits.test.accuracy.mean).toBeGreaterThan(0.7);
  }, 300_000);

  it('refuses unknown nodes and options before reading anything', async () => {
    const { graph } = await setUp();
    const r = await train([graph, '--data', 'nope=x.csv']);
    expect(r.code).toBe(1);
    expect(r.err).toMatch(/the graph has no node "nope"/);
    const o = await train([graph, '--data', 'target=x.csv:colour=red']);
    expect(o.err).toMatch(/unknown option "colour=red"/);
  }, 120_000);
});
