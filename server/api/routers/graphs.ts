import { TRPCError } from '@trpc/server';
import { z } from 'zod';
import { limits } from '../../../formats/limits';
import { migrateGraph } from '../../../formats/migrate-graph';
import type { GraphDocument } from '../../../formats/graph-document';
import { servicesOf, writeProcedure } from '../../auth/procedures';
import { referencedUploads } from '../../compiler/referenced-uploads';
import { GraphNotFound, GraphRepo } from '../../storage/graph-repo';
import { readOptionsOf } from '../../storage/upload-read-options';
import { GraphFileError, parseGraphFile } from '../../storage/parse-graph-file';
import { createTRPCRouter, publicProcedure } from '../trpc';

const idInput = z.object({ id: z.string().min(1).max(100) });
/** Documents arrive untrusted: bounded here, then migrated and validated by migrateGraph. */
export const documentInput = z.unknown().refine((d) => JSON.stringify(d ?? null).length <= limits.maxGraphBytes, `a graph may be at most ${limits.maxGraphBytes} bytes`);

export function checkDocument(raw: unknown): { document: GraphDocument; migratedFrom: number | null } {
  const r = migrateGraph(raw);
  if (!r.ok) {
    throw new TRPCError({
      code: 'BAD_REQUEST',
      message: `The graph document is not valid:\n${r.errors
        .slice(0, 20)
        .map((e) => `${e.path ? `${e.path}: ` : ''}${e.message}`)
        .join('\n')}`,
    });
  }
  return { document: r.document, migratedFrom: r.migratedFrom };
}

const notFound = (id: string) => new TRPCError({ code: 'NOT_FOUND', message: `No saved graph with id ${id}.` });
const noVersion = (id: string, version: number) => new TRPCError({ code: 'NOT_FOUND', message: `Graph ${id} has no version ${version}.` });

