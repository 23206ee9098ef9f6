import { existsSync } from 'node:fs';
import { rm } from 'node:fs/promises';
import { randomUUID } from 'node:crypto';
import { and, asc, desc, eq, gt, inArray, isNull, lt, sql } from 'drizzle-orm';
import type { Db } from '../../db/client';
import { artifacts, checkpoints, runEvents, runs, type RunStatus } from '../../db/schema';
import type { RunEvent } from '../../formats/run-events';
import type { TrainingPlan } from '../../formats/training-plan';
import type { StoredCheckpoint } from './forked-run-plan';
import type { EventBus } from './event-bus';
import { EVENTS_CHANNEL } from './pg-event-bus';

export type RunRow = typeof runs.$inferSelect;
export interface StoredEvent {
  readonly seq: number;
  readonly event: RunEvent;
  readonly createdAt: Date;
}

export const terminalStatuses: readonly RunStatus[] = ['succeeded', 'failed', 'cancelled'];
export const isTerminalEvent = (e: RunEvent): boolean => e.type === 'status' && terminalStatuses.includes(e.status);

export interface NewRun {
  readonly plan: TrainingPlan;
  readonly graphId?: string | null;
  readonly graphVersion?: number | null;
  readonly retryOf?: string | null;
  readonly maxAttempts?: number;
  readonly timeLimitSeconds?: number;
  /** A sweep member: its sweep and position. */
  readonly sweepId?: string | null;
  readonly sweepMember?: number | null;
}

/**
 * All run state changes go through here. A status change and the event that announces it are written
 * in one transaction, so runs.status and the event log always agree; events are numbered 1..n per run.
 */
export class RunStore {
  constructor(
    readonly db: Db,
    private readonly kind: 'pglite' | 'postgres',
    private readonly bus: EventBus,
  ) {}

  async create(input: NewRun): Promise<RunRow> {
    const id = randomUUID();
    await this.db.insert(runs).values({
      id,
      status: 'queued',
      graphId: input.graphId ?? null,
      graphVersion: input.graphVersion ?? null,
      graphName: input.plan.graphName,
      plan: input.plan,
      device: input.plan.device,
      retryOf: input.retryOf ?? null,
      sweepId: input.sweepId ?? null,
      sweepMember: input.sweepMember ?? null,
      maxAttempts: input.maxAttempts ?? Number(process.env.STEPSTONE_MAX_ATTEMPTS ?? 3),
      timeLimitSeconds: input.timeLimitSeconds ?? Number(process.env.STEPSTONE_TIME_LIMIT_SECONDS ?? 3600),
    });
    await this.append(id, { type: 'status', status: 'queued', attempt: 0 });
    const row = await this.get(id);
    if (!row) throw new Error(`run ${id} vanished after insert`);
    return row;
  }

  async get(id: string): Promise<RunRow | undefined> {
    const [row] = await this.db.select().from(runs).where(eq(runs.id, id));
    return row;
  }

  async list(limit = 100): Promise<RunRow[]> {
    return this.db.select().from(runs).orderBy(desc(runs.createdAt)).limit(limit);
  }

  /** Appends an event (and, when `status` is given, moves the run from one of `from` to it). */
  async append(
    runId: string,
    event: RunEvent,
    change?: { from: readonly RunStatus[]; set?: Partial<typeof runs.$inferInsert> },
  ): Promise<number | undefined> {
    const where = change ? and(eq(runs.id, runId), inArray(runs.status, [...change.from])) : eq(runs.id, runId);
    return this.appendWhere(runId, where, event, change?.set);
  }

  /** The one write path for a single event: the run row and the event change together, or not at all. */
  private async appendWhere(
    runId: string,
    where: ReturnType<typeof and>,
    event: RunEvent,
    extra: Partial<typeof runs.$inferInsert> = {},
  ): Promise<number | undefined> {
    const seq = await this.db.transaction(async (tx) => {
      const set: Partial<typeof runs.$inferInsert> = { ...extra };
      if (event.type === 'status') {
        set.status = event.status;
        if (terminalStatuses.includes(event.status)) set.finishedAt = new Date();
      }
      if (event.type === 'started') set.backend = event.backend;
      if (event.type === 'final') set.result = event.result;
      const [row] = await tx
        .update(runs)
        .set({ ...set, lastSeq: sql`${runs.lastSeq} + 1` })
        .where(where)
        .returning({ seq: runs.lastSeq });
      if (!row) return undefined;
      await tx.insert(runEvents).values({ runId, seq: row.seq, type: event.type, payload: event });
      if (this.kind === 'postgres') await tx.execute(sql`select pg_notify(${EVENTS_CHANNEL}, ${`${runId}:${row.seq}`})`);
      return row.seq;
    });
    if (seq !== undefined) this.bus.publish({ runId, seq });
    return seq;
  }

