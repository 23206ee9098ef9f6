import os from 'node:os';
import PgBoss from 'pg-boss';
import type { RunOptions, RunPlan } from '../runtime/run-plan-api';
import type { EventBus } from './event-bus';
import { executeRun, type ExecuteOutcome } from './execute-run';
import type { JobQueue } from './job-queue';
import { logFailure } from './log-failure';
import type { RunRow, RunStore } from './run-store';

/** A GPU run goes only to 'runs-gpu' (worked only by GPU workers); everything else to 'runs-any'. */
export const RUN_QUEUES = { gpu: 'runs-gpu', any: 'runs-any' } as const;
export const queueFor = (device: string): string => (device === 'gpu' ? RUN_QUEUES.gpu : RUN_QUEUES.any);

export interface RunJobData {
  readonly runId: string;
}

export async function startBoss(url: string): Promise<PgBoss> {
  const boss = new PgBoss({ connectionString: url, max: 4, schema: 'pgboss', maintenanceIntervalSeconds: 30 });
  boss.on('error', (err: Error) => console.error('pg-boss:', err.message));
  await boss.start();
  for (const name of Object.values(RUN_QUEUES)) {
    // Retries are ours (run store + reaper: they resume from the checkpoint), so pg-boss itself does not retry.
    if (!(await boss.getQueue(name))) await createQueue(boss, name);
  }
  return boss;
}

/** Creates a queue; losing the race to another process that created it first is fine, any other failure is not. */
async function createQueue(boss: PgBoss, name: string): Promise<void> {
  try {
    await boss.createQueue(name, { name, retryLimit: 0 });
  } catch (err) {
    if (!(await boss.getQueue(name))) throw err;
  }
}

async function send(boss: PgBoss, store: RunStore, run: RunRow): Promise<void> {
  const jobId = await boss.send(queueFor(run.device), { runId: run.id } satisfies RunJobData, {
    // pg-boss expiry backs up our own time limit and heartbeat reaper.
    expireInSeconds: run.timeLimitSeconds + 120,
    retryLimit: 0,
  });
  if (jobId) await store.setJobId(run.id, jobId);
}

/** Server mode, web-server side: sends runs to pg-boss; `npm run worker` processes do the work. */
export async function startServerQueue(options: { url: string; store: RunStore; boss?: PgBoss }): Promise<JobQueue> {
  const boss = options.boss ?? (await startBoss(options.url));
  return {
    mode: 'server',
    enqueue: (run) => send(boss, options.store, run),
    async cancel(runId) {
      const outcome = await options.store.requestCancel(runId);
      if (outcome === 'cancelled') {
        const run = await options.store.get(runId);
        if (run?.jobId) await boss.cancel(queueFor(run.device), run.jobId).catch(logFailure(`run ${runId}: pg-boss job ${run.jobId} not cancelled (the worker still sees the cancel request)`));
      }
      return outcome;
    },
    async stop() {
      if (!options.boss) await boss.stop({ graceful: false, wait: true });
    },
  };
}

export interface WorkerOptions {
  readonly url: string;
  readonly store: RunStore;
  readonly bus: EventBus;
  readonly runPlan: RunPlan;
  /** 'gpu' workers take GPU runs and any runs; 'cpu' workers only 'any' runs. */
  readonly device: 'gpu' | 'cpu';
  readonly concurrency?: number;
  readonly name?: string;
  readonly heartbeatMs?: number;
  /** A running run with no heartbeat for this long is re-queued (or failed when out of attempts). */
  readonly staleMs?: number;
  readonly pollMs?: number;
  readonly resolveUpload?: RunOptions['resolveUpload'];
  readonly artifactDir?: string;
  readonly baselineCacheDir?: string;
  readonly onOutcome?: (runId: string, outcome: ExecuteOutcome) => void;
}

export interface RunWorker {
  readonly name: string;
  readonly device: 'gpu' | 'cpu';
  stop(): Promise<void>;
}

/**
 * A worker process: fetches run jobs from pg-boss (GPU queue first when it has a GPU), executes them
 * in child processes, heart-beats, and reaps runs of workers that died (re-queues them).
 */
export async function startRunWorker(options: WorkerOptions): Promise<RunWorker> {
  const { store } = options;
  const name = options.name ?? `${os.hostname()}:${process.pid}`;
  const boss = await startBoss(options.url);
  const queues = options.device === 'gpu' ? [RUN_QUEUES.gpu, RUN_QUEUES.any] : [RUN_QUEUES.any];
  const concurrency = Math.max(1, options.concurrency ?? Number(process.env.STEPSTONE_CONCURRENCY ?? 1));
  const staleMs = options.staleMs ?? Number(process.env.STEPSTONE_STALE_MS ?? 30_000);
  const shutdown = new AbortController();
  const requeue = (run: RunRow) => send(boss, store, run);
  let stopping = false;

  const reap = async () => {
    try {
      for (const run of await store.reapStale(staleMs)) await requeue(run);
      for (const run of await store.unsentRuns(staleMs)) await requeue(run);
    } catch (err) {
      console.error('reaper:', err instanceof Error ? err.message : err);
    }
  };
  await reap();
  const reaper = setInterval(() => void reap(), Math.max(250, staleMs / 3));

  const slot = async (index: number) => {
    const worker = concurrency > 1 ? `${name}#${index}` : name;
    while (!stopping) {
      let job: { id: string; data: RunJobData } | undefined;
      let queue: string | undefined;
      for (const q of queues) {
        const [j] = (await boss.fetch<RunJobData>(q).catch(logFailure(`${worker}: fetching from ${q} failed; polling again`))) ?? [];
        if (j) {
          job = j;
          queue = q;
          break;
        }
      }
      if (!job || !queue) {
        await new Promise((r) => setTimeout(r, options.pollMs ?? 250));
        continue;
      }
      try {
        const outcome = await executeRun(
          { store, bus: options.bus, runPlan: options.runPlan, worker, heartbeatMs: options.heartbeatMs, resolveUpload: options.resolveUpload, artifactDir: options.artifactDir, baselineCacheDir: options.baselineCacheDir, shutdown: shutdown.signal, requeue },
          job.data.runId,
        );
        options.onOutcome?.(job.data.runId, outcome);
        await boss.complete(queue, job.id, { outcome }).catch(logFailure(`run ${job.data.runId}: pg-boss job ${job.id} not marked complete (its expiry will close it)`));
      } catch (err) {
        console.error(`run ${job.data.runId}: job system error`, err);
        await boss.fail(queue, job.id, { message: err instanceof Error ? err.message : String(err) }).catch(logFailure(`run ${job.data.runId}: pg-boss job ${job.id} not marked failed`));
      }
    }
  };
  const slots = Array.from({ length: concurrency }, (_, i) => slot(i));

  return {
    name,
    device: options.device,
    async stop() {
      stopping = true;
      clearInterval(reaper);
      shutdown.abort();
      await Promise.allSettled(slots);
      await boss.stop({ graceful: false, wait: true }).catch(logFailure(`${name}: pg-boss did not stop cleanly`));
    },
  };
}
