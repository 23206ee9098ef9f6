import { mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { runs } from '../../db/schema';
import { createForkedRunPlan } from '../jobs/forked-run-plan';
import { startRunWorker } from '../jobs/pgboss-queue';
import { createTestDatabase } from '../jobs/testing/pg-test-db';
import { createServices, type Services } from '../services';
import { compileSweep } from './compile-sweep';
import { SweepStore } from './sweep-store';
import { tinyDannSweep } from './test-support';

const runner = path.join(import.meta.dirname, '..', 'jobs', 'testing', 'scripted-run-plan.ts');
const scripted = (epochMs: number, checkpointDir?: string) => createForkedRunPlan({ runnerModule: runner, checkpointDir, env: { STEPSTONE_SCRIPTED_EPOCH_MS: String(epochMs) } });

async function until<T>(fn: () => Promise<T | undefined>, ms = 200_000): Promise<T> {
  const end = Date.now() + ms;
  for (;;) {
    const v = await fn();
    if (v !== undefined) return v;
    if (Date.now() > end) throw new Error('timed out');
    await new Promise((r) => setTimeout(r, 100));
  }
}

function sweepOf(n: number, epochs: number) {
  const compiled = compileSweep(tinyDannSweep([{ nodeId: 'dann', param: 'lambdaMax', values: Array.from({ length: n }, (_, i) => 0.1 * (i + 1)) }], { epochs }));
  if (!compiled.ok) throw new Error(JSON.stringify(compiled.errors));
  return compiled;
}

/** Each member's status changes, in order. */
async function statuses(s: Services, sweepId: string) {
  const rows = await s.db.select().from(runs).where(eq(runs.sweepId, sweepId));
  return Promise.all(rows.map(async (r) => ({ row: r, statuses: (await s.store.eventsAfter(r.id, 0, 10_000)).flatMap((e) => (e.event.type === 'status' ? [e.event.status] : [])) })));
}

const allFinished = async (s: Services, id: string) => {
  const v = await new SweepStore(s.db, s.store).view(id);
  return v && v.status === 'finished' ? v : undefined;
};

describe('sweeps on the job system', () => {
  it.skipIf(!process.env.TEST_DATABASE_URL)('server mode: two workers drain a 6-member sweep, each member exactly once', async () => {
    const db = await createTestDatabase(process.env.TEST_DATABASE_URL!);
    const dataDir = mkdtempSync(path.join(os.tmpdir(), 'stepstone-sweep-pg-'));
    const services = await createServices({ databaseUrl: db.url, dataDir });
    const workerOptions = { url: db.url, store: services.store, bus: services.events, device: 'cpu' as const, heartbeatMs: 200, staleMs: 5000, pollMs: 50 };
    const workers = await Promise.all(['w1', 'w2'].map((name) => startRunWorker({ ...workerOptions, name, runPlan: scripted(100) })));
    try {
      const id = await new SweepStore(services.db, services.store).start(sweepOf(6, 10), services.jobs);
      const view = await until(() => allFinished(services, id));
      expect(view.runs.map((r) => r.status)).toEqual(Array(6).fill('succeeded'));
      const members = await statuses(services, id);
      for (const m of members) {
        expect(m.statuses).toEqual(['queued', 'running', 'succeeded']); // claimed once, never re-run
        expect(m.row.attempts).toBe(1);
      }
      expect(new Set(members.map((m) => m.row.worker)).size).toBe(2); // both workers took members
    } finally {
      await Promise.all(workers.map((w) => w.stop()));
      await services.close();
      await db.drop();
    }
  }, 240_000);

  it('embedded: a sweep interrupted by a server restart finishes, each member resumed or re-queued', async () => {
    const dataDir = mkdtempSync(path.join(os.tmpdir(), 'stepstone-sweep-restart-'));
    const start = () => createServices({ databaseUrl: '', dataDir, heartbeatMs: 200, runPlan: scripted(60, path.join(dataDir, 'checkpoints')) });
    const first = await start();
    const id = await new SweepStore(first.db, first.store).start(sweepOf(3, 15), first.jobs);
    await until(async () => ((await statuses(first, id)).some((m) => m.statuses.includes('running')) ? true : undefined));
    await first.close(); // what SIGTERM does: the running member goes back to the queue
    const second = await start();
    try {
      const view = await until(() => allFinished(second, id));
      expect(view.runs.map((r) => r.status)).toEqual(['succeeded', 'succeeded', 'succeeded']);
      const members = await statuses(second, id);
      const interrupted = members.filter((m) => m.statuses.filter((s) => s === 'running').length === 2);
      expect(interrupted).toHaveLength(1);
      expect(interrupted[0]!.statuses).toEqual(['queued', 'running', 'queued', 'running', 'succeeded']);
      for (const m of members) {
        const epochs = (await second.store.eventsAfter(m.row.id, 0, 10_000)).flatMap((e) => (e.event.type === 'epoch' ? [e.event.epoch] : []));
        expect(epochs).toEqual(Array.from({ length: 15 }, (_, i) => i + 1)); // resumed from its checkpoint: none repeated
      }
    } finally {
      await second.close();
    }
  }, 240_000);
});
