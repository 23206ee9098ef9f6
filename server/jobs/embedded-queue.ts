import os from 'node:os';
import type { RunOptions, RunPlan } from '../runtime/run-plan-api';
import type { EventBus } from './event-bus';
import { executeRun, type ExecuteOutcome } from './execute-run';
import type { JobQueue } from './job-queue';
import type { RunStore } from './run-store';

export interface EmbeddedQueueOptions {
  readonly store: RunStore;
  readonly bus: EventBus;
  /** Usually createForkedRunPlan(): each run in its own child process. */
  readonly runPlan: RunPlan;
  /** Runs at a time (STEPSTONE_CONCURRENCY, default 1); the rest wait in order. */
  readonly concurrency?: number;
  readonly heartbeatMs?: number;
  readonly resolveUpload?: RunOptions['resolveUpload'];
  readonly artifactDir?: string;
  readonly baselineCacheDir?: string;
  readonly onOutcome?: (runId: string, outcome: ExecuteOutcome) => void;
}

export interface EmbeddedQueue extends JobQueue {
  /** Resolves when nothing is queued or running. */
  idle(): Promise<void>;
}

/** What each run of this queue executes with; `requeue` puts a run back in line. */
function executeDeps(options: EmbeddedQueueOptions, worker: string, shutdown: AbortSignal, requeue: (runId: string) => void): Parameters<typeof executeRun>[0] {
  return {
    store: options.store,
    bus: options.bus,
    runPlan: options.runPlan,
    worker,
    heartbeatMs: options.heartbeatMs,
    // The database lives in this (the web) process: batch event writes so requests get it between them.
    eventFlushMs: Number(process.env.STEPSTONE_EVENT_FLUSH_MS ?? 200),
    resolveUpload: options.resolveUpload,
    artifactDir: options.artifactDir,
    baselineCacheDir: options.baselineCacheDir,
    shutdown,
    requeue: async (run) => {
      requeue(run.id);
    },
  };
}

/**
 * Embedded mode (PGlite is single-process): this process owns the database and the queue; training
 * runs in child processes. At start, runs left 'running' by a previous crash are re-queued (or failed
 * when out of attempts) and queued ones are picked up again.
 */
export async function startEmbeddedQueue(options: EmbeddedQueueOptions): Promise<EmbeddedQueue> {
  const { store } = options;
  const concurrency = Math.max(1, options.concurrency ?? Number(process.env.STEPSTONE_CONCURRENCY ?? 1));
  const worker = `${os.hostname()}:${process.pid}`;
  const pending: string[] = [];
  const active = new Map<string, Promise<void>>();
  let stopped = false;
  const shutdown = new AbortController();
  let idleWaiters: (() => void)[] = [];

  const checkIdle = () => {
    if (pending.length === 0 && active.size === 0) {
      const w = idleWaiters;
      idleWaiters = [];
      w.forEach((f) => f());
    }
  };

  const pump = () => {
    while (!stopped && active.size < concurrency && pending.length > 0) {
      const runId = pending.shift()!;
      if (active.has(runId)) continue;
      const p = executeRun(
        executeDeps(options, worker, shutdown.signal, (id) => pending.push(id)),
        runId,
      )
        .then((outcome) => options.onOutcome?.(runId, outcome))
        .catch((err: unknown) => console.error(`run ${runId}: job system error`, err))
        .finally(() => {
          active.delete(runId);
          pump();
          checkIdle();
        });
      active.set(runId, p);
    }
    checkIdle();
  };

  // Everything 'running' now is an orphan of a previous process: nothing else can hold it.
  await store.reapStale(-60_000);
  for (const run of await store.queuedRuns()) pending.push(run.id);
  pump();

  return {
    mode: 'embedded',
    async enqueue(run) {
      pending.push(run.id);
      pump();
    },
    async cancel(runId) {
      const outcome = await store.requestCancel(runId);
      if (outcome === 'cancelled') {
        const i = pending.indexOf(runId);
        if (i >= 0) pending.splice(i, 1);
        checkIdle();
      }
      return outcome;
    },
    idle() {
      return new Promise<void>((resolve) => {
        idleWaiters.push(resolve);
        checkIdle();
      });
    },
    async stop() {
      stopped = true;
      pending.length = 0;
      shutdown.abort();
      await Promise.allSettled([...active.values()]);
    },
  };
}
