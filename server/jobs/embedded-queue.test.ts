import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase, type DbHandle } from '../../db/client';
import { runs } from '../../db/schema';
import { createLocalEventBus } from './event-bus';
import { startEmbeddedQueue, type EmbeddedQueue } from './embedded-queue';
import { createForkedRunPlan } from './forked-run-plan';
import { followRun } from './follow-run';
import { RunStore } from './run-store';
import { tinyPlan } from './testing/tiny-plan';

const runner = path.join(import.meta.dirname, 'testing', 'scripted-run-plan.ts');

let handle: DbHandle;
let store: RunStore;
const bus = createLocalEventBus();

beforeAll(async () => {
  handle = await openDatabase({ dataDir: 'memory://', databaseUrl: '' });
  store = new RunStore(handle.db, 'pglite', bus);
});
afterAll(async () => {
  await bus.close();
  await handle.close();
});

async function statuses(runId: string) {
  const events = await store.eventsAfter(runId, 0, 10_000);
  return { events, statuses: events.flatMap((e) => (e.event.type === 'status' ? [e.event.status] : [])) };
}

async function waitFor<T>(fn: () => Promise<T | undefined>, ms = 20_000): Promise<T> {
  const end = Date.now() + ms;
  for (;;) {
    const v = await fn();
    if (v !== undefined) return v;
    if (Date.now() > end) throw new Error('timed out waiting');
    await new Promise((r) => setTimeout(r, 25));
  }
}

