import type { RunRow } from './run-store';

/** The run queue as the API sees it; embedded-queue.ts (PGlite, child processes) and pgboss-queue.ts (PostgreSQL). */
export interface JobQueue {
  readonly mode: 'embedded' | 'server';
  enqueue(run: RunRow): Promise<void>;
  cancel(runId: string): Promise<'cancelled' | 'requested' | 'finished' | 'unknown'>;
  stop(): Promise<void>;
}