  /**
   * Appends runtime events in one transaction (the executor batches whatever piled up while the previous
   * write was in flight, so a slow database adds latency once, not per event).
   */
  async appendMany(runId: string, events: readonly RunEvent[]): Promise<number | undefined> {
    if (events.length === 0) return undefined;
    const set: Partial<typeof runs.$inferInsert> = {};
    for (const e of events) {
      if (e.type === 'status') throw new Error('status events go through append()');
      if (e.type === 'started') set.backend = e.backend;
      if (e.type === 'final') set.result = e.result;
    }
    const last = await this.db.transaction(async (tx) => {
      const [row] = await tx
        .update(runs)
        .set({ ...set, lastSeq: sql`${runs.lastSeq} + ${events.length}` })
        .where(eq(runs.id, runId))
        .returning({ seq: runs.lastSeq });
      if (!row) return undefined;
      const first = row.seq - events.length + 1;
      await tx.insert(runEvents).values(events.map((event, i) => ({ runId, seq: first + i, type: event.type, payload: event })));
      const exported = events.flatMap((e) => (e.type === 'artifact' ? [{ runId, name: e.name, path: e.path }] : []));
      if (exported.length > 0) await tx.insert(artifacts).values(exported);
      if (this.kind === 'postgres') await tx.execute(sql`select pg_notify(${EVENTS_CHANNEL}, ${`${runId}:${row.seq}`})`);
      return row.seq;
    });
    if (last !== undefined) this.bus.publish({ runId, seq: last });
    return last;
  }

  /** Atomically takes a queued run for `worker`; undefined when someone else has it or it is finished. */
  async claim(runId: string, worker: string): Promise<RunRow | undefined> {
    const current = await this.get(runId);
    if (!current || current.status !== 'queued') return undefined;
    if (current.cancelRequested) {
      await this.append(runId, { type: 'status', status: 'cancelled', message: 'cancelled before it started' }, { from: ['queued'] });
      return undefined;
    }
    const seq = await this.append(
      runId,
      { type: 'status', status: 'running', attempt: current.attempts + 1, message: `on ${worker}` },
      { from: ['queued'], set: { worker, attempts: sql`${runs.attempts} + 1` as unknown as number, startedAt: current.startedAt ?? new Date(), heartbeatAt: new Date() } },
    );
    return seq === undefined ? undefined : this.get(runId);
  }

  /** Keeps the claim alive; says whether the run was cancelled or taken away (reaped). */
  async heartbeat(runId: string, worker: string): Promise<{ cancel: boolean; lost: boolean }> {
    const [row] = await this.db
      .update(runs)
      .set({ heartbeatAt: new Date() })
      .where(and(eq(runs.id, runId), eq(runs.worker, worker), eq(runs.status, 'running')))
      .returning({ cancel: runs.cancelRequested });
    return { cancel: !!row?.cancel, lost: !row };
  }

  async finish(runId: string, worker: string, event: RunEvent & { type: 'status' }, set: Partial<typeof runs.$inferInsert> = {}): Promise<boolean> {
    // Only the holder of the claim may finish it (a reaped worker that wakes up must not).
    const row = await this.get(runId);
    if (!row || row.worker !== worker) return false;
    return (await this.append(runId, event, { from: ['running'], set })) !== undefined;
  }

  /** Cancel: a queued run is cancelled at once; a running one is flagged and its worker told. */
  async requestCancel(runId: string): Promise<'cancelled' | 'requested' | 'finished' | 'unknown'> {
    const row = await this.get(runId);
    if (!row) return 'unknown';
    if (terminalStatuses.includes(row.status)) return 'finished';
    await this.db.update(runs).set({ cancelRequested: 1 }).where(eq(runs.id, runId));
    if (row.status === 'queued') {
      const seq = await this.append(runId, { type: 'status', status: 'cancelled', message: 'cancelled before it started' }, { from: ['queued'] });
      if (seq !== undefined) return 'cancelled';
    }
    await this.bus.publishCancel(runId);
    return 'requested';
  }

