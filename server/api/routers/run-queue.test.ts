import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runs } from '../../../db/schema';
import { harnessBackends, openHarness, type Harness } from './testing/router-harness';

// A queued run tells its place in the queue (the embedded queue only picks up rows queued through it).
describe.each(harnessBackends)('run queue position (%s)', (kind, enabled) => {
  let h: Harness;
  beforeAll(async () => {
    if (enabled) h = await openHarness(kind);
  });
  afterAll(async () => h?.close());

  it.skipIf(!enabled || kind !== 'pglite')('get reports 1 + the queued runs created before it; none once it left the queue', async () => {
    const t0 = Date.now() + 60_000;
    const [running, first, second, third] = [randomUUID(), randomUUID(), randomUUID(), randomUUID()];
    const row = (id: string, i: number, status: 'queued' | 'running') => ({ id, status, graphName: 'q', plan: {}, device: 'any', createdAt: new Date(t0 + i * 1000) });
    await h.services.db.insert(runs).values([row(running, 0, 'running'), row(first, 1, 'queued'), row(second, 2, 'queued'), row(third, 3, 'queued')]);
    expect((await h.caller.runs.get({ id: first })).queuePosition).toBe(1);
    expect((await h.caller.runs.get({ id: third })).queuePosition).toBe(3);
    expect((await h.caller.runs.get({ id: running })).queuePosition).toBeNull();
  });
});
