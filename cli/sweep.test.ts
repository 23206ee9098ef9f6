import { spawn } from 'node:child_process';
import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { tinyDannSweep } from '../server/sweeps/test-support';
import { parseSweepArgs, withSets } from './sweep-args';

const root = path.resolve(import.meta.dirname, '..');

function sweep(args: string[]): Promise<{ code: number | null; out: string; err: string }> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'cli/sweep.ts', ...args], { cwd: root, stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  let err = '';
  child.stdout.on('data', (d: Buffer) => (out += d.toString()));
  child.stderr.on('data', (d: Buffer) => (err += d.toString()));
  return new Promise((resolve) => child.on('exit', (code) => resolve({ code, out, err })));
}

async function graphFile(): Promise<string> {
  const file = path.join(await mkdtemp(path.join(tmpdir(), 'sweep-cli-')), 'graph.json');
  await writeFile(file, JSON.stringify(tinyDannSweep([], { epochs: 5 })));
  return file;
}

describe('sweep CLI arguments', () => {
  it('--set adds lists and ranges to the graph sweeps, splitting after the longest node id', () => {
    const doc = tinyDannSweep([]);
    doc.nodes.push({ ...doc.nodes.find((n) => n.id === 'dann')!, id: 'dann.v2' });
    const out = withSets(doc, ['dann.lambdaMax=0.1,1,auto', 'dann.v2.lambdaSchedule=dann,constant', 'trainer.learningRate=log:0.001:0.1:3', 'dann.lambdaMax=0.5']);
    expect(out.sweeps).toEqual([
      { nodeId: 'dann', param: 'lambdaMax', values: [0.5] },
      { nodeId: 'dann.v2', param: 'lambdaSchedule', values: ['dann', 'constant'] },
      { nodeId: 'trainer', param: 'learningRate', range: { from: 0.001, to: 0.1, n: 3, scale: 'log' } },
    ]);
    expect(() => withSets(doc, ['ghost.x=1'])).toThrow(/no node of the graph is named by "ghost.x"/);
    expect(() => withSets(doc, ['dann.lambdaMax'])).toThrow(/expected nodeId.param=values/);
    expect(parseSweepArgs(['g.json', '--set', 'a.b=1', '--json', '--concurrency', '2'])).toEqual({ file: 'g.json', json: true, sets: ['a.b=1'], concurrency: 2 });
    expect(() => parseSweepArgs(['--json'])).toThrow(/Usage: npm run sweep/);
  });
});

describe('npm run sweep', () => {
  it('refuses a sweep over 200 members with the compiler error and exit code 1', async () => {
    const r = await sweep([await graphFile(), '--set', 'dann.lambdaMax=lin:0:10:21', '--set', 'trainer.learningRate=log:0.001:0.1:10']);
    expect(r.code).toBe(1);
    expect(r.err).toMatch(/210 members \(dann.lambdaMax: 21 × trainer.learningRate: 10\); at most 200/);
  });

  it('runs the members on the embedded queue and ends with one JSON line: members, picks, oracle', async () => {
    const r = await sweep([await graphFile(), '--set', 'dann.lambdaMax=0,2', '--json', '--concurrency', '2']);
    expect(r.code, r.err).toBe(0);
    const json = JSON.parse(r.out.trim().split('\n').at(-1)!) as { members: { values: object; validators: Record<string, number>; test?: { accuracy: { mean: number; perSeed: number[] } } }[]; picks: Record<string, number>; oracle?: number };
    expect(json.members.map((m) => m.values)).toEqual([{ 'dann.lambdaMax': 0 }, { 'dann.lambdaMax': 2 }]);
    for (const m of json.members) {
      expect(Object.keys(m.validators).sort()).toEqual(['dev', 'im', 'snd', 'sourceValAccuracy']);
      expect(m.test!.accuracy.perSeed).toHaveLength(1);
    }
    expect(Object.keys(json.picks).sort()).toEqual(['dev', 'im', 'snd', 'sourceValAccuracy']);
    const accs = json.members.map((m) => m.test!.accuracy.mean);
    expect(accs[json.oracle!]).toBe(Math.max(...accs));
    expect(r.out).toMatch(/IM picks member [12]/);
  }, 300_000);
});
