import { randomUUID } from 'node:crypto';
import { asc, count, desc, eq, inArray } from 'drizzle-orm';
import type { Db } from '../../db/client';
import { runs, sweeps } from '../../db/schema';
import type { GraphDocument } from '../../formats/graph-document';
import { migrateRunResult, type RunResult } from '../../formats/run-result';
import type { TrainingPlan } from '../../formats/training-plan';
import type { JobQueue } from '../jobs/job-queue';
import { terminalStatuses, type RunStore } from '../jobs/run-store';
import type { SweepAxisValues, SweepMember } from './compile-sweep';
import { summariseSweep, type MemberOutcome, type SweepSummary } from './summarise-sweep';

export type SweepRow = typeof sweeps.$inferSelect;

export interface SweepView {
  readonly id: string;
  readonly name: string;
  readonly graphId: string | null;
  readonly graphVersion: number | null;
  readonly axes: SweepAxisValues[];
  readonly memberCount: number;
  /** queued / running while any member is; then cancelled when a cancel was asked, else finished. */
  readonly status: 'queued' | 'running' | 'finished' | 'cancelled';
  readonly createdAt: Date;
  readonly runs: { index: number; runId: string; status: string }[];
  readonly summary: SweepSummary;
}

function readResult(raw: unknown): RunResult | null {
  try {
    return raw ? migrateRunResult(raw) : null;
  } catch {
    return null;
  }
}

/** Sweeps and their member runs. A member is an ordinary run (queued, claimed, resumed and cancelled as any run). */
export class SweepStore {
  constructor(
    private readonly db: Db,
    private readonly store: RunStore,
  ) {}

  /** Stores the sweep and one queued run per member, then puts every member on the queue. */
  async start(input: { document: GraphDocument; axes: SweepAxisValues[]; members: SweepMember[]; graphId?: string | null; graphVersion?: number | null }, jobs: JobQueue): Promise<string> {
    const id = randomUUID();
    await this.db.insert(sweeps).values({ id, name: input.document.name, graphId: input.graphId ?? null, graphVersion: input.graphVersion ?? null, document: input.document, axes: input.axes, memberCount: input.members.length });
    const created = [];
    for (const m of input.members) created.push(await this.store.create({ plan: m.plan, graphId: input.graphId, graphVersion: input.graphVersion, sweepId: id, sweepMember: m.index }));
    for (const run of created) await jobs.enqueue(run);
    return id;
  }

  async row(id: string): Promise<SweepRow | undefined> {
    const [row] = await this.db.select().from(sweeps).where(eq(sweeps.id, id));
    return row;
  }

  /** The newest sweeps, each with how many of its member runs are in each status. */
  async list(limit = 100): Promise<(SweepRow & { statusCounts: Record<string, number> })[]> {
    const rows = await this.db.select().from(sweeps).orderBy(desc(sweeps.createdAt)).limit(limit);
    if (rows.length === 0) return [];
    const counted = await this.db
      .select({ sweepId: runs.sweepId, status: runs.status, n: count() })
      .from(runs)
      .where(inArray(runs.sweepId, rows.map((r) => r.id)))
      .groupBy(runs.sweepId, runs.status);
    return rows.map((r) => ({ ...r, statusCounts: Object.fromEntries(counted.filter((c) => c.sweepId === r.id).map((c) => [c.status, Number(c.n)])) }));
  }

  async view(id: string): Promise<SweepView | undefined> {
    const row = await this.row(id);
    if (!row) return undefined;
    const members = await this.db.select().from(runs).where(eq(runs.sweepId, id)).orderBy(asc(runs.sweepMember));
    const outcomes: MemberOutcome[] = members.map((r) => ({ index: r.sweepMember ?? 0, values: (r.plan as TrainingPlan).sweepMember?.values ?? {}, status: r.status, result: readResult(r.result) }));
    const live = members.some((r) => !terminalStatuses.includes(r.status));
    const status = live ? (members.some((r) => r.status === 'running') ? 'running' : 'queued') : row.cancelRequested ? 'cancelled' : 'finished';
    return {
      id,
      name: row.name,
      graphId: row.graphId,
      graphVersion: row.graphVersion,
      axes: row.axes as SweepAxisValues[],
      memberCount: row.memberCount,
      status,
      createdAt: row.createdAt,
      runs: members.map((r) => ({ index: r.sweepMember ?? 0, runId: r.id, status: r.status })),
      summary: summariseSweep(outcomes),
    };
  }

  /** Cancels every member still queued or running; false when there is no such sweep. */
  async cancel(id: string, jobs: JobQueue): Promise<boolean> {
    const row = await this.row(id);
    if (!row) return false;
    await this.db.update(sweeps).set({ cancelRequested: 1 }).where(eq(sweeps.id, id));
    const members = await this.db.select({ id: runs.id, status: runs.status }).from(runs).where(eq(runs.sweepId, id));
    for (const m of members) if (!terminalStatuses.includes(m.status)) await jobs.cancel(m.id);
    return true;
  }
}
