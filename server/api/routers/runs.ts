import { tracked, TRPCError } from '@trpc/server';
import { and, count, desc, eq, lt } from 'drizzle-orm';
import { uploadMetas } from '../../storage/upload-meta';
import { z } from 'zod';
import { runs } from '../../../db/schema';
import type { TrainingPlan } from '../../../formats/training-plan';
import { migrateRunResult, type RunResult } from '../../../formats/run-events';
import { servicesOf, writeProcedure } from '../../auth/procedures';
import { compileGraph } from '../../compiler/compile-graph';
import type { CompileIssue } from '../../compiler/compile-issue';
import { followRun } from '../../jobs/follow-run';
import { checkPlanBudget, defaultRows, machineBudget, planCost } from '../../jobs/plan-budget';
import type { RunRow } from '../../jobs/run-store';
import { GraphRepo } from '../../storage/graph-repo';
import { runPredictionsCsv } from '../../storage/run-predictions';
import { createTRPCRouter, publicProcedure } from '../trpc';
import { documentInput } from './graphs';
import { browserRunSchema } from '../../../formats/browser-run';
import { recordBrowserRun } from '../../jobs/record-browser-run';

const runId = z.string().uuid();

function summary(r: RunRow) {
  return {
    id: r.id,
    status: r.status,
    graphId: r.graphId,
    graphVersion: r.graphVersion,
    graphName: r.graphName,
    device: r.device,
    backend: r.backend,
    worker: r.worker,
    attempts: r.attempts,
    retryOf: r.retryOf,
    sweepId: r.sweepId,
    sweepMember: r.sweepMember,
    result: storedResult(r.id, r.result),
    error: r.error,
    createdAt: r.createdAt,
    startedAt: r.startedAt,
    finishedAt: r.finishedAt,
  };
}

/** A stored result in the current format: format 1 (one seed) is lifted; something unreadable is logged, not thrown. */
function storedResult(runId: string, raw: unknown): RunResult | null {
  if (raw === null || raw === undefined) return null;
  try {
    return migrateRunResult(raw);
  } catch (error) {
    console.error(`run ${runId}: stored result is not a run result of any known format`, error);
    return null;
  }
}

function issueLine(i: CompileIssue): string {
  const where = [i.nodeId && `node ${i.nodeId}`, i.edgeId && `edge ${i.edgeId}`, i.field && `field ${i.field}`].filter(Boolean).join(', ');
  return `${where ? `${where}: ` : ''}${i.message}${i.hint ? ` (${i.hint})` : ''}`;
}

export class CompileFailed extends Error {
  constructor(readonly issues: readonly CompileIssue[]) {
    super(`The graph does not compile:\n${issues.slice(0, 30).map(issueLine).join('\n')}`);
    this.name = 'CompileFailed';
  }
}