describe('embedded queue (PGlite, child processes)', () => {
  let queue: EmbeddedQueue;
  afterAll(async () => queue?.stop());

  it('runs ten jobs, two at a time, each exactly once, with ordered events', async () => {
    queue = await startEmbeddedQueue({ store, bus, runPlan: createForkedRunPlan({ runnerModule: runner, env: { STEPSTONE_SCRIPTED_EPOCH_MS: '10' } }), concurrency: 2, heartbeatMs: 200 });
    const created = [];
    for (let i = 0; i < 10; i++) {
      const run = await store.create({ plan: tinyPlan({ epochs: 3, name: `job ${i}` }) });
      created.push(run);
      await queue.enqueue(run);
    }
    await queue.idle();
    for (const run of created) {
      const row = await store.get(run.id);
      expect(row?.status).toBe('succeeded');
      const { events, statuses: s } = await statuses(run.id);
      expect(s).toEqual(['queued', 'running', 'succeeded']);
      expect(row?.attempts).toBe(1);
      expect(events.map((e) => e.seq)).toEqual(events.map((_, i) => i + 1));
      expect(events.filter((e) => e.event.type === 'epoch').map((e) => (e.event.type === 'epoch' ? e.event.epoch : 0))).toEqual([1, 2, 3]);
      expect(events.at(-2)?.event.type).toBe('final');
    }
  });

  it('cancels a running job within a batch; status and events agree', async () => {
    await queue.stop();
    queue = await startEmbeddedQueue({ store, bus, runPlan: createForkedRunPlan({ runnerModule: runner, env: { STEPSTONE_SCRIPTED_EPOCH_MS: '100' } }), concurrency: 1, heartbeatMs: 200 });
    const run = await store.create({ plan: tinyPlan({ epochs: 200 }) });
    await queue.enqueue(run);
    // Wait until it has done at least one epoch, then cancel.
    await waitFor(async () => ((await statuses(run.id)).events.some((e) => e.event.type === 'epoch') ? true : undefined));
    const asked = Date.now();
    expect(await queue.cancel(run.id)).toBe('requested');
    await queue.idle();
    expect(Date.now() - asked).toBeLessThan(5000);
    const row = await store.get(run.id);
    expect(row?.status).toBe('cancelled');
    const { events, statuses: s } = await statuses(run.id);
    expect(s).toEqual(['queued', 'running', 'cancelled']);
    expect(events.at(-1)?.event).toMatchObject({ type: 'status', status: 'cancelled' });
    expect(events.some((e) => e.event.type === 'final')).toBe(false);
    expect(await queue.cancel(run.id)).toBe('finished');
  });

  it('cancels a queued job at once without running it', async () => {
    const blocker = await store.create({ plan: tinyPlan({ epochs: 200 }) });
    const waiting = await store.create({ plan: tinyPlan({ epochs: 2 }) });
    await queue.enqueue(blocker);
    await queue.enqueue(waiting);
    expect(await queue.cancel(waiting.id)).toBe('cancelled');
    await queue.cancel(blocker.id);
    await queue.idle();
    expect((await statuses(waiting.id)).statuses).toEqual(['queued', 'cancelled']);
    expect((await store.get(waiting.id))?.attempts).toBe(0);
  });

  it('re-queues a run whose training process died and resumes it from its checkpoint', async () => {
    await queue.stop();
    queue = await startEmbeddedQueue({ store, bus, runPlan: createForkedRunPlan({ runnerModule: runner, env: { STEPSTONE_SCRIPTED_EPOCH_MS: '10', STEPSTONE_SCRIPTED_CRASH_AT: '3' } }), heartbeatMs: 200 });
    const run = await store.create({ plan: tinyPlan({ epochs: 5 }) });
    await queue.enqueue(run);
    await queue.idle();
    const row = await store.get(run.id);
    expect(row?.status).toBe('succeeded');
    expect(row?.attempts).toBe(2);
    const { events, statuses: s } = await statuses(run.id);
    expect(s).toEqual(['queued', 'running', 'queued', 'running', 'succeeded']);
    const requeue = events.find((e) => e.event.type === 'status' && e.event.status === 'queued' && e.seq > 1);
    expect(requeue?.event.type === 'status' && requeue.event.message).toMatch(/exited unexpectedly \(SIGKILL\)/);
    // Epochs 1-2 before the crash, then 3-5 resumed from the epoch-2 checkpoint: none repeated, none lost.
    expect(events.flatMap((e) => (e.event.type === 'epoch' ? [e.event.epoch] : []))).toEqual([1, 2, 3, 4, 5]);
  });

  it('a run that fails on its own is marked failed with its message', async () => {
    await queue.stop();
    queue = await startEmbeddedQueue({ store, bus, runPlan: createForkedRunPlan({ runnerModule: runner, env: { STEPSTONE_SCRIPTED_EPOCH_MS: '5', STEPSTONE_SCRIPTED_FAIL: '1' } }) });
    const run = await store.create({ plan: tinyPlan({ epochs: 4 }) });
    await queue.enqueue(run);
    await queue.idle();
    const row = await store.get(run.id);
    expect(row?.status).toBe('failed');
    expect(row?.error).toBe('scripted failure at epoch 2');
    expect((await statuses(run.id)).statuses).toEqual(['queued', 'running', 'failed']);
  });

  it('a run past its time limit is stopped and failed with the reason', async () => {
    await queue.stop();
    queue = await startEmbeddedQueue({ store, bus, runPlan: createForkedRunPlan({ runnerModule: runner, env: { STEPSTONE_SCRIPTED_EPOCH_MS: '20' } }) });
    const run = await store.create({ plan: tinyPlan({ epochs: 1000 }), timeLimitSeconds: 1 });
    await queue.enqueue(run);
    await queue.idle();
    const row = await store.get(run.id);
    expect(row?.status).toBe('failed');
    expect(row?.error).toBe('time limit of 1s exceeded');
    expect((await statuses(run.id)).events.at(-1)?.event).toMatchObject({ type: 'status', status: 'failed', message: 'time limit of 1s exceeded' });
  });

  it('at start, re-queues runs orphaned as running by a dead process, and fails those out of attempts', async () => {
    await queue.stop();
    const orphan = await store.create({ plan: tinyPlan({ epochs: 2 }) });
    const spent = await store.create({ plan: tinyPlan({ epochs: 2 }), maxAttempts: 1 });
    expect(await store.claim(orphan.id, 'dead-host:1')).toBeDefined();
    expect(await store.claim(spent.id, 'dead-host:1')).toBeDefined();
    queue = await startEmbeddedQueue({ store, bus, runPlan: createForkedRunPlan({ runnerModule: runner, env: { STEPSTONE_SCRIPTED_EPOCH_MS: '5' } }) });
    await queue.idle();
    expect((await store.get(orphan.id))?.status).toBe('succeeded');
    const failed = await store.get(spent.id);
    expect(failed?.status).toBe('failed');
    const last = (await statuses(spent.id)).events.at(-1)?.event;
    expect(last?.type === 'status' && last.message).toMatch(/dead-host:1 stopped responding .*attempt 1 of 1/);
  });

  it('followRun replays from lastEventId and follows live events to the end', async () => {
    const run = await store.create({ plan: tinyPlan({ epochs: 4 }) });
    const seen: number[] = [];
    const follower = (async () => {
      for await (const e of followRun(store, bus, run.id, { afterSeq: 1 })) seen.push(e.seq);
    })();
    await queue.enqueue(run);
    await follower;
    const all = await store.eventsAfter(run.id, 0);
    expect(seen).toEqual(all.map((e) => e.seq).filter((s) => s > 1));
    // A late joiner gets the same tail and stops at the terminal event.
    const late: number[] = [];
    for await (const e of followRun(store, bus, run.id, { afterSeq: 3 })) late.push(e.seq);
    expect(late).toEqual(all.map((e) => e.seq).filter((s) => s > 3));
  });

  it('keeps the database consistent: every run is in a terminal status', async () => {
    const rows = await handle.db.select().from(runs);
    expect(rows.every((r) => ['succeeded', 'failed', 'cancelled'].includes(r.status))).toBe(true);
  });
});
