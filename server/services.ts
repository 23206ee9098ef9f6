import path from 'node:path';
import { dataDir as defaultDataDir, openDatabase, type Db, type DbHandle } from '../db/client';
import type { RunPlan } from './runtime/run-plan-api';
import { startEmbeddedQueue } from './jobs/embedded-queue';
import { createLocalEventBus, type EventBus } from './jobs/event-bus';
import { createForkedRunPlan } from './jobs/forked-run-plan';
import type { JobQueue } from './jobs/job-queue';
import { createPgEventBus } from './jobs/pg-event-bus';
import { startServerQueue } from './jobs/pgboss-queue';
import { RunStore } from './jobs/run-store';
import { uploadResolver } from './jobs/upload-resolver';
import { sweepUploadTemp } from './storage/sweep-upload-temp';

/** What the routers need: the database, the run store and queue, and the event bus. */
export interface Services {
  readonly mode: 'embedded' | 'server';
  readonly db: Db;
  readonly store: RunStore;
  readonly jobs: JobQueue;
  readonly events: EventBus;
  /** Root of stored files (uploads, artifacts); STEPSTONE_DATA_DIR. */
  readonly dataDir: string;
  close(): Promise<void>;
}

export interface ServicesOptions {
  /** postgres://… → server mode (pg-boss; run `npm run worker`); else embedded PGlite. Default DATABASE_URL. */
  readonly databaseUrl?: string;
  readonly dataDir?: string;
  /** PGlite folder or 'memory://' (tests). Default <dataDir>/db. */
  readonly pgliteDir?: string;
  /** The trainer (embedded mode). Default: each run in a child process with the TF.js runtime. */
  readonly runPlan?: RunPlan;
  readonly concurrency?: number;
  readonly heartbeatMs?: number;
}

export async function createServices(options: ServicesOptions = {}): Promise<Services> {
  // Run-time data, not app code: not traced by Next's build (see db/client.ts dataDir).
  const dir = path.resolve(/*turbopackIgnore: true*/ options.dataDir ?? defaultDataDir());
  const url = options.databaseUrl ?? process.env.DATABASE_URL;
  const handle: DbHandle = await openDatabase({ databaseUrl: url ?? '', dataDir: options.pgliteDir ?? path.join(dir, 'db') });
  // Temporary files of uploads cut short by a crash (server mode: other servers may be mid-upload).
  const swept = await sweepUploadTemp(dir, handle.kind === 'postgres' ? 3_600_000 : 0);
  if (swept > 0) console.log(`removed ${swept} temporary upload file(s) left by an interrupted upload`);
  if (handle.kind === 'postgres') {
    const events = await createPgEventBus(handle.url!);
    const store = new RunStore(handle.db, 'postgres', events);
    const jobs = await startServerQueue({ url: handle.url!, store });
    return {
      mode: 'server',
      db: handle.db,
      store,
      jobs,
      events,
      dataDir: dir,
      close: closeAll(jobs, events, handle),
    };
  }
  const events = createLocalEventBus();
  const store = new RunStore(handle.db, 'pglite', events);
  const jobs = await startEmbeddedQueue({
    store,
    bus: events,
    // Checkpoints are written by the training processes into the data folder; this process records where.
    runPlan: options.runPlan ?? createForkedRunPlan({ checkpointDir: path.join(dir, 'checkpoints') }),
    concurrency: options.concurrency,
    heartbeatMs: options.heartbeatMs,
    resolveUpload: uploadResolver(handle.db),
    artifactDir: path.join(dir, 'artifacts'),
    baselineCacheDir: path.join(dir, 'baselines'),
  });
  return {
    mode: 'embedded',
    db: handle.db,
    store,
    jobs,
    events,
    dataDir: dir,
    close: closeAll(jobs, events, handle),
  };
}

/** Stops in dependency order: the queue first (no more writes), then the event bus, then the database. */
function closeAll(jobs: { stop(): Promise<void> }, events: { close(): Promise<void> }, handle: { close(): Promise<void> }) {
  return async () => {
    await jobs.stop();
    await events.close();
    await handle.close();
  };
}

// On globalThis so that Next's dev reloads (fresh module instances) share one PGlite and one queue.
const holder = globalThis as { __stepstoneServices?: Promise<Services> };

/** The process-wide services, created on first use. */
export function getServices(): Promise<Services> {
  holder.__stepstoneServices ??= createServices().catch((err: unknown) => {
    holder.__stepstoneServices = undefined;
    throw err;
  });
  return holder.__stepstoneServices;
}

/** Replaces the process-wide services (tests, scripts). */
export function setServices(services: Services | undefined): void {
  holder.__stepstoneServices = services ? Promise.resolve(services) : undefined;
}
