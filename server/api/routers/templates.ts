import { randomUUID } from 'node:crypto';
import { TRPCError } from '@trpc/server';
import { desc, eq } from 'drizzle-orm';
import { z } from 'zod';
import { templates as savedTemplates } from '../../../db/schema';
import { GRAPH_VERSION, type GraphDocument } from '../../../formats/graph-document';
import { migrateGraph } from '../../../formats/migrate-graph';
import { getTemplate, templates as builtins } from '../../../templates';
import { servicesOf, writeProcedure } from '../../auth/procedures';
import { GraphRepo } from '../../storage/graph-repo';
import { graphText } from '../../storage/parse-graph-file';
import { createTRPCRouter, publicProcedure } from '../trpc';
import { checkDocument } from './graphs';

const taxonomies = ['parameter-based', 'instance-based', 'feature-based'] as const;
type Taxonomy = (typeof taxonomies)[number];

/** Saved templates are stored documents too: re-read through migrateGraph, so older ones open after upgrades. */
function readStored(row: typeof savedTemplates.$inferSelect): GraphDocument | undefined {
  const r = migrateGraph(row.document);
  return r.ok ? r.document : undefined;
}

export const templatesRouter = createTRPCRouter({
  /** Built-in method templates first, then the user's saved ones. */
  list: publicProcedure.query(async ({ ctx }) => {
    const rows = await (await servicesOf(ctx)).db.select().from(savedTemplates).orderBy(desc(savedTemplates.createdAt));
    return [
      ...builtins.map((t) => ({ id: t.id, title: t.title, description: t.description, taxonomy: t.taxonomy as Taxonomy, builtin: true, document: t.document })),
      ...rows.flatMap((r) => {
        const document = readStored(r);
        return document ? [{ id: r.id, title: r.title, description: r.description, taxonomy: (r.taxonomy ?? 'feature-based') as Taxonomy, builtin: false, document }] : [];
      }),
    ];
  }),

  get: publicProcedure.input(z.object({ id: z.string().min(1).max(100) })).query(async ({ ctx, input }) => {
    const b = getTemplate(input.id);
    if (b) return { id: b.id, title: b.title, description: b.description, taxonomy: b.taxonomy as Taxonomy, builtin: true, document: b.document };
    const [row] = await (await servicesOf(ctx)).db.select().from(savedTemplates).where(eq(savedTemplates.id, input.id));
    const document = row ? readStored(row) : undefined;
    if (!row || !document) throw new TRPCError({ code: 'NOT_FOUND', message: `No template with id ${input.id}.` });
    return { id: row.id, title: row.title, description: row.description, taxonomy: (row.taxonomy ?? 'feature-based') as Taxonomy, builtin: false, document };
  }),

  /** Saves a graph (a document, or a saved graph's newest version) as a user template. */
  saveAsTemplate: writeProcedure
    .input(
      z.object({
        title: z.string().min(1).max(200),
        description: z.string().max(5000).default(''),
        taxonomy: z.enum(taxonomies).optional(),
        document: z.unknown().optional(),
        graphId: z.string().min(1).max(100).optional(),
      }),
    )
    .mutation(async ({ ctx, input }) => {
      const services = await servicesOf(ctx);
      let document: GraphDocument;
      if (input.document !== undefined) document = checkDocument(input.document).document;
      else if (input.graphId) {
        const row = await new GraphRepo(services.db).getVersion(input.graphId);
        if (!row) throw new TRPCError({ code: 'NOT_FOUND', message: `No saved graph with id ${input.graphId}.` });
        document = row.document;
      } else throw new TRPCError({ code: 'BAD_REQUEST', message: 'Give either a document or a graphId.' });
      if (graphText(document).length > 2_000_000) throw new TRPCError({ code: 'BAD_REQUEST', message: 'The graph is too large for a template.' });
      const id = `user-${randomUUID()}`;
      await services.db.insert(savedTemplates).values({
        id,
        title: input.title,
        description: input.description,
        taxonomy: input.taxonomy ?? document.metadata.taxonomy ?? null,
        formatVersion: GRAPH_VERSION,
        document,
      });
      return { id };
    }),
});
