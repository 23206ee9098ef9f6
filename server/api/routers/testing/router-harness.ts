import path from 'node:path';
import { TRPCError } from '@trpc/server';
import { createTRPCContext, createCallerFactory, createTRPCRouter } from '../../trpc';
import { createForkedRunPlan } from '../../../jobs/forked-run-plan';
import { startRunWorker, type RunWorker } from '../../../jobs/pgboss-queue';
import { createTestDatabase } from '../../../jobs/testing/pg-test-db';
import { createServices, type Services } from '../../../services';
import { datasetsRouter } from '../datasets';
import { graphsRouter } from '../graphs';
import { runsRouter } from '../runs';
import { sweepsRouter } from '../sweeps';
import { templatesRouter } from '../templates';

/** The four routers of this area, mounted as server/api/root.ts mounts them. */
export const testRouter = createTRPCRouter({ graphs: graphsRouter, runs: runsRouter, templates: templatesRouter, datasets: datasetsRouter, sweeps: sweepsRouter });
const createCaller = createCallerFactory(testRouter);

export const scriptedRunner = path.resolve(import.meta.dirname, '..', '..', '..', 'jobs', 'testing', 'scripted-run-plan.ts');

export interface Harness {
  readonly services: Services;
  readonly caller: ReturnType<typeof createCaller>;
  readonly readOnly: ReturnType<typeof createCaller>;
  close(): Promise<void>;
}

/** Services on an in-memory PGlite, or on a fresh PostgreSQL database with an in-process worker. */
export async function openHarness(kind: 'pglite' | 'postgres', epochMs = 10): Promise<Harness> {
  const runPlan = createForkedRunPlan({ runnerModule: scriptedRunner, env: { STEPSTONE_SCRIPTED_EPOCH_MS: String(epochMs) } });
  let drop: (() => Promise<void>) | undefined;
  let worker: RunWorker | undefined;
  let services: Services;
  const dataDir = path.join(process.env.TMPDIR ?? '/tmp', `stepstone-test-${process.pid}-${Date.now()}`);
  if (kind === 'postgres') {
    const db = await createTestDatabase(process.env.TEST_DATABASE_URL!);
    drop = db.drop;
    services = await createServices({ databaseUrl: db.url, dataDir });
    worker = await startRunWorker({ url: db.url, store: services.store, bus: services.events, runPlan, device: 'cpu', heartbeatMs: 200, staleMs: 2000, pollMs: 50 });
  } else {
    services = await createServices({ databaseUrl: '', pgliteDir: 'memory://', dataDir, runPlan, heartbeatMs: 200 });
  }
  return {
    services,
    caller: createCaller(createTRPCContext({ services })),
    readOnly: createCaller(createTRPCContext({ services, access: 'readOnly' })),
    async close() {
      await worker?.stop();
      await services.close();
      await drop?.();
    },
  };
}

/** Awaits a call that must be refused and returns the TRPCError it was refused with. */
export async function rejection(p: Promise<unknown>): Promise<TRPCError> {
  try {
    await p;
  } catch (err) {
    if (err instanceof TRPCError) return err;
    throw err;
  }
  throw new Error('expected a rejection');
}

/** PGlite always; a real PostgreSQL when TEST_DATABASE_URL is set (CI starts one). */
export const harnessBackends = [['pglite', true], ['postgres', !!process.env.TEST_DATABASE_URL]] as const;
