import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase, type DbHandle } from '../../db/client';
import { createLocalEventBus } from './event-bus';
import { startEmbeddedQueue } from './embedded-queue';
import { createForkedRunPlan } from './forked-run-plan';
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

/** Runs one tiny plan to its end with the given scripted behaviour; returns the stored run. */
async function runWith(env: Record<string, string>, memoryCapBytes?: number) {
  const queue = await startEmbeddedQueue({ store, bus, heartbeatMs: 200, runPlan: createForkedRunPlan({ runnerModule: runner, env, memoryCapBytes }) });
  const run = await store.create({ plan: tinyPlan({ epochs: 40 }) });
  await queue.enqueue(run);
  await queue.idle();
  await queue.stop();
  return (await store.get(run.id))!;
}

describe('the training process under a memory cap', () => {
  it('a run whose processes grow past the cap is killed and failed with a readable reason, not retried', async () => {
    const row = await runWith({ STEPSTONE_SCRIPTED_EPOCH_MS: '150', STEPSTONE_SCRIPTED_HOG_MB: '64' }, 400 * 1024 * 1024);
    expect(row.status).toBe('failed');
    expect(row.attempts).toBe(1);
    expect(row.error).toMatch(/^The training ran out of memory \(its processes used \d+ MB; the cap is 400 MB, STEPSTONE_TRAINING_MEMORY_MB\)\. Use fewer or narrower layers/);
  }, 60_000);

  it("TF.js's \"memory access out of bounds\" becomes the same readable reason", async () => {
    const row = await runWith({ STEPSTONE_SCRIPTED_EPOCH_MS: '5', STEPSTONE_SCRIPTED_FAIL_MESSAGE: 'RuntimeError: memory access out of bounds' });
    expect(row.status).toBe('failed');
    expect(row.error).toMatch(/^The training ran out of memory \(TensorFlow\.js: RuntimeError: memory access out of bounds; the cap is/);
  }, 60_000);
});
