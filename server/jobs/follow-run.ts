import type { EventBus } from './event-bus';
import { isTerminalEvent, type RunStore, type StoredEvent } from './run-store';

export interface FollowOptions {
  readonly afterSeq?: number;
  readonly signal?: AbortSignal;
  /** Safety net if a notification is lost (dropped LISTEN connection): re-read at least this often. */
  readonly pollMs?: number;
}

/**
 * Replays a run's stored events after `afterSeq`, then follows new ones as the bus announces them;
 * returns after the run's terminal status event. The database is the source of truth — the bus only
 * says "look again" — so a late joiner and a live watcher see the same sequence.
 */
export async function* followRun(store: RunStore, bus: EventBus, runId: string, options: FollowOptions = {}): AsyncGenerator<StoredEvent> {
  let last = options.afterSeq ?? 0;
  let wake: (() => void) | undefined;
  let dirty = true;
  const off = bus.onRun(runId, () => {
    dirty = true;
    wake?.();
  });
  const onAbort = () => wake?.();
  options.signal?.addEventListener('abort', onAbort);
  try {
    for (;;) {
      if (options.signal?.aborted) return;
      if (dirty) {
        dirty = false;
        let got = 0;
        for (;;) {
          const batch = await store.eventsAfter(runId, last);
          got += batch.length;
          for (const e of batch) {
            last = e.seq;
            yield e;
            if (isTerminalEvent(e.event)) return;
          }
          if (batch.length < 500) break;
        }
        if (got === 0) {
          // Nothing new: make sure the run still exists (deleted runs must not hang us).
          const run = await store.get(runId);
          if (!run) return;
          if (run.lastSeq > last) dirty = true;
        }
        continue;
      }
      let timer: NodeJS.Timeout | undefined;
      await new Promise<void>((resolve) => {
        wake = resolve;
        timer = setTimeout(() => {
          dirty = true;
          resolve();
        }, options.pollMs ?? 2000);
      });
      clearTimeout(timer);
      wake = undefined;
    }
  } finally {
    off();
    options.signal?.removeEventListener('abort', onAbort);
  }
}
