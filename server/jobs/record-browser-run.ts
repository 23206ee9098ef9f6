import { randomUUID } from 'node:crypto';
import type { Db } from '../../db/client';
import { runEvents, runs } from '../../db/schema';
import type { BrowserRun } from '../../formats/browser-run';
import type { RunEvent } from '../../formats/run-events';

/**
 * Stores a run that trained in a visitor's browser and finished there: the run row (succeeded, its backend and
 * result) and its events, framed by the status events a server run has, in one transaction — all or nothing,
 * and never queued (no worker ever sees it). Returns the new run's id.
 */
export async function recordBrowserRun(db: Db, run: BrowserRun): Promise<string> {
  const id = randomUUID();
  const started = run.events.find((e) => e.type === 'started');
  const final = run.events.find((e) => e.type === 'final');
  if (started?.type !== 'started' || final?.type !== 'final') throw new Error('a browser run needs its started and final events (browserRunSchema checks this)');
  const events: RunEvent[] = [{ type: 'status', status: 'running', attempt: 1, message: 'trained in the visitor\'s browser' }, ...run.events, { type: 'status', status: 'succeeded' }];
  const now = new Date();
  await db.transaction(async (tx) => {
    await tx.insert(runs).values({
      id,
      status: 'succeeded',
      graphId: run.graphId ?? null,
      graphVersion: run.graphVersion ?? null,
      graphName: run.plan.graphName,
      plan: run.plan,
      device: run.plan.device,
      backend: started.backend,
      result: final.result,
      worker: 'browser',
      attempts: 1,
      maxAttempts: 1,
      startedAt: now,
      finishedAt: now,
      lastSeq: events.length,
    });
    await tx.insert(runEvents).values(events.map((event, i) => ({ runId: id, seq: i + 1, type: event.type, payload: event })));
  });
  return id;
}
