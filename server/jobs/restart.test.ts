import { mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { createServices, type Services } from '../services';
import { createForkedRunPlan } from './forked-run-plan';
import { tinyPlan } from './testing/tiny-plan';

const runner = path.join(import.meta.dirname, 'testing', 'scripted-run-plan.ts');

async function waitFor<T>(fn: () => Promise<T | undefined>, ms = 30_000): Promise<T> {
  const end = Date.now() + ms;
  for (;;) {
    const v = await fn();
    if (v !== undefined) return v;
    if (Date.now() > end) throw new Error('timed out waiting');
    await new Promise((r) => setTimeout(r, 50));
  }
}

/** The embedded server's services on a real data folder, as scripts/serve.ts creates them at start. */
const start = (dataDir: string): Promise<Services> =>
  createServices({
    databaseUrl: '',
    dataDir,
    heartbeatMs: 200,
    runPlan: createForkedRunPlan({ runnerModule: runner, checkpointDir: path.join(dataDir, 'checkpoints'), env: { STEPSTONE_SCRIPTED_EPOCH_MS: '60' } }),
  });

describe('a clean restart mid-run', () => {
  it('hands the run back without charging an attempt, and the next start resumes it at once, with no request', async () => {
    const dataDir = mkdtempSync(path.join(os.tmpdir(), 'stepstone-restart-'));
    const first = await start(dataDir);
    const run = await first.store.create({ plan: tinyPlan({ epochs: 25 }) });
    await first.jobs.enqueue(run);
    const epochs = async (s: Services) => (await s.store.eventsAfter(run.id, 0, 10_000)).flatMap((e) => (e.event.type === 'epoch' ? [e.event.epoch] : []));
    await waitFor(async () => ((await epochs(first)).length >= 3 ? true : undefined));
    // The training process wrote the checkpoint itself: the database row only says where.
    const stored = await first.store.loadCheckpoint(run.id);
    expect(stored?.data.byteLength).toBe(0);
    expect(stored?.file).toMatch(/checkpoints\/[0-9a-f-]{36}\.ckpt$/);
    expect(readFileSync(stored!.file!).byteLength).toBe(4);
    // What SIGTERM does in scripts/serve.ts (drain): stop the queue, hand runs back, close the database.
    await first.close();

    const second = await start(dataDir);
    try {
      const done = await waitFor(async () => {
        const r = await second.store.get(run.id);
        return r?.status === 'succeeded' ? r : undefined;
      });
      expect(done.attempts).toBe(1); // the shutdown was not the run's fault
      const events = await second.store.eventsAfter(run.id, 0, 10_000);
      const statuses = events.flatMap((e) => (e.event.type === 'status' ? [[e.event.status, e.event.attempt]] : []));
      expect(statuses).toEqual([['queued', 0], ['running', 1], ['queued', 1], ['running', 1], ['succeeded', 1]]);
      const handedBack = events.find((e) => e.event.type === 'status' && e.event.status === 'queued' && e.seq > 1);
      expect(handedBack?.event.type === 'status' && handedBack.event.message).toMatch(/interrupted by a worker shutdown/);
      // Resumed from its checkpoint: every epoch once, none repeated, none lost.
      expect(await epochs(second)).toEqual(Array.from({ length: 25 }, (_, i) => i + 1));
      // Finished: its checkpoint (row and file) is gone.
      await waitFor(async () => (readdirSync(path.join(dataDir, 'checkpoints')).length === 0 ? true : undefined), 5000);
      expect(await second.store.loadCheckpoint(run.id)).toBeUndefined();
    } finally {
      await second.close();
    }
  }, 90_000);
});
