import type { RunEvent, RunResult } from '../../formats/run-events';
import type { TrainingPlan } from '../../formats/training-plan';
import type { RunOptions, RunPlan } from '../runtime/run-plan-api';
import type { EventBus } from './event-bus';
import type { RunRow, RunStore } from './run-store';

/** A failure of the machinery (training process died), not of the run itself: the run is re-queued. */
export class RetryableRunError extends Error {
  override readonly name = 'RetryableRunError';
}

export interface ExecuteDeps {
  readonly store: RunStore;
  readonly bus: EventBus;
  readonly runPlan: RunPlan;
  /** Who holds the run (host:pid[:slot]); written to runs.worker. */
  readonly worker: string;
  readonly heartbeatMs?: number;
  /** Least time between two event writes (STEPSTONE_EVENT_FLUSH_MS, default 200): events arriving meanwhile go in one batch. */
  readonly eventFlushMs?: number;
  readonly resolveUpload?: RunOptions['resolveUpload'];
  readonly artifactDir?: string;
  /** Shutdown of this worker: the run goes back to 'queued' (resumes from its checkpoint later). */
  readonly shutdown?: AbortSignal;
  /** Puts a re-queued run back on the queue. */
  readonly requeue: (run: RunRow) => Promise<void>;
}

export type ExecuteOutcome = 'skipped' | 'succeeded' | 'failed' | 'cancelled' | 'requeued' | 'lost';

/**
 * Runs one queued run to its end: claim, heartbeat, cancel (bus or DB flag), time limit,
 * checkpoints, events in order, and exactly one terminal status. A finished run's checkpoint is dropped.
 */
export async function executeRun(deps: ExecuteDeps, runId: string): Promise<ExecuteOutcome> {
  const outcome = await executeClaimed(deps, runId);
  if (outcome === 'succeeded' || outcome === 'failed' || outcome === 'cancelled') {
    await deps.store.dropCheckpoint(runId).catch((err: unknown) => console.error(`run ${runId}: checkpoint not removed`, err));
  }
  return outcome;
}

async function executeClaimed(deps: ExecuteDeps, runId: string): Promise<ExecuteOutcome> {
  const { store, worker } = deps;
  const run = await store.claim(runId, worker);
  if (!run) return 'skipped';

  const controller = new AbortController();
  let reason: 'cancel' | 'timeout' | 'lost' | 'shutdown' | undefined;
  const stop = (why: NonNullable<typeof reason>) => {
    if (reason) return;
    reason = why;
    controller.abort(new Error(why));
  };
  const offCancel = deps.bus.onCancel((id) => {
    if (id === runId) stop('cancel');
  });
  const heartbeat = setInterval(() => {
    store.heartbeat(runId, worker).then(
      (hb) => {
        if (hb.lost) stop('lost');
        else if (hb.cancel) stop('cancel');
      },
      () => undefined, // a missed beat is retried next tick; the reaper's margin covers a few
    );
  }, deps.heartbeatMs ?? 2000);
  const onShutdown = () => stop('shutdown');
  deps.shutdown?.addEventListener('abort', onShutdown, { once: true });
  if (deps.shutdown?.aborted) stop('shutdown');
  const timeLimitMs = run.timeLimitSeconds * 1000;
  const timer = setTimeout(() => stop('timeout'), timeLimitMs);
  // A cancel that arrived between claim and listening.
  const fresh = await store.get(runId);
  if (fresh?.cancelRequested) stop('cancel');

  // Events are written strictly in order by one writer; whatever arrives during a write goes in the next batch.
  let buffer: RunEvent[] = [];
  let chain: Promise<unknown> = Promise.resolve();
  let writing = false;
  let writeError: unknown;
  let sawFinal = false;
  let lastWrite = 0;
  const flushMs = deps.eventFlushMs ?? Number(process.env.STEPSTONE_EVENT_FLUSH_MS ?? 200);
  const write = (event: RunEvent) => {
    buffer.push(event);
    if (writing) return;
    writing = true;
    chain = (async () => {
      while (buffer.length > 0) {
        // One transaction per flush interval at most: the database (in this process, embedded) stays free for requests.
        const wait = lastWrite + flushMs - Date.now();
        if (wait > 0) await new Promise((r) => setTimeout(r, wait));
        lastWrite = Date.now();
        const batch = buffer;
        buffer = [];
        await store.appendMany(runId, batch).catch((err: unknown) => {
          writeError ??= err;
        });
      }
      writing = false;
    })();
  };

  try {
    const plan = run.plan as TrainingPlan;
    const resumeFrom = await store.loadCheckpoint(runId);
    let result: RunResult;
    try {
      result = await deps.runPlan(plan, {
        signal: controller.signal,
        onEvent: (event) => {
          if (reason === 'lost') return;
          if (event.type === 'final') sawFinal = true;
          write(event);
        },
        // Events before a checkpoint are stored before it: a run resumed from it never misses one.
        onCheckpoint: async (cp) => {
          while (writing || buffer.length > 0) await chain;
          await store.saveCheckpoint(runId, cp);
        },
        resumeFrom,
        resolveUpload: deps.resolveUpload,
        artifactDir: deps.artifactDir,
      });
    } finally {
      await chain;
    }
    if (writeError) throw writeError;
    if (reason === 'lost') return 'lost';
    if (reason) throw controller.signal.reason;
    if (!sawFinal) await store.append(runId, { type: 'final', result });
    await store.finish(runId, worker, { type: 'status', status: 'succeeded', attempt: run.attempts }, { result, backend: result.backend });
    return 'succeeded';
  } catch (err) {
    const message = err instanceof Error ? err.message : String(err);
    if (reason === 'lost') return 'lost';
    if (reason === 'cancel') {
      await store.finish(runId, worker, { type: 'status', status: 'cancelled', attempt: run.attempts, message: 'cancelled by request' });
      return 'cancelled';
    }
    if (reason === 'timeout') {
      const msg = `time limit of ${run.timeLimitSeconds}s exceeded`;
      await store.finish(runId, worker, { type: 'status', status: 'failed', attempt: run.attempts, message: msg }, { error: msg });
      return 'failed';
    }
    if (reason === 'shutdown') {
      const ok = await store.finish(runId, worker, { type: 'status', status: 'queued', attempt: run.attempts, message: 'interrupted by a worker shutdown; re-queued, resuming from the last checkpoint' }, {
        worker: null,
        attempts: Math.max(0, run.attempts - 1), // a shutdown is not the run's fault
      });
      const again = ok ? await store.get(runId) : undefined;
      if (again) await deps.requeue(again).catch(() => undefined); // else: the next start's recovery finds it
      return 'requeued';
    }
    if (err instanceof RetryableRunError && run.attempts < run.maxAttempts) {
      const ok = await store.finish(runId, worker, {
        type: 'status',
        status: 'queued',
        attempt: run.attempts,
        message: `${message}; re-queued (attempt ${run.attempts} of ${run.maxAttempts}), resuming from the last checkpoint`,
      }, { worker: null });
      if (ok) {
        const again = await store.get(runId);
        if (again) await deps.requeue(again);
      }
      return 'requeued';
    }
    await store.finish(runId, worker, { type: 'status', status: 'failed', attempt: run.attempts, message }, { error: message });
    return 'failed';
  } finally {
    clearInterval(heartbeat);
    clearTimeout(timer);
    offCancel();
    deps.shutdown?.removeEventListener('abort', onShutdown);
  }
}
