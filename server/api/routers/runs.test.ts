import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { count, eq } from 'drizzle-orm';
import { runs } from '../../../db/schema';
import type { RunEvent } from '../../../formats/run-events';
import { templates } from '../../../templates';
import { terminalStatuses } from '../../jobs/run-store';
import { harnessBackends, openHarness, rejection, type Harness } from './testing/router-harness';

const backends = harnessBackends;

describe.each(backends)('runs router (%s)', (kind, enabled) => {
  let h: Harness;
  beforeAll(async () => {
    if (enabled) h = await openHarness(kind, 40);
  });
  afterAll(async () => h?.close());
  const ddc = templates.find((t) => t.id === 'ddc')!.document;
  const withEpochs = (epochs: number) => ({ ...ddc, nodes: ddc.nodes.map((n) => (n.params && 'epochs' in n.params ? { ...n, params: { ...n.params, epochs } } : n)) });
  const short = withEpochs(5);

  async function collect(runId: string, lastEventId?: string, stopAfter?: number): Promise<{ id: string; event: RunEvent }[]> {
    const out: { id: string; event: RunEvent }[] = [];
    const stream = await h.caller.runs.events({ runId, lastEventId });
    for await (const item of stream) {
      // The in-process caller yields the tracked envelope [id, data]; over HTTP the client sees { id, data }.
      const [id, data] = Array.isArray(item) ? (item as unknown as [string, RunEvent]) : [(item as { id: string }).id, (item as { data: RunEvent }).data];
      out.push({ id, event: data });
      if (stopAfter !== undefined && out.length >= stopAfter) break; // ends the generator (its finally unsubscribes)
    }
    return out;
  }

  it.skipIf(!enabled)('start compiles a template, queues it, streams events to the end; get/list agree', async () => {
    const { runId } = await h.caller.runs.start({ document: short });
    const events = await collect(runId);
    expect(events.map((e) => Number(e.id))).toEqual(events.map((_, i) => i + 1));
    const statuses = events.flatMap((e) => (e.event.type === 'status' ? [e.event.status] : []));
    expect(statuses).toEqual(['queued', 'running', 'succeeded']);
    const final = events.find((e) => e.event.type === 'final');
    const run = await h.caller.runs.get({ id: runId });
    expect(run.status).toBe('succeeded');
    expect(run.plan.graphName).toBe(ddc.name);
    expect(run.plan.stages[0]?.epochs).toBe(5);
    expect(final?.event.type === 'final' && final.event.result).toEqual(run.result);
    expect(run.lastEventId).toBe(events.at(-1)!.id);
    expect((await h.caller.runs.list()).find((r) => r.id === runId)?.status).toBe('succeeded');
    // Late join from the middle replays the same tail.
    const tail = await collect(runId, '3');
    expect(tail.map((e) => e.id)).toEqual(events.slice(3).map((e) => e.id));
  });

  it.skipIf(!enabled)('a run stored with a format-1 result (one seed) reads back migrated to format 2', async () => {
    const { runId } = await h.caller.runs.start({ document: short });
    await collect(runId);
    const v1 = { backend: 'wasm', seed: 3, durationMs: 10, method: { accuracy: 0.9 }, baselines: { sourceOnly: { accuracy: 0.8 } }, gain: 0.1, negativeTransfer: false, domainDistances: [], artifacts: [] };
    await h.services.db.update(runs).set({ result: v1 }).where(eq(runs.id, runId));
    const run = await h.caller.runs.get({ id: runId });
    expect(run.result).toMatchObject({ version: 3, seeds: [3], verdict: 'single-seed', gain: { mean: 0.1, ci95: null, baseline: 'sourceOnly' } });
    expect(run.result!.models.sourceOnly!.splits.test!.accuracy).toEqual({ mean: 0.8, std: 0, perSeed: [0.8] });
  });

  it.skipIf(!enabled)('start from a saved graph records the graph and version', async () => {
    const { id } = await h.caller.graphs.save({ document: short });
    const { runId } = await h.caller.runs.start({ graphId: id });
    await collect(runId);
    expect(await h.caller.runs.get({ id: runId })).toMatchObject({ graphId: id, graphVersion: 1, status: 'succeeded' });
  });

  it.skipIf(!enabled)('a graph that does not compile is refused with the compiler issues, and nothing is queued', async () => {
    const before = (await h.services.db.select({ n: count() }).from(runs))[0]!.n;
    const broken = { ...ddc, edges: [] };
    const err = await rejection(h.caller.runs.start({ document: broken }));
    expect(err.code).toBe('BAD_REQUEST');
    expect(err.message).toMatch(/^The graph does not compile:\n/);
    expect(err.message).toMatch(/node \S+/);
    expect((await h.services.db.select({ n: count() }).from(runs))[0]!.n).toBe(before);
  });

  it.skipIf(!enabled)('cancel stops a running run; its status and its events agree; retry makes a new run', async () => {
    const long = withEpochs(200);
    const { runId } = await h.caller.runs.start({ document: long });
    const seen = await collect(runId, undefined, 4); // queued, running, started, first epoch
    expect(seen.some((e) => e.event.type === 'epoch')).toBe(true);
    const res = await h.caller.runs.cancel({ id: runId });
    expect(res.outcome).toBe('requested');
    const rest = await collect(runId, seen.at(-1)!.id);
    const last = rest.at(-1)!.event;
    expect(last).toMatchObject({ type: 'status', status: 'cancelled' });
    const run = await h.caller.runs.get({ id: runId });
    expect(run.status).toBe('cancelled');
    expect(rest.some((e) => e.event.type === 'final')).toBe(false);
    const { runId: again } = await h.caller.runs.retry({ id: runId });
    expect(again).not.toBe(runId);
    expect((await h.caller.runs.get({ id: again })).retryOf).toBe(runId);
    await h.caller.runs.cancel({ id: again });
    await collect(again);
    expect(terminalStatuses).toContain((await h.caller.runs.get({ id: again })).status);
    expect((await rejection(h.caller.runs.cancel({ id: '00000000-0000-4000-8000-000000000000' }))).code).toBe('NOT_FOUND');
  });
});
