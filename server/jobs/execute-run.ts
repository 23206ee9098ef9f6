import type { RunResult } from '../../formats/run-events';
import type { TrainingPlan } from '../../formats/training-plan';
import type { RunOptions, RunPlan } from '../runtime/run-plan-api';
import type { EventBus } from './event-bus';
import { createEventWriter } from './event-writer';
import type { RunRow, RunStore } from './run-store';
import { logFailure } from './log-failure';

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
  /** Least time between two event writes (embedded: STEPSTONE_EVENT_FLUSH_MS, 200; default 0): events arriving meanwhile go in one batch. */
  readonly eventFlushMs?: number;
  readonly resolveUpload?: RunOptions['resolveUpload'];
  readonly artifactDir?: string;
  /** Where sweep members share baselines (RunOptions.baselineCacheDir). */
  readonly baselineCacheDir?: string;
  /** Shutdown of this worker: the run goes back to 'queued' (resumes from its checkpoint later). */
  readonly shutdown?: AbortSignal;
  /** Puts a re-queued run back on the queue. */
  readonly requeue: (run: RunRow) => Promise<void>;
}

type StopReason = 'cancel' | 'timeout' | 'lost' | 'shutdown';

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

  const watch = watchRun(deps, run);
  // A cancel that arrived between claim and listening.
  const fresh = await store.get(runId);
  if (fresh?.cancelRequested) watch.stop('cancel');
  const events = createEventWriter(store, runId, deps.eventFlushMs ?? 0);
  let sawFinal = false;

  try {
    const plan = run.plan as TrainingPlan;
    const resumeFrom = await store.loadCheckpoint(runId);
    let result: RunResult;
    try {
      result = await deps.runPlan(plan, {
        signal: watch.signal,
        onEvent: (event) => {
          if (watch.reason() === 'lost') return;
          if (event.type === 'final') sawFinal = true;
          events.write(event);
        },
        // Events before a checkpoint are stored before it: a run resumed from it never misses one.
        onCheckpoint: async (cp) => {
          await events.drained();
          await store.saveCheckpoint(runId, cp);
        },
        resumeFrom,
        resolveUpload: deps.resolveUpload,
        artifactDir: deps.artifactDir,
        baselineCacheDir: deps.baselineCacheDir,
      });
    } finally {
      await events.drained();
    }
    if (events.error) throw events.error;
    if (watch.reason() === 'lost') return 'lost';
    if (watch.reason()) throw watch.signal.reason;
    if (!sawFinal) await store.append(runId, { type: 'final', result });
    await store.finish(runId, worker, { type: 'status', status: 'succeeded', attempt: run.attempts }, { result, backend: result.backend });
    return 'succeeded';
  } catch (err) {
    return await settleFailure(deps, run, watch.reason(), err);
  } finally {
    watch.release();
  }
}

/** What can stop a claimed run: a cancel (bus or heartbeat flag), a lost claim, a shutdown, the time limit. */
function watchRun(deps: ExecuteDeps, run: RunRow) {
  const { store, worker } = deps;
  const controller = new AbortController();
  let reason: StopReason | undefined;
  const stop = (why: StopReason) => {
    if (reason) return;
    reason = why;
    controller.abort(new Error(why));
  };
  const offCancel = deps.bus.onCancel((id) => {
    if (id === run.id) stop('cancel');
  });
  const heartbeat = setInterval(() => {
    store.heartbeat(run.id, worker).then(
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
  const timer = setTimeout(() => stop('timeout'), run.timeLimitSeconds * 1000);
  return {
    signal: controller.signal,
    stop,
    reason: () => reason,
    release() {
      clearInterval(heartbeat);
      clearTimeout(timer);
      offCancel();
      deps.shutdown?.removeEventListener('abort', onShutdown);
    },
  };
}

/** The end of a run that threw: cancelled, timed out, handed back (shutdown), re-queued (retryable) or failed. */
async function settleFailure(deps: ExecuteDeps, run: RunRow, reason: StopReason | undefined, err: unknown): Promise<ExecuteOutcome> {
  const { store, worker } = deps;
  const runId = run.id;
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
    // A failed re-queue is not lost: the run stays 'queued' and the next start's recovery sends it again.
    if (again) await deps.requeue(again).catch(logFailure(`run ${runId}: re-queue after shutdown failed; recovery will send it`));
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
}
