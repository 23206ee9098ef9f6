import { EventEmitter } from 'node:events';

/** A note that run `runId` has new events up to `seq` (the events themselves are read from the database). */
export interface RunNotice {
  readonly runId: string;
  readonly seq: number;
}

/**
 * Wakes subscribers when a run has new events, and workers when a run is cancelled.
 * Embedded mode: an in-process EventEmitter. Server mode: PostgreSQL LISTEN/NOTIFY (see pg-event-bus.ts).
 */
export interface EventBus {
  /** Called after the events are committed (embedded); in server mode the NOTIFY rides the transaction. */
  publish(notice: RunNotice): void;
  onRun(runId: string, listener: (notice: RunNotice) => void): () => void;
  publishCancel(runId: string): Promise<void>;
  onCancel(listener: (runId: string) => void): () => void;
  close(): Promise<void>;
}

export function createLocalEventBus(): EventBus {
  const emitter = new EventEmitter();
  emitter.setMaxListeners(0);
  return {
    publish(notice) {
      emitter.emit(`run:${notice.runId}`, notice);
    },
    onRun(runId, listener) {
      emitter.on(`run:${runId}`, listener);
      return () => emitter.off(`run:${runId}`, listener);
    },
    async publishCancel(runId) {
      emitter.emit('cancel', runId);
    },
    onCancel(listener) {
      emitter.on('cancel', listener);
      return () => emitter.off('cancel', listener);
    },
    async close() {
      emitter.removeAllListeners();
    },
  };
}
