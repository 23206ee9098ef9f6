import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase, type DbHandle } from '../../db/client';
import type { EventBus } from './event-bus';
import { createForkedRunPlan } from './forked-run-plan';
import { followRun } from './follow-run';
import { createPgEventBus } from './pg-event-bus';
import { startRunWorker, startServerQueue } from './pgboss-queue';
import type { JobQueue } from './job-queue';
import { RunStore, terminalStatuses } from './run-store';
import { createTestDatabase } from './testing/pg-test-db';
import { tinyPlan } from './testing/tiny-plan';

const baseUrl = process.env.TEST_DATABASE_URL;
const root = path.resolve(import.meta.dirname, '..', '..');
const runner = path.join(root, 'server', 'jobs', 'testing', 'scripted-run-plan.ts');

describe.skipIf(!baseUrl)('server mode (PostgreSQL 15, pg-boss)', () => {
  let testDb: { url: string; drop: () => Promise<void> };
  let handle: DbHandle;
  let bus: EventBus;
  let store: RunStore;
  let queue: JobQueue;
  const children: ChildProcess[] = [];

  beforeAll(async () => {
    testDb = await createTestDatabase(baseUrl!);
    handle = await openDatabase({ databaseUrl: testDb.url });
    bus = await createPgEventBus(testDb.url);
    store = new RunStore(handle.db, 'postgres', bus);
    queue = await startServerQueue({ url: testDb.url, store });
  });
  afterAll(async () => {
    for (const c of children) if (c.exitCode === null) c.kill('SIGKILL');
    await queue?.stop();
    await bus?.close();
    await handle?.close();
    await testDb?.drop();
  });

  function spawnWorker(env: Record<string, string> = {}): { child: ChildProcess; ready: Promise<string> } {
    const child = spawn(process.execPath, ['--import', 'tsx', 'cli/worker.ts', '--runner', runner], {
      cwd: root,
      env: { ...process.env, DATABASE_URL: testDb.url, STEPSTONE_WORKER_DEVICE: 'cpu', STEPSTONE_HEARTBEAT_MS: '200', STEPSTONE_STALE_MS: '1500', ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    children.push(child);
    let out = '';
    const ready = new Promise<string>((resolve, reject) => {
      child.stdout!.on('data', (d: Buffer) => {
        out += d.toString();
        const m = /worker (\S+) ready/.exec(out);
        if (m) resolve(m[1]!);
      });
      child.stderr!.on('data', (d: Buffer) => process.stderr.write(d));
      child.on('exit', (code) => reject(new Error(`worker exited ${code}: ${out}`)));
    });
    return { child, ready };
  }

  async function waitAllTerminal(ids: string[], ms = 60_000): Promise<void> {
    const end = Date.now() + ms;
    while (Date.now() < end) {
      const rows = await Promise.all(ids.map((id) => store.get(id)));
      if (rows.every((r) => r && terminalStatuses.includes(r.status))) return;
      await new Promise((r) => setTimeout(r, 100));
    }
    throw new Error('runs did not finish in time');
  }

  const statusesOf = async (id: string) =>
    (await store.eventsAfter(id, 0, 10_000)).flatMap((e) => (e.event.type === 'status' ? [e.event] : []));

  it('two worker processes on one queue: ten jobs, each run exactly once', async () => {
    const a = spawnWorker({ STEPSTONE_SCRIPTED_EPOCH_MS: '40' });
    const b = spawnWorker({ STEPSTONE_SCRIPTED_EPOCH_MS: '40' });
    const names = await Promise.all([a.ready, b.ready]);
    const ids: string[] = [];
    for (let i = 0; i < 10; i++) {
      const run = await store.create({ plan: tinyPlan({ epochs: 5, name: `job ${i}` }) });
      await queue.enqueue(run);
      ids.push(run.id);
    }
    await waitAllTerminal(ids);
    const workers = new Set<string>();
    for (const id of ids) {
      const row = await store.get(id);
      expect(row?.status).toBe('succeeded');
      expect(row?.attempts).toBe(1);
      expect((await statusesOf(id)).map((s) => s.status)).toEqual(['queued', 'running', 'succeeded']);
      const epochs = (await store.eventsAfter(id, 0)).flatMap((e) => (e.event.type === 'epoch' ? [e.event.epoch] : []));
      expect(epochs).toEqual([1, 2, 3, 4, 5]);
      workers.add(row!.worker!);
    }
    expect([...workers].every((w) => names.includes(w))).toBe(true);
    expect(workers.size).toBe(2); // both workers took jobs from the one queue
    a.child.kill('SIGTERM');
    b.child.kill('SIGTERM');
  });

  it('a worker killed mid-job: its run is re-queued by the other worker and completes; none lost', async () => {
    const a = spawnWorker({ STEPSTONE_SCRIPTED_EPOCH_MS: '60' });
    const nameA = await a.ready;
    const ids: string[] = [];
    for (let i = 0; i < 3; i++) {
      const run = await store.create({ plan: tinyPlan({ epochs: 15 }) });
      await queue.enqueue(run);
      ids.push(run.id);
    }
    // Wait until worker A is in the middle of a run (has written a checkpoint), then kill it hard.
    let victim: string | undefined;
    for (let t = 0; t < 300 && !victim; t++) {
      for (const id of ids) {
        const row = await store.get(id);
        if (row?.status === 'running' && row.worker === nameA && (await store.loadCheckpoint(id))) victim = id;
      }
      if (!victim) await new Promise((r) => setTimeout(r, 50));
    }
    expect(victim).toBeDefined();
    a.child.kill('SIGKILL');
    const b = spawnWorker({ STEPSTONE_SCRIPTED_EPOCH_MS: '20' });
    const nameB = await b.ready;
    await waitAllTerminal(ids);
    for (const id of ids) expect((await store.get(id))?.status).toBe('succeeded');
    const row = await store.get(victim!);
    expect(row?.worker).toBe(nameB);
    expect(row?.attempts).toBe(2);
    const statuses = await statusesOf(victim!);
    expect(statuses.map((s) => s.status)).toEqual(['queued', 'running', 'queued', 'running', 'succeeded']);
    expect(statuses[2]?.message).toContain(`${nameA} stopped responding`);
    // Resumed from the checkpoint: every epoch present, the early ones not re-trained.
    const epochs = (await store.eventsAfter(victim!, 0, 10_000)).flatMap((e) => (e.event.type === 'epoch' ? [e.event.epoch] : []));
    expect(new Set(epochs)).toEqual(new Set(Array.from({ length: 15 }, (_, i) => i + 1)));
    expect(epochs.length).toBeLessThanOrEqual(16);
    b.child.kill('SIGTERM');
  });

  it('GPU runs go only to GPU workers', async () => {
    const runPlan = createForkedRunPlan({ runnerModule: runner, env: { STEPSTONE_SCRIPTED_EPOCH_MS: '5' } });
    const cpu = await startRunWorker({ url: testDb.url, store, bus, runPlan, device: 'cpu', name: 'cpu-worker', heartbeatMs: 200, staleMs: 1500, pollMs: 50 });
    const gpuRun = await store.create({ plan: tinyPlan({ epochs: 2, device: 'gpu' }) });
    const anyRun = await store.create({ plan: tinyPlan({ epochs: 2 }) });
    await queue.enqueue(gpuRun);
    await queue.enqueue(anyRun);
    await waitAllTerminal([anyRun.id]);
    await new Promise((r) => setTimeout(r, 500));
    expect((await store.get(gpuRun.id))?.status).toBe('queued');
    expect((await store.get(anyRun.id))?.worker).toBe('cpu-worker');
    const gpu = await startRunWorker({ url: testDb.url, store, bus, runPlan, device: 'gpu', name: 'gpu-worker', heartbeatMs: 200, staleMs: 1500, pollMs: 50 });
    await waitAllTerminal([gpuRun.id]);
    expect(await store.get(gpuRun.id)).toMatchObject({ status: 'succeeded', worker: 'gpu-worker' });
    await cpu.stop();
    await gpu.stop();
  });

  it('a run stored but never sent to pg-boss (server stopped in between) is picked up by a worker', async () => {
    const run = await store.create({ plan: tinyPlan({ epochs: 2 }) }); // no queue.enqueue
    const runPlan = createForkedRunPlan({ runnerModule: runner, env: { STEPSTONE_SCRIPTED_EPOCH_MS: '5' } });
    const worker = await startRunWorker({ url: testDb.url, store, bus, runPlan, device: 'cpu', name: 'w-unsent', heartbeatMs: 200, staleMs: 600, pollMs: 50 });
    await waitAllTerminal([run.id], 20_000);
    expect(await store.get(run.id)).toMatchObject({ status: 'succeeded', worker: 'w-unsent', attempts: 1 });
    await worker.stop();
  });

  it('cancel reaches the worker through NOTIFY; status and events agree; subscribers see it live', async () => {
    const runPlan = createForkedRunPlan({ runnerModule: runner, env: { STEPSTONE_SCRIPTED_EPOCH_MS: '100' } });
    // A separate bus for the worker: it learns of the cancel only through PostgreSQL.
    const workerBus = await createPgEventBus(testDb.url);
    const worker = await startRunWorker({ url: testDb.url, store: new RunStore(handle.db, 'postgres', workerBus), bus: workerBus, runPlan, device: 'cpu', name: 'w-cancel', heartbeatMs: 5000, staleMs: 20_000, pollMs: 50 });
    const run = await store.create({ plan: tinyPlan({ epochs: 300 }) });
    const seen: string[] = [];
    const follower = (async () => {
      for await (const e of followRun(store, bus, run.id, { pollMs: 60_000 })) seen.push(e.event.type === 'status' ? e.event.status : e.event.type);
    })();
    await queue.enqueue(run);
    while (!seen.includes('epoch')) await new Promise((r) => setTimeout(r, 20));
    const asked = Date.now();
    expect(await queue.cancel(run.id)).toBe('requested');
    await follower;
    // Heartbeat is 5 s, so stopping faster than that means the NOTIFY carried the cancel.
    expect(Date.now() - asked).toBeLessThan(3000);
    expect((await store.get(run.id))?.status).toBe('cancelled');
    expect(seen.at(-1)).toBe('cancelled');
    expect(seen.filter((s) => s === 'final')).toHaveLength(0);
    await worker.stop();
    await workerBus.close();
  });
});
