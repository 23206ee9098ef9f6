import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { runEvents, runs } from '../../../db/schema';
import { tinyDannSweep } from '../../sweeps/test-support';
import { harnessBackends, openHarness, rejection, type Harness } from './testing/router-harness';

async function until<T>(fn: () => Promise<T | undefined>, ms = 200_000): Promise<T> {
  const end = Date.now() + ms;
  for (;;) {
    const v = await fn();
    if (v !== undefined) return v;
    if (Date.now() > end) throw new Error('timed out');
    await new Promise((r) => setTimeout(r, 50));
  }
}

const lambdaSweep = (values: number[], epochs = 5) => tinyDannSweep([{ nodeId: 'dann', param: 'lambdaMax', values }], { epochs });

// Members run one at a time, each in its own training process (a few seconds to boot on a loaded machine).
const SWEEP_TEST_MS = 240_000;

describe.each(harnessBackends)('sweeps router (%s)', (kind, enabled) => {
  let h: Harness;
  beforeAll(async () => {
    if (enabled) h = await openHarness(kind, 10);
  });
  afterAll(async () => h?.close());
  const finished = (id: string) => until(async () => {
    const v = await h.caller.sweeps.get({ id });
    return v.status === 'finished' || v.status === 'cancelled' ? v : undefined;
  });

  it.skipIf(!enabled)('a 4-member sweep: every member its own run, picks, oracle gap and rank correlations', async () => {
    const { sweepId, members } = await h.caller.sweeps.start({ document: lambdaSweep([0.1, 0.3, 1, 3]) });
    expect(members).toBe(4);
    const view = await finished(sweepId);
    expect(view.status).toBe('finished');
    expect(view.runs.map((r) => [r.index, r.status])).toEqual([0, 1, 2, 3].map((i) => [i, 'succeeded']));
    expect(view.summary.members.map((m) => m.values)).toEqual([0.1, 0.3, 1, 3].map((v) => ({ 'dann.lambdaMax': v })));
    // The scripted trainer's member k scores 0.5 + (3k mod 7)/20 on test: 0.5, 0.65, 0.8, 0.6; IM follows it, SND
    // opposes it, DEV is k.
    expect(view.summary.oracle).toBe(2);
    expect(view.summary.picks).toEqual({ im: 2, snd: 0, dev: 0, sourceValAccuracy: 0 });
    expect(view.summary.oracleGap.im).toBeCloseTo(0, 12);
    expect(view.summary.oracleGap.dev).toBeCloseTo(0.3, 12);
    expect(view.summary.rankCorrelation.im).toBeCloseTo(1, 12);
    expect(view.summary.rankCorrelation.snd).toBeCloseTo(-1, 12);
    expect(view.summary.rankCorrelation.sourceValAccuracy).toBeUndefined(); // constant: no ranking
    const rows = await h.services.db.select().from(runs).where(eq(runs.sweepId, sweepId));
    expect(rows.map((r) => r.attempts)).toEqual([1, 1, 1, 1]);
    const listed = (await h.caller.sweeps.list()).find((s) => s.id === sweepId);
    expect(listed).toMatchObject({ memberCount: 4, statusCounts: { succeeded: 4 } });
    const memberRuns = (await h.caller.runs.list()).filter((r) => r.sweepId === sweepId);
    expect(memberRuns.map((r) => r.sweepMember).sort()).toEqual([0, 1, 2, 3]);
    if (kind === 'pglite') {
      // Embedded mode honours STEPSTONE_CONCURRENCY (1 here): member runs never overlap.
      const spans = await Promise.all(rows.map(async (r) => {
        const ev = await h.services.db.select().from(runEvents).where(eq(runEvents.runId, r.id));
        const at = (s: string) => ev.find((e) => e.type === 'status' && (e.payload as { status: string }).status === s)!.createdAt.getTime();
        return [at('running'), at('succeeded')] as const;
      }));
      spans.sort((a, b) => a[0] - b[0]);
      for (let i = 1; i < spans.length; i++) expect(spans[i]![0]).toBeGreaterThanOrEqual(spans[i - 1]![1]);
    }
  }, SWEEP_TEST_MS);

  it.skipIf(!enabled)('"use this member" saves its values into the swept graph as a new version', async () => {
    const saved = await h.caller.graphs.save({ document: lambdaSweep([0.2, 2]) });
    const { sweepId } = await h.caller.sweeps.start({ graphId: saved.id });
    await finished(sweepId);
    const used = await h.caller.sweeps.useMember({ id: sweepId, member: 1 });
    expect(used).toMatchObject({ graphId: saved.id, version: 2 });
    expect(used.runId).toMatch(/[0-9a-f-]{36}/);
    const graph = await h.caller.graphs.get({ id: saved.id });
    expect(graph.document.nodes.find((n) => n.id === 'dann')!.params.lambdaMax).toBe(2);
    expect(graph.document.sweeps).toEqual([]);
    const history = await h.caller.graphs.history({ id: saved.id });
    expect(history[0]!.message).toBe('From sweep: member 2 (dann.lambdaMax = 2)');
  }, SWEEP_TEST_MS);

  it.skipIf(!enabled)('cancel stops every member, queued and running', async () => {
    const { sweepId } = await h.caller.sweeps.start({ document: lambdaSweep([0.1, 0.2, 0.4], 2000) });
    await until(async () => ((await h.caller.sweeps.get({ id: sweepId })).runs.some((r) => r.status === 'running') ? true : undefined));
    await h.caller.sweeps.cancel({ id: sweepId });
    const view = await finished(sweepId);
    expect(view.status).toBe('cancelled');
    expect(view.runs.map((r) => r.status)).toEqual(['cancelled', 'cancelled', 'cancelled']);
  }, SWEEP_TEST_MS);

  it.skipIf(!enabled)('refuses a sweep over 200 members, and a swept value out of bounds, storing nothing', async () => {
    const before = (await h.caller.sweeps.list()).length;
    const tooBig = tinyDannSweep([
      { nodeId: 'dann', param: 'lambdaMax', range: { from: 0.01, to: 10, n: 15, scale: 'log' } },
      { nodeId: 'trainer', param: 'learningRate', range: { from: 0.001, to: 0.1, n: 15, scale: 'log' } },
    ]);
    const e = await rejection(h.caller.sweeps.start({ document: tooBig }));
    expect(e.code).toBe('BAD_REQUEST');
    expect(e.message).toMatch(/225 members .*at most 200/);
    const bad = await rejection(h.caller.sweeps.start({ document: lambdaSweep([1, 1000]) }));
    expect(bad.message).toMatch(/Sweep member 2 \(dann\.lambdaMax = 1000\)/);
    expect((await h.caller.sweeps.list()).length).toBe(before);
    expect(await h.caller.sweeps.preview({ document: lambdaSweep([1, 2, 3]) })).toMatchObject({ ok: true, memberCount: 3 });
  });
});
