import { TRPCError } from '@trpc/server';
import { z } from 'zod';
import type { GraphDocument } from '../../../formats/graph-document';
import { servicesOf, writeProcedure } from '../../auth/procedures';
import { checkPlanBudget, defaultRows, machineBudget, planCost } from '../../jobs/plan-budget';
import type { Services } from '../../services';
import { GraphRepo } from '../../storage/graph-repo';
import { uploadMetas } from '../../storage/upload-meta';
import { compileSweep, memberDocument, type SweepAxisValues } from '../../sweeps/compile-sweep';
import { SweepStore } from '../../sweeps/sweep-store';
import { createTRPCRouter, publicProcedure } from '../trpc';
import { documentInput } from './graphs';
import { CompileFailed } from './runs';

const sweepId = z.string().uuid();
const sweepStore = (s: Services) => new SweepStore(s.db, s.store);

async function compiledSweep(services: Services, document: unknown) {
  const uploads = await uploadMetas(services.db);
  const compiled = compileSweep(document, { uploads });
  if (!compiled.ok) {
    const err = new CompileFailed(compiled.errors);
    throw new TRPCError({ code: 'BAD_REQUEST', message: err.message, cause: err });
  }
  // Every member must fit this machine (as runs.start checks one plan), before anything is stored.
  const rows = defaultRows(Object.fromEntries(Object.entries(uploads).map(([id, m]) => [id, m.rows])));
  for (const m of compiled.members) {
    const tooLarge = checkPlanBudget(planCost(m.plan, rows), machineBudget());
    if (tooLarge) throw new TRPCError({ code: 'BAD_REQUEST', message: `Sweep member ${m.index + 1}: ${tooLarge.message} ${tooLarge.hint}`, cause: tooLarge });
  }
  return compiled;
}

const startInput = z.union([
  z.object({ document: documentInput, graphId: z.string().max(100).optional(), graphVersion: z.number().int().min(1).optional() }),
  z.object({ graphId: z.string().min(1).max(100), version: z.number().int().min(1).optional() }),
]);

/** The document to sweep and the saved graph (version) it came from, if any. */
async function sweepSource(services: Services, input: z.infer<typeof startInput>) {
  const repo = new GraphRepo(services.db);
  if ('document' in input) {
    const known = input.graphId ? await repo.getVersion(input.graphId, input.graphVersion) : undefined;
    return { document: input.document, graphId: known?.id ?? null, graphVersion: known?.version ?? null };
  }
  const row = await repo.getVersion(input.graphId, input.version);
  if (!row) throw new TRPCError({ code: 'NOT_FOUND', message: `No saved graph with id ${input.graphId}.` });
  return { document: row.document as unknown, graphId: row.id, graphVersion: row.version };
}

export const sweepsRouter = createTRPCRouter({
  /** What a graph's sweeps compile to (member count, values) or why they do not: the editor's sweep check. */
  preview: publicProcedure.input(z.object({ document: documentInput })).query(async ({ ctx, input }) => {
    const compiled = compileSweep(input.document, { uploads: await uploadMetas((await servicesOf(ctx)).db) });
    if (!compiled.ok) return { ok: false as const, errors: compiled.errors, memberCount: 0, axes: [] as SweepAxisValues[] };
    return { ok: true as const, errors: [], memberCount: compiled.members.length, axes: compiled.axes };
  }),

  /** Compiles the sweep (refusing more than 200 members) and queues every member as its own run. */
  start: writeProcedure.input(startInput).mutation(async ({ ctx, input }) => {
    const services = await servicesOf(ctx);
    const source = await sweepSource(services, input);
    const compiled = await compiledSweep(services, source.document);
    const id = await sweepStore(services).start({ ...compiled, graphId: source.graphId, graphVersion: source.graphVersion }, services.jobs);
    return { sweepId: id, members: compiled.members.length, warnings: compiled.warnings };
  }),

  list: publicProcedure.query(async ({ ctx }) => {
    const rows = await sweepStore(await servicesOf(ctx)).list();
    return rows.map((r) => ({ id: r.id, name: r.name, memberCount: r.memberCount, createdAt: r.createdAt, graphId: r.graphId, statusCounts: r.statusCounts }));
  }),

  /** The sweep page: members with their scores, picks, oracle, gaps and rank correlations. */
  get: publicProcedure.input(z.object({ id: sweepId })).query(async ({ ctx, input }) => {
    const view = await sweepStore(await servicesOf(ctx)).view(input.id);
    if (!view) throw new TRPCError({ code: 'NOT_FOUND', message: `No sweep with id ${input.id}.` });
    return view;
  }),

  /** Cancels every member still queued or running. */
  cancel: writeProcedure.input(z.object({ id: sweepId })).mutation(async ({ ctx, input }) => {
    const services = await servicesOf(ctx);
    if (!(await sweepStore(services).cancel(input.id, services.jobs))) throw new TRPCError({ code: 'NOT_FOUND', message: `No sweep with id ${input.id}.` });
    return { cancelled: true };
  }),

  /** "Use this member": its values written into the graph (sweeps removed) as a new version of the swept graph. */
  useMember: writeProcedure.input(z.object({ id: sweepId, member: z.number().int().min(0).max(10_000) })).mutation(async ({ ctx, input }) => {
    const services = await servicesOf(ctx);
    const store = sweepStore(services);
    const [row, view] = [await store.row(input.id), await store.view(input.id)];
    if (!row || !view) throw new TRPCError({ code: 'NOT_FOUND', message: `No sweep with id ${input.id}.` });
    const member = view.summary.members.find((m) => m.index === input.member);
    if (!member) throw new TRPCError({ code: 'NOT_FOUND', message: `Sweep ${input.id} has no member ${input.member}.` });
    const document = memberDocument(row.document as GraphDocument, view.axes, member.values);
    const message = `From sweep: member ${input.member + 1} (${Object.entries(member.values).map(([k, v]) => `${k} = ${String(v)}`).join(', ')})`;
    const saved = await new GraphRepo(services.db).save({ id: row.graphId ?? undefined, document, message });
    const runId = view.runs.find((r) => r.index === input.member)?.runId ?? null;
    return { graphId: saved.id, version: saved.version, runId };
  }),
});
