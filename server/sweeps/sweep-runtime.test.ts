import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunEvent, RunResult } from '../../formats/run-events';
import { selectBackend } from '../runtime/backend/select-backend';
import { runPlan } from '../runtime/run-plan';
import { baselineKey } from '../runtime/units/baseline-cache';
import { compileSweep } from './compile-sweep';
import { summariseSweep } from './summarise-sweep';
import { tinyDannSweep } from './test-support';

let cacheDir = '';
beforeAll(async () => {
  await selectBackend('wasm');
  cacheDir = await mkdtemp(path.join(tmpdir(), 'stepstone-baselines-'));
});
afterAll(async () => {
  await rm(cacheDir, { recursive: true, force: true });
});

describe('a 4-member λ sweep on tiny data (real runtime)', () => {
  it('compiles to 4 plans, runs them, trains the shared source-only baseline once, and computes the picks', async () => {
    const compiled = compileSweep(tinyDannSweep([{ nodeId: 'dann', param: 'lambdaMax', values: [0, 0.3, 1, 3] }]));
    expect(compiled.ok).toBe(true);
    if (!compiled.ok) return;
    expect(compiled.members).toHaveLength(4);
    const results: RunResult[] = [];
    let baselineTrainings = 0;
    let reused = 0;
    for (const m of compiled.members) {
      const events: RunEvent[] = [];
      results.push(await runPlan(m.plan, { backend: 'wasm', parallelism: 1, baselineCacheDir: cacheDir, onEvent: (e) => events.push(e) }));
      if (events.some((e) => e.type === 'stage' && e.track === 'sourceOnly')) baselineTrainings++;
      if (events.some((e) => e.type === 'warning' && /baseline \(seed \d+\) is shared/.test(e.message))) reused++;
    }
    expect(baselineTrainings).toBe(1);
    expect(reused).toBe(3);
    expect((await readdir(cacheDir)).filter((f) => f.endsWith('.json'))).toHaveLength(1);
    expect((await readdir(cacheDir)).filter((f) => f.endsWith('.claim'))).toHaveLength(0);
    // Every member reports the same source-only model and measures its gain against it.
    const so = results.map((r) => r.models.sourceOnly!.splits.test!.accuracy.mean);
    expect(new Set(so).size).toBe(1);
    for (const r of results) expect(r.gain!.mean).toBeCloseTo(r.models.method.splits.test!.accuracy.mean - so[0]!, 12);
    // λ matters: the members are different models.
    expect(new Set(results.map((r) => r.models.method.validators!.im!.mean)).size).toBe(4);

    const summary = summariseSweep(compiled.members.map((m, i) => ({ index: m.index, values: m.values, status: 'succeeded', result: results[i]! })));
    expect(summary.members.map((r) => r.values['dann.lambdaMax'])).toEqual([0, 0.3, 1, 3]);
    expect(Object.keys(summary.picks).sort()).toEqual(['dev', 'im', 'snd', 'sourceValAccuracy']);
    const tests = results.map((r) => r.models.method.splits.test!.accuracy.mean);
    expect(summary.oracle).toBe(tests.indexOf(Math.max(...tests)));
    for (const [name, pick] of Object.entries(summary.picks)) expect(summary.oracleGap[name as 'im']).toBeCloseTo(Math.max(...tests) - tests[pick]!, 12);
    const ims = results.map((r) => r.models.method.validators!.im!.mean);
    expect(summary.picks.im).toBe(ims.indexOf(Math.max(...ims)));
    const devs = results.map((r) => r.models.method.validators!.dev!.mean);
    expect(summary.picks.dev).toBe(devs.indexOf(Math.min(...devs)));
  }, 240_000);

  it('a learning-rate sweep does not share baselines (the baseline trains with that rate); a λ sweep does', () => {
    const lr = compileSweep(tinyDannSweep([{ nodeId: 'trainer', param: 'learningRate', values: [0.01, 0.02] }]));
    const lambda = compileSweep(tinyDannSweep([{ nodeId: 'dann', param: 'lambdaMax', values: [0.1, 1] }]));
    if (!lr.ok || !lambda.ok) throw new Error('does not compile');
    const key = (plan: (typeof lr.members)[number]['plan']) => baselineKey({ plan, track: 'sourceOnly', seed: 0, seedIndex: 0, uploads: {}, positionEveryMs: null });
    expect(key(lr.members[0]!.plan)).not.toBe(key(lr.members[1]!.plan));
    expect(key(lambda.members[0]!.plan)).toBe(key(lambda.members[1]!.plan));
  });
});
