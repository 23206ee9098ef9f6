import type { RunEvent } from '../../formats/run-events';
import type { RunStore } from './run-store';

export interface EventWriter {
  write(event: RunEvent): void;
  /** Resolves once everything written so far is stored. */
  drained(): Promise<void>;
  /** The first write that failed, if any. */
  readonly error: unknown;
}

/**
 * A run's events, written strictly in order by one writer; whatever arrives during a write goes in the
 * next batch, and batches are at least `flushMs` apart: one transaction per interval at most, so the
 * database (in the web process, embedded) stays free for requests.
 */
export function createEventWriter(store: RunStore, runId: string, flushMs: number): EventWriter {
  let buffer: RunEvent[] = [];
  let chain: Promise<unknown> = Promise.resolve();
  let writing = false;
  let error: unknown;
  let lastWrite = 0;
  const flush = async () => {
    while (buffer.length > 0) {
      const wait = lastWrite + flushMs - Date.now();
      if (wait > 0) await new Promise((r) => setTimeout(r, wait));
      lastWrite = Date.now();
      const batch = buffer;
      buffer = [];
      await store.appendMany(runId, batch).catch((err: unknown) => {
        error ??= err;
      });
    }
    writing = false;
  };
  return {
    write(event) {
      buffer.push(event);
      if (writing) return;
      writing = true;
      chain = flush();
    },
    async drained() {
      while (writing || buffer.length > 0) await chain;
    },
    get error() {
      return error;
    },
  };
}