  /**
   * Runs whose worker stopped heart-beating (crash, kill, lost machine): re-queued while attempts remain,
   * otherwise failed with the reason. Returns the re-queued runs (the caller puts them back on the queue).
   */
  async reapStale(staleMs: number): Promise<RunRow[]> {
    const cutoff = new Date(Date.now() - staleMs);
    const stale = await this.db
      .select()
      .from(runs)
      .where(and(eq(runs.status, 'running'), lt(sql`coalesce(${runs.heartbeatAt}, ${runs.createdAt})`, cutoff)));
    const requeued: RunRow[] = [];
    for (const run of stale) {
      const since = run.heartbeatAt ? run.heartbeatAt.toISOString() : 'its start';
      const who = run.worker ?? 'its worker';
      const guard = and(eq(runs.id, run.id), eq(runs.status, 'running'), eq(runs.attempts, run.attempts));
      if (run.cancelRequested) {
        await this.appendGuarded(run.id, guard, { type: 'status', status: 'cancelled', message: `${who} stopped while cancelling` });
      } else if (run.attempts < run.maxAttempts) {
        const ok = await this.appendGuarded(run.id, guard, {
          type: 'status',
          status: 'queued',
          attempt: run.attempts,
          message: `${who} stopped responding (no heartbeat since ${since}); re-queued, resuming from the last checkpoint`,
        }, { worker: null });
        if (ok) requeued.push({ ...run, status: 'queued', worker: null });
      } else {
        await this.appendGuarded(run.id, guard, {
          type: 'status',
          status: 'failed',
          message: `${who} stopped responding (no heartbeat since ${since}) on attempt ${run.attempts} of ${run.maxAttempts}; giving up`,
        }, { error: `worker lost after ${run.attempts} attempts` });
      }
    }
    return requeued;
  }

  private async appendGuarded(runId: string, guard: ReturnType<typeof and>, event: RunEvent & { type: 'status' }, set: Partial<typeof runs.$inferInsert> = {}): Promise<boolean> {
    return (await this.appendWhere(runId, guard, event, set)) !== undefined;
  }

  async setJobId(runId: string, jobId: string): Promise<void> {
    await this.db.update(runs).set({ jobId }).where(eq(runs.id, runId));
  }

  /** Queued runs that never reached the queue (the server stopped between storing and sending them). */
  async unsentRuns(olderThanMs: number): Promise<RunRow[]> {
    const cutoff = new Date(Date.now() - olderThanMs);
    return this.db
      .select()
      .from(runs)
      .where(and(eq(runs.status, 'queued'), isNull(runs.jobId), lt(runs.createdAt, cutoff)));
  }

  async queuedRuns(): Promise<RunRow[]> {
    return this.db.select().from(runs).where(eq(runs.status, 'queued')).orderBy(asc(runs.createdAt));
  }

  async eventsAfter(runId: string, afterSeq: number, limit = 500): Promise<StoredEvent[]> {
    const rows = await this.db
      .select()
      .from(runEvents)
      .where(and(eq(runEvents.runId, runId), gt(runEvents.seq, afterSeq)))
      .orderBy(asc(runEvents.seq))
      .limit(limit);
    return rows.map((r) => ({ seq: r.seq, event: r.payload as RunEvent, createdAt: r.createdAt }));
  }

  async saveCheckpoint(runId: string, cp: StoredCheckpoint): Promise<void> {
    const [before] = await this.db.select({ file: checkpoints.file }).from(checkpoints).where(eq(checkpoints.runId, runId));
    const values = { runId, track: cp.track, stage: cp.stage, epoch: cp.epoch, data: cp.data, file: cp.file ?? null, createdAt: new Date() };
    await this.db.insert(checkpoints).values(values).onConflictDoUpdate({ target: checkpoints.runId, set: values });
    if (before?.file && before.file !== cp.file) await rm(before.file, { force: true });
  }

  async loadCheckpoint(runId: string): Promise<StoredCheckpoint | undefined> {
    const [row] = await this.db.select().from(checkpoints).where(eq(checkpoints.runId, runId));
    if (!row) return undefined;
    const cp = { data: new Uint8Array(row.data), track: row.track, stage: row.stage, epoch: row.epoch };
    // A file that vanished (data folder cleaned by hand): the run starts over rather than failing.
    if (row.file) return existsSync(row.file) ? { ...cp, file: row.file } : undefined;
    return cp;
  }

  /** A finished run needs no checkpoint: the row and its file go. */
  async dropCheckpoint(runId: string): Promise<void> {
    const [row] = await this.db.delete(checkpoints).where(eq(checkpoints.runId, runId)).returning({ file: checkpoints.file });
    if (row?.file) await rm(row.file, { force: true });
  }
}
