import { execFileSync } from 'node:child_process';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { openDatabase } from '../db/client';
import type { RunPlan } from '../server/runtime/run-plan-api';
import { startEmbeddedQueue } from '../server/jobs/embedded-queue';
import { createLocalEventBus, type EventBus } from '../server/jobs/event-bus';
import { createForkedRunPlan } from '../server/jobs/forked-run-plan';
import { followRun } from '../server/jobs/follow-run';
import { createPgEventBus } from '../server/jobs/pg-event-bus';
import { startRunWorker, startServerQueue } from '../server/jobs/pgboss-queue';
import { RunStore, terminalStatuses } from '../server/jobs/run-store';
import { createTestDatabase } from '../server/jobs/testing/pg-test-db';
import { runPlan as scriptedRunPlan } from '../server/jobs/testing/scripted-run-plan';
import { tinyPlan } from '../server/jobs/testing/tiny-plan';

/**
 * Job-system figures, embedded (PGlite + child processes) and server mode (PostgreSQL 15 + pg-boss):
 * - event latency: a training process stamps each epoch event; a subscriber (followRun, the code behind
 *   runs.events) measures when it arrives — worker → IPC → database → notify → subscriber.
 * - queue throughput with trivial jobs (one 0 ms epoch): in-process trainer (queue overhead alone) and
 *   one child process per job (the real deployment path). No TF.js here: the trainer is scripted.
 */
export interface JobsBenchRow {
  readonly mode: 'embedded' | 'server';
  readonly metric: string;
  readonly value: number;
  readonly unit: string;
  readonly n: number;
}

const runner = path.join(import.meta.dirname, '..', 'server', 'jobs', 'testing', 'scripted-run-plan.ts');

function pct(xs: number[], p: number): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor((p / 100) * s.length))] ?? NaN;
}

async function measureLatency(store: RunStore, subscriberBus: EventBus, enqueue: (id: string) => Promise<void>, epochs: number): Promise<number[]> {
  const run = await store.create({ plan: tinyPlan({ epochs }) });
  const latencies: number[] = [];
  const follow = (async () => {
    for await (const e of followRun(store, subscriberBus, run.id, { pollMs: 60_000 })) {
      if (e.event.type === 'epoch' && e.event.metrics.sentAt) latencies.push(Date.now() - e.event.metrics.sentAt);
    }
  })();
  await enqueue(run.id);
  await follow;
  return latencies;
}

async function waitTerminal(store: RunStore, ids: string[]): Promise<void> {
  for (;;) {
    const rows = await Promise.all(ids.map((id) => store.get(id)));
    if (rows.every((r) => r && terminalStatuses.includes(r.status))) return;
    await new Promise((r) => setTimeout(r, 20));
  }
}

async function embedded(rows: JobsBenchRow[]): Promise<void> {
  const handle = await openDatabase({ databaseUrl: '', dataDir: 'memory://' });
  const bus = createLocalEventBus();
  const store = new RunStore(handle.db, 'pglite', bus);
  const forked = createForkedRunPlan({ runnerModule: runner, env: { STEPSTONE_SCRIPTED_EPOCH_MS: '10' } });
  let queue = await startEmbeddedQueue({ store, bus, runPlan: forked, concurrency: 1 });
  const lat = await measureLatency(store, bus, async (id) => queue.enqueue((await store.get(id))!), 300);
  rows.push({ mode: 'embedded', metric: 'event latency p50', value: pct(lat, 50), unit: 'ms', n: lat.length });
  rows.push({ mode: 'embedded', metric: 'event latency p95', value: pct(lat, 95), unit: 'ms', n: lat.length });
  await queue.stop();

  for (const [label, runPlan, n] of [
    ['in-process trainer', scriptedRunPlan, 100],
    ['child process per job', createForkedRunPlan({ runnerModule: runner, env: { STEPSTONE_SCRIPTED_EPOCH_MS: '0' } }), 12],
  ] as [string, RunPlan, number][]) {
    process.env.STEPSTONE_SCRIPTED_EPOCH_MS = '0';
    queue = await startEmbeddedQueue({ store, bus, runPlan, concurrency: 2 });
    const runs = [];
    for (let i = 0; i < n; i++) runs.push(await store.create({ plan: tinyPlan({ epochs: 1 }) }));
    const t0 = performance.now();
    for (const r of runs) await queue.enqueue(r);
    await queue.idle();
    const s = (performance.now() - t0) / 1000;
    rows.push({ mode: 'embedded', metric: `throughput, ${label} (concurrency 2)`, value: Number((n / s).toFixed(1)), unit: 'jobs/s', n });
    await queue.stop();
  }
  await bus.close();
  await handle.close();
}