export const runsRouter = createTRPCRouter({
  /** Compiles the graph (a document, or a saved graph's version) and queues the plan. */
  start: writeProcedure
    .input(
      z.union([
        z.object({ document: documentInput, graphId: z.string().max(100).optional(), graphVersion: z.number().int().min(1).optional() }),
        z.object({ graphId: z.string().min(1).max(100), version: z.number().int().min(1).optional() }),
      ]),
    )
    .mutation(async ({ ctx, input }) => {
      const services = await servicesOf(ctx);
      let document: unknown;
      let graphId: string | null = null;
      let graphVersion: number | null = null;
      if ('document' in input) {
        document = input.document;
        graphId = input.graphId ?? null;
        graphVersion = input.graphVersion ?? null;
      } else {
        const row = await new GraphRepo(services.db).getVersion(input.graphId, input.version);
        if (!row) throw new TRPCError({ code: 'NOT_FOUND', message: `No saved graph with id ${input.graphId}.` });
        document = row.document;
        graphId = row.id;
        graphVersion = row.version;
      }
      if (graphId && !(await new GraphRepo(services.db).getVersion(graphId, graphVersion ?? undefined))) graphId = graphVersion = null;
      const uploads = await uploadMetas(services.db);
      const compiled = compileGraph(document, { uploads });
      if (!compiled.ok) {
        const err = new CompileFailed(compiled.errors);
        throw new TRPCError({ code: 'BAD_REQUEST', message: err.message, cause: err });
      }
      // The compiler stays pure; what this machine can train is checked here, before anything is queued.
      const uploadRows = Object.fromEntries(Object.entries(uploads).map(([id, m]) => [id, m.rows]));
      const tooLarge = checkPlanBudget(planCost(compiled.plan, defaultRows(uploadRows)), machineBudget());
      if (tooLarge) throw new TRPCError({ code: 'BAD_REQUEST', message: `${tooLarge.message} ${tooLarge.hint}`, cause: tooLarge });
      const run = await services.store.create({ plan: compiled.plan, graphId, graphVersion });
      await services.jobs.enqueue(run);
      return { runId: run.id, warnings: compiled.warnings };
    }),

  list: publicProcedure.input(z.object({ limit: z.number().int().min(1).max(500).default(100) }).optional()).query(async ({ ctx, input }) => {
    const services = await servicesOf(ctx);
    const rows = await services.db.select().from(runs).orderBy(desc(runs.createdAt)).limit(input?.limit ?? 100);
    return rows.map(summary);
  }),

  get: publicProcedure.input(z.object({ id: runId })).query(async ({ ctx, input }) => {
    const services = await servicesOf(ctx);
    const row = await services.store.get(input.id);
    if (!row) throw new TRPCError({ code: 'NOT_FOUND', message: `No run with id ${input.id}.` });
    // A queued run's place in the queue: 1 + the queued runs created before it (first come, first served).
    let queuePosition: number | null = null;
    if (row.status === 'queued') {
      const [ahead] = await services.db.select({ n: count() }).from(runs).where(and(eq(runs.status, 'queued'), lt(runs.createdAt, row.createdAt)));
      queuePosition = (ahead?.n ?? 0) + 1;
    }
    return { ...summary(row), plan: row.plan as TrainingPlan, lastEventId: String(row.lastSeq), queuePosition };
  }),

  /** The target's predictions (held-out and unlabelled rows) as CSV text, for the run page's download. */
  predictions: publicProcedure.input(z.object({ id: runId })).query(async ({ ctx, input }) => {
    const found = await runPredictionsCsv((await servicesOf(ctx)).db, input.id);
    if (!found) throw new TRPCError({ code: 'NOT_FOUND', message: 'This run recorded no predictions (it has not finished its first model, or its target has no rows to predict).' });
    return found;
  }),

  /** A queued run is cancelled at once; a running one stops within one batch. */
  cancel: writeProcedure.input(z.object({ id: runId })).mutation(async ({ ctx, input }) => {
    const services = await servicesOf(ctx);
    const outcome = await services.jobs.cancel(input.id);
    if (outcome === 'unknown') throw new TRPCError({ code: 'NOT_FOUND', message: `No run with id ${input.id}.` });
    return { outcome, status: (await services.store.get(input.id))?.status };
  }),

  /** A run the visitor trained in their browser ("Save to server"): validated whole, stored finished, never queued. */
  saveBrowserRun: writeProcedure.input(browserRunSchema).mutation(async ({ ctx, input }) => {
    const services = await servicesOf(ctx);
    const graph = input.graphId ? await new GraphRepo(services.db).getVersion(input.graphId, input.graphVersion ?? undefined) : undefined;
    const id = await recordBrowserRun(services.db, { ...input, graphId: graph ? input.graphId : null, graphVersion: graph ? input.graphVersion : null });
    return { runId: id };
  }),

  /** A new run with the same plan (the old one's log stays as it was). */
  retry: writeProcedure.input(z.object({ id: runId })).mutation(async ({ ctx, input }) => {
    const services = await servicesOf(ctx);
    const old = await services.store.get(input.id);
    if (!old) throw new TRPCError({ code: 'NOT_FOUND', message: `No run with id ${input.id}.` });
    if (old.status === 'queued' || old.status === 'running') throw new TRPCError({ code: 'CONFLICT', message: `Run ${input.id} is still ${old.status}.` });
    const run = await services.store.create({ plan: old.plan as TrainingPlan, graphId: old.graphId, graphVersion: old.graphVersion, retryOf: old.id });
    await services.jobs.enqueue(run);
    return { runId: run.id };
  }),

  /**
   * Live progress: replays the stored events after lastEventId, then follows new ones; ends after the
   * run's terminal status event. Each event is tracked by its sequence number, so a reconnecting client
   * resumes where it left off.
   */
  events: publicProcedure.input(z.object({ runId, lastEventId: z.string().regex(/^\d+$/).max(12).nullish() })).subscription(async function* ({ ctx, input, signal }) {
    const services = await servicesOf(ctx);
    if (!(await services.store.get(input.runId))) throw new TRPCError({ code: 'NOT_FOUND', message: `No run with id ${input.runId}.` });
    for await (const e of followRun(services.store, services.events, input.runId, { afterSeq: Number(input.lastEventId ?? 0), signal })) {
      yield tracked(String(e.seq), e.event);
    }
  }),
});
