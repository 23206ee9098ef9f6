import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunEvent } from '../../../formats/run-events';
import { selectBackend } from '../../runtime/backend/select-backend';
import { runInBrowser } from '../../runtime/browser/run-in-browser';
import { dannLoss, moonsPlan } from '../../runtime/test-support/moons-plan';
import { harnessBackends, openHarness, rejection, type Harness } from './testing/router-harness';

describe.each(harnessBackends)('runs.saveBrowserRun (%s)', (kind, enabled) => {
  let h: Harness;
  const plan = moonsPlan({ losses: [dannLoss], epochs: 3 });
  const events: RunEvent[] = [];
  beforeAll(async () => {
    if (!enabled) return;
    h = await openHarness(kind);
    await selectBackend('wasm');
    await runInBrowser(plan, { backend: { name: 'browser-wasm', notes: [] }, onEvent: (e) => events.push(e) });
  }, 120_000);
  afterAll(async () => h?.close());

  it.skipIf(!enabled)('stores a finished browser run that the run page reads like any other; read-only callers are refused', async () => {
    expect((await rejection(h.readOnly.runs.saveBrowserRun({ plan, events }))).code).toBe('FORBIDDEN');
    const { runId } = await h.caller.runs.saveBrowserRun({ plan, graphId: 'no-such-graph', events });
    const run = await h.caller.runs.get({ id: runId });
    expect(run).toMatchObject({ status: 'succeeded', backend: 'browser-wasm', graphId: null, graphName: plan.graphName });
    const final = events.find((e) => e.type === 'final');
    expect(run.result).toEqual(final?.type === 'final' ? final.result : null);
    // Replayed with the status events a server run has, numbered 1..n, and the stream ends.
    const replay: RunEvent[] = [];
    for await (const item of await h.caller.runs.events({ runId })) replay.push((Array.isArray(item) ? item[1] : (item as { data: RunEvent }).data) as RunEvent);
    expect(replay.map((e) => e.type)).toEqual(['status', ...events.map((e) => e.type), 'status']);
    expect(replay.at(-1)).toMatchObject({ type: 'status', status: 'succeeded' });
  });

  it.skipIf(!enabled)('refuses a result that claims a server backend, and writes nothing', async () => {
    const before = (await h.caller.runs.list()).length;
    const forged = events.map((e) => (e.type === 'started' ? { ...e, backend: 'wasm' as const } : e.type === 'final' ? { ...e, result: { ...e.result, backend: 'wasm' as const } } : e));
    const err = await rejection(h.caller.runs.saveBrowserRun({ plan, events: forged }));
    expect(err.code).toBe('BAD_REQUEST');
    expect(err.message).toMatch(/not a browser backend/);
    expect((await h.caller.runs.list()).length).toBe(before);
  });
});