function testDatabaseUrl(): string {
  if (process.env.TEST_DATABASE_URL) return process.env.TEST_DATABASE_URL;
  const out = execFileSync('bash', [path.join(import.meta.dirname, '..', 'scripts', 'start-test-postgres.sh')], { encoding: 'utf8' });
  const m = /TEST_DATABASE_URL=(\S+)/.exec(out);
  if (!m) throw new Error(`start-test-postgres.sh printed no URL: ${out}`);
  return m[1]!;
}

async function server(rows: JobsBenchRow[]): Promise<void> {
  const db = await createTestDatabase(testDatabaseUrl());
  const handle = await openDatabase({ databaseUrl: db.url });
  const bus = await createPgEventBus(db.url);
  const store = new RunStore(handle.db, 'postgres', bus);
  const queue = await startServerQueue({ url: db.url, store });
  try {
    // The worker has its own bus and store, like a separate machine: events reach the subscriber via NOTIFY.
    const workerBus = await createPgEventBus(db.url);
    const workerStore = new RunStore(handle.db, 'postgres', workerBus);
    const forked = createForkedRunPlan({ runnerModule: runner, env: { STEPSTONE_SCRIPTED_EPOCH_MS: '10' } });
    let worker = await startRunWorker({ url: db.url, store: workerStore, bus: workerBus, runPlan: forked, device: 'cpu', pollMs: 50 });
    const lat = await measureLatency(store, bus, async (id) => queue.enqueue((await store.get(id))!), 300);
    rows.push({ mode: 'server', metric: 'event latency p50', value: pct(lat, 50), unit: 'ms', n: lat.length });
    rows.push({ mode: 'server', metric: 'event latency p95', value: pct(lat, 95), unit: 'ms', n: lat.length });
    await worker.stop();

    for (const [label, runPlan, n] of [
      ['in-process trainer', scriptedRunPlan, 100],
      ['child process per job', createForkedRunPlan({ runnerModule: runner, env: { STEPSTONE_SCRIPTED_EPOCH_MS: '0' } }), 12],
    ] as [string, RunPlan, number][]) {
      process.env.STEPSTONE_SCRIPTED_EPOCH_MS = '0';
      worker = await startRunWorker({ url: db.url, store: workerStore, bus: workerBus, runPlan, device: 'cpu', concurrency: 2, pollMs: 50 });
      const runs = [];
      for (let i = 0; i < n; i++) runs.push(await store.create({ plan: tinyPlan({ epochs: 1 }) }));
      const t0 = performance.now();
      for (const r of runs) await queue.enqueue(r);
      await waitTerminal(store, runs.map((r) => r.id));
      const s = (performance.now() - t0) / 1000;
      rows.push({ mode: 'server', metric: `throughput, ${label} (1 worker × 2 slots, 50 ms poll)`, value: Number((n / s).toFixed(1)), unit: 'jobs/s', n });
      await worker.stop();
    }
    await workerScaling(rows, { url: db.url, store, workerStore, workerBus, queue });
    await workerBus.close();
  } finally {
    await queue.stop();
    await bus.close();
    await handle.close();
    await db.drop();
  }
}

/**
 * How server-mode throughput grows with 1, 2 and 4 workers (one slot each) on jobs that wait 200 ms per epoch, one
 * epoch (the queue's share stays visible; CPU-bound training on this 2-core machine cannot scale past 2 anyway).
 */
async function workerScaling(rows: JobsBenchRow[], s: { url: string; store: RunStore; workerStore: RunStore; workerBus: Awaited<ReturnType<typeof createPgEventBus>>; queue: Awaited<ReturnType<typeof startServerQueue>> }): Promise<void> {
  process.env.STEPSTONE_SCRIPTED_EPOCH_MS = '200';
  const n = 24;
  for (const count of [1, 2, 4]) {
    const workers = await Promise.all(Array.from({ length: count }, () => startRunWorker({ url: s.url, store: s.workerStore, bus: s.workerBus, runPlan: scriptedRunPlan, device: 'cpu', concurrency: 1, pollMs: 50 })));
    const runs = [];
    for (let i = 0; i < n; i++) runs.push(await s.store.create({ plan: tinyPlan({ epochs: 1 }) }));
    const t0 = performance.now();
    for (const r of runs) await s.queue.enqueue(r);
    await waitTerminal(s.store, runs.map((r) => r.id));
    const seconds = (performance.now() - t0) / 1000;
    rows.push({ mode: 'server', metric: `throughput, ${count} worker(s) × 1 slot, 200 ms jobs`, value: Number((n / seconds).toFixed(2)), unit: 'jobs/s', n });
    for (const w of workers) await w.stop();
  }
  process.env.STEPSTONE_SCRIPTED_EPOCH_MS = '0';
}

export async function jobsBench(): Promise<JobsBenchRow[]> {
  const rows: JobsBenchRow[] = [];
  await embedded(rows);
  await server(rows);
  return rows;
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const rows = await jobsBench();
  console.table(rows);
  process.exit(0);
}