export const graphsRouter = createTRPCRouter({
  list: publicProcedure.query(async ({ ctx }) => new GraphRepo((await servicesOf(ctx)).db).list()),

  get: publicProcedure.input(idInput).query(async ({ ctx, input }) => {
    const row = await new GraphRepo((await servicesOf(ctx)).db).getVersion(input.id);
    if (!row) throw notFound(input.id);
    return { id: row.id, name: row.name, version: row.version, document: row.document, createdAt: row.createdAt };
  }),

  getVersion: publicProcedure.input(idInput.extend({ version: z.number().int().min(1) })).query(async ({ ctx, input }) => {
    const row = await new GraphRepo((await servicesOf(ctx)).db).getVersion(input.id, input.version);
    if (!row) throw noVersion(input.id, input.version);
    return { id: row.id, name: row.name, version: row.version, document: row.document, message: row.message, createdAt: row.createdAt };
  }),

  history: publicProcedure.input(idInput).query(async ({ ctx, input }) => {
    const rows = await new GraphRepo((await servicesOf(ctx)).db).history(input.id);
    if (rows.length === 0) throw notFound(input.id);
    return rows;
  }),

  /** Saves a new immutable version (a new graph when no id is given). */
  save: writeProcedure
    .input(z.object({ id: z.string().min(1).max(100).optional(), document: documentInput, message: z.string().max(500).optional() }))
    .mutation(async ({ ctx, input }) => {
      const { document } = checkDocument(input.document);
      try {
        return await new GraphRepo((await servicesOf(ctx)).db).save({ id: input.id, document, message: input.message });
      } catch (err) {
        if (err instanceof GraphNotFound) throw notFound(err.id);
        throw err;
      }
    }),

  delete: writeProcedure.input(idInput).mutation(async ({ ctx, input }) => {
    const deleted = await new GraphRepo((await servicesOf(ctx)).db).delete(input.id);
    if (!deleted) throw notFound(input.id);
    return { deleted: true };
  }),

  /**
   * Reads a graph file (untrusted): size limit, JSON errors with line and column, older versions migrated.
   * With `save`, stores it as a new graph; a bad file writes nothing.
   */
  importFile: writeProcedure
    .input(z.object({ text: z.string().max(limits.maxGraphBytes * 2), save: z.boolean().default(false) }))
    .mutation(async ({ ctx, input }) => {
      let parsed;
      try {
        parsed = parseGraphFile(input.text);
      } catch (err) {
        if (err instanceof GraphFileError) throw new TRPCError({ code: 'BAD_REQUEST', message: err.message, cause: err });
        throw err;
      }
      const saved = input.save ? await new GraphRepo((await servicesOf(ctx)).db).save({ document: parsed.document, message: 'imported' }) : null;
      return { document: parsed.document, migratedFrom: parsed.migratedFrom, saved };
    }),

  /** The exact stored JSON text of a version (the newest by default). */
  exportFile: publicProcedure.input(idInput.extend({ version: z.number().int().min(1).optional() })).query(async ({ ctx, input }) => {
    const row = await new GraphRepo((await servicesOf(ctx)).db).getVersion(input.id, input.version);
    if (!row) throw notFound(input.id);
    return { fileName: `${row.name.replace(/[^A-Za-z0-9_-]+/g, '-').replace(/^-|-$/g, '') || 'graph'}.stepstone.json`, text: row.text };
  }),

  /**
   * A read-only share link, pinned to a version (the newest unless `version` is given) or, with
   * `latest`, following the newest version. An active link with the same pin is reused.
   */
  share: writeProcedure
    .input(idInput.extend({ version: z.number().int().min(1).optional(), latest: z.boolean().default(false) }))
    .mutation(async ({ ctx, input }) => {
      const repo = new GraphRepo((await servicesOf(ctx)).db);
      const row = await repo.getVersion(input.id, input.version);
      if (!row) throw input.version ? noVersion(input.id, input.version) : notFound(input.id);
      const version = input.latest ? null : row.version;
      return { token: await repo.share(input.id, version), version };
    }),

  /** The graph's active share links (owners see and revoke them; visitors never reach this). */
  shareLinks: writeProcedure.input(idInput).query(async ({ ctx, input }) => new GraphRepo((await servicesOf(ctx)).db).shareLinks(input.id)),

  /** Revokes a share link: it stops opening at once. */
  revokeShare: writeProcedure.input(idInput.extend({ token: z.string().min(10).max(100) })).mutation(async ({ ctx, input }) => {
    const revoked = await new GraphRepo((await servicesOf(ctx)).db).revoke(input.id, input.token);
    if (!revoked) throw new TRPCError({ code: 'NOT_FOUND', message: 'No active share link with this token for this graph.' });
    return { revoked: true };
  }),

  /** Restores an older version by saving its document as the newest version (history is never rewritten). */
  restore: writeProcedure.input(idInput.extend({ version: z.number().int().min(1) })).mutation(async ({ ctx, input }) => {
    const repo = new GraphRepo((await servicesOf(ctx)).db);
    const row = await repo.getVersion(input.id, input.version);
    if (!row) throw noVersion(input.id, input.version);
    return repo.save({ id: input.id, document: row.document, message: `Restored version ${input.version}` });
  }),

  getShared: publicProcedure.input(z.object({ token: z.string().min(10).max(100) })).query(async ({ ctx, input }) => {
    const services = await servicesOf(ctx);
    const row = await new GraphRepo(services.db).getShared(input.token);
    if (!row) throw new TRPCError({ code: 'NOT_FOUND', message: 'This share link does not exist or was revoked.' });
    // How the shared graph's uploads are read (options and names, never their data or paths): a visitor running it
    // in the browser picks each file and it is parsed as the owner's run parses it.
    const uploads = await readOptionsOf(services.db, referencedUploads(row.document));
    return { name: row.name, version: row.version, pinned: row.pinned, document: row.document, readOnly: true as const, uploads };
  }),
});
