import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTRPCContext, createCallerFactory, createTRPCRouter } from '../api/trpc';
import { runsRouter } from '../api/routers/runs';
import type { RunEvent } from '../../formats/run-events';
import { templates } from '../../templates';
import { createServices, type Services } from '../services';

/**
 * End to end through the real trainer: runs.start → embedded queue → child process running
 * server/runtime/run-plan.ts (TF.js) → events in the database → runs.events. The DDC template with
 * one epoch per stage, so it stays quick; then a cancel mid-run.
 */
const router = createTRPCRouter({ runs: runsRouter });
const createCaller = createCallerFactory(router);

describe('a real TF.js run through the job system (embedded)', () => {
  let services: Services;
  let caller: ReturnType<typeof createCaller>;
  beforeAll(async () => {
    services = await createServices({ databaseUrl: '', pgliteDir: 'memory://', dataDir: `/tmp/stepstone-real-${process.pid}` });
    caller = createCaller(createTRPCContext({ services }));
  });
  afterAll(async () => services?.close());

  const ddc = templates.find((t) => t.id === 'ddc')!.document;
  // One seed: this test is about the job system, not intervals.
  const withEpochs = (epochs: number) => ({
    ...ddc,
    nodes: ddc.nodes.map((n) => (n.type === 'evaluate' ? { ...n, params: { ...n.params, repeats: 1 } } : n.params && 'epochs' in n.params ? { ...n, params: { ...n.params, epochs } } : n)),
  });

  async function events(runId: string, stopAfter?: (e: RunEvent) => boolean): Promise<RunEvent[]> {
    const out: RunEvent[] = [];
    for await (const item of await caller.runs.events({ runId })) {
      const e = (Array.isArray(item) ? item[1] : (item as { data: RunEvent }).data) as RunEvent;
      out.push(e);
      if (stopAfter?.(e)) break;
    }
    return out;
  }

  it('trains, streams started/epoch/final events, and stores the result with its backend', async () => {
    const { runId } = await caller.runs.start({ document: withEpochs(1) });
    const log = await events(runId);
    const run = await caller.runs.get({ id: runId });
    if (run.status !== 'succeeded') console.error(run.error, log.filter((e) => e.type === 'status'));
    expect(run.status).toBe('succeeded');
    const started = log.find((e) => e.type === 'started');
    const backend = started?.type === 'started' ? started.backend : undefined;
    console.log(`real run: backend ${backend}, ${log.length} events`);
    expect(['wasm', 'cpu', 'tensorflow', 'tensorflow-gpu']).toContain(backend);
    expect(log.some((e) => e.type === 'epoch')).toBe(true);
    const final = log.find((e) => e.type === 'final');
    expect(final?.type === 'final' && final.result.models.method.splits.test!.accuracy.mean).toBeGreaterThan(0);
    expect(run.backend).toBe(backend);
    expect(log.at(-1)).toMatchObject({ type: 'status', status: 'succeeded' });
  }, 180_000);

  it('cancel stops real training mid-run; the run ends cancelled with no final result', async () => {
    const { runId } = await caller.runs.start({ document: withEpochs(500) });
    await events(runId, (e) => e.type === 'epoch');
    const asked = Date.now();
    await caller.runs.cancel({ id: runId });
    const rest = await events(runId);
    console.log(`real run: cancel took ${Date.now() - asked} ms`);
    // Well under the 10 s kill grace: the trainer stopped on the signal, it was not killed.
    expect(Date.now() - asked).toBeLessThan(5_000);
    expect(rest.at(-1)).toMatchObject({ type: 'status', status: 'cancelled' });
    expect(rest.some((e) => e.type === 'final')).toBe(false);
    expect((await caller.runs.get({ id: runId })).status).toBe('cancelled');
  }, 180_000);
});
