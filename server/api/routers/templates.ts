import { randomUUID } from 'node:crypto';
import { isDeepStrictEqual } from 'node:util';
import { TRPCError } from '@trpc/server';
import { and, desc, eq } from 'drizzle-orm';
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

/** A saved template as the gallery shows it. */
function savedEntry(r: typeof savedTemplates.$inferSelect, document: GraphDocument) {
  return { id: r.id, title: r.title, description: r.description, taxonomy: (r.taxonomy ?? 'feature-based') as Taxonomy, builtin: false, author: r.author, published: r.published, document };
}

const idInput = z.object({ id: z.string().min(1).max(100) });

/** Built-in templates ship with the app: they cannot be unpublished or deleted. */
function refuseBuiltin(id: string): void {
  if (getTemplate(id)) throw new TRPCError({ code: 'BAD_REQUEST', message: `“${id}” is a built-in template: it cannot be unpublished or deleted.` });
}

export const templatesRouter = createTRPCRouter({
  /** Built-in method templates first, then the user's saved ones (unpublished ones only when asked). */
  list: publicProcedure.input(z.object({ includeUnpublished: z.boolean().default(false) }).optional()).query(async ({ ctx, input }) => {
    const db = (await servicesOf(ctx)).db;
    const where = input?.includeUnpublished ? undefined : eq(savedTemplates.published, true);
    const rows = await db.select().from(savedTemplates).where(where).orderBy(desc(savedTemplates.createdAt));
    return [
      ...builtins.map((t) => ({ id: t.id, title: t.title, description: t.description, taxonomy: t.taxonomy as Taxonomy, builtin: true, author: null, published: true, document: t.document })),
      ...rows.flatMap((r) => {
        const document = readStored(r);
        return document ? [savedEntry(r, document)] : [];
      }),
    ];
  }),

  get: publicProcedure.input(z.object({ id: z.string().min(1).max(100) })).query(async ({ ctx, input }) => {
    const b = getTemplate(input.id);
    if (b) return { id: b.id, title: b.title, description: b.description, taxonomy: b.taxonomy as Taxonomy, builtin: true, author: null, published: true, document: b.document };
    const [row] = await (await servicesOf(ctx)).db.select().from(savedTemplates).where(eq(savedTemplates.id, input.id));
    const document = row ? readStored(row) : undefined;
    if (!row || !document) throw new TRPCError({ code: 'NOT_FOUND', message: `No template with id ${input.id}.` });
    return savedEntry(row, document);
  }),

  /** Saves a graph (a document, or a saved graph's newest version) as a user template. */
  saveAsTemplate: writeProcedure
    .input(
      z.object({
        title: z.string().trim().min(1).max(200),
        description: z.string().max(5000).default(''),
        author: z.string().trim().max(100).optional(),
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
      const text = graphText(document);
      if (text.length > 2_000_000) throw new TRPCError({ code: 'BAD_REQUEST', message: 'The graph is too large for a template.' });
      // Publishing the same graph under the same title twice keeps one gallery entry.
      const sameTitle = await services.db.select().from(savedTemplates).where(and(eq(savedTemplates.title, input.title), eq(savedTemplates.published, true)));
      // Stored as jsonb (keys reordered): compare as values, not text.
      const plain: unknown = JSON.parse(text);
      const twin = sameTitle.find((r) => isDeepStrictEqual(r.document, plain));
      if (twin) return { id: twin.id, duplicate: true };
      const id = `user-${randomUUID()}`;
      await services.db.insert(savedTemplates).values({
        id,
        title: input.title,
        description: input.description,
        author: input.author || null,
        taxonomy: input.taxonomy ?? document.metadata.taxonomy ?? null,
        formatVersion: GRAPH_VERSION,
        document,
      });
      return { id, duplicate: false };
    }),

  /** Takes a saved template out of the gallery (or puts it back); it is kept until deleted. */
  setPublished: writeProcedure.input(idInput.extend({ published: z.boolean() })).mutation(async ({ ctx, input }) => {
    refuseBuiltin(input.id);
    const rows = await (await servicesOf(ctx)).db.update(savedTemplates).set({ published: input.published }).where(eq(savedTemplates.id, input.id)).returning({ id: savedTemplates.id });
    if (rows.length === 0) throw new TRPCError({ code: 'NOT_FOUND', message: `No template with id ${input.id}.` });
    return { id: input.id, published: input.published };
  }),

  delete: writeProcedure.input(idInput).mutation(async ({ ctx, input }) => {
    refuseBuiltin(input.id);
    const rows = await (await servicesOf(ctx)).db.delete(savedTemplates).where(eq(savedTemplates.id, input.id)).returning({ id: savedTemplates.id });
    if (rows.length === 0) throw new TRPCError({ code: 'NOT_FOUND', message: `No template with id ${input.id}.` });
    return { deleted: true };
  }),
});
