import { rm } from 'node:fs/promises';
import { TRPCError } from '@trpc/server';
import { eq } from 'drizzle-orm';
import { z } from 'zod';
import { datasets } from '../../../db/schema';
import { csvOptionsSchema } from '../../../formats/csv-options';
import { safeString } from '../../../formats/safe-text';
import { servicesOf, writeProcedure } from '../../auth/procedures';
import { confirmStaged, discardStaged, restageUpload, stagedIdSchema } from '../../storage/staged-upload';
import { UploadError } from '../../storage/upload-error';
import { listUploads, publicUpload, readMeta } from '../../storage/upload-meta';
import { readOptionsOf } from '../../storage/upload-read-options';
import { graphsUsingUpload } from '../../storage/upload-usage';
import { createTRPCRouter, publicProcedure } from '../trpc';

const idInput = z.object({ id: z.string().min(1).max(64) });
const nameInput = safeString().trim().min(1, 'name is required').max(200);

/** An upload refusal as a tRPC error whose message keeps the file, line and column. */
async function asTrpc<T>(work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (err) {
    if (err instanceof UploadError) throw new TRPCError({ code: err.status === 500 ? 'INTERNAL_SERVER_ERROR' : 'BAD_REQUEST', message: err.message, cause: err });
    throw err;
  }
}

const notFound = (id: string) => new TRPCError({ code: 'NOT_FOUND', message: `No uploaded data set with id ${id}.` });

/** Uploaded data sets (the upload itself is POST /api/uploads; built-ins come from the node catalog). */
export const datasetsRouter = createTRPCRouter({
  list: publicProcedure.query(async ({ ctx }) => ({ uploads: await listUploads((await servicesOf(ctx)).db) })),

  /** One upload with its preview and the saved graphs that use it. */
  get: publicProcedure.input(idInput).query(async ({ ctx, input }) => {
    const { db } = await servicesOf(ctx);
    const [row] = await db.select().from(datasets).where(eq(datasets.id, input.id));
    if (!row) throw notFound(input.id);
    return { upload: publicUpload(row, true), usedBy: await graphsUsingUpload(db, row.id) };
  }),

  /**
   * How a browser run reads these uploads (the stored options; never paths). Full access only: a share link's
   * visitor gets the options of the shared graph's uploads from graphs.getShared and picks the files.
   */
  readOptions: publicProcedure.input(z.object({ ids: z.array(z.string().min(1).max(64)).max(50) })).query(async ({ ctx, input }) => {
    if (ctx.access !== 'full') throw new TRPCError({ code: 'FORBIDDEN', message: 'This link is read-only: it cannot read uploads from the server.' });
    return { uploads: await readOptionsOf((await servicesOf(ctx)).db, input.ids) };
  }),

  rename: writeProcedure.input(idInput.extend({ name: nameInput })).mutation(async ({ ctx, input }) => {
    const [row] = await (await servicesOf(ctx)).db.update(datasets).set({ name: input.name }).where(eq(datasets.id, input.id)).returning();
    if (!row) throw notFound(input.id);
    return publicUpload(row);
  }),

  /** Refused while saved graphs use it (the message lists them) unless `force`: then those graphs lose their data. */
  delete: writeProcedure.input(idInput.extend({ force: z.boolean().default(false) })).mutation(async ({ ctx, input }) => {
    const services = await servicesOf(ctx);
    const usedBy = await graphsUsingUpload(services.db, input.id);
    if (usedBy.length > 0 && !input.force) {
      const names = usedBy.map((g) => `“${g.name}”`).join(', ');
      throw new TRPCError({ code: 'CONFLICT', message: `This upload is used by ${usedBy.length} saved graph${usedBy.length === 1 ? '' : 's'}: ${names}. Delete anyway only if you mean those graphs to lose their data.` });
    }
    const [row] = await services.db.delete(datasets).where(eq(datasets.id, input.id)).returning();
    if (!row) throw notFound(input.id);
    // Row first, then the files: a crash in between leaves an orphan file, never a row without its file.
    const labelsPath = readMeta(row).labelsPath;
    await Promise.all([row.path, ...(labelsPath ? [labelsPath] : [])].map((p) => rm(p, { force: true })));
    return { deleted: true, usedBy };
  }),

  /** A staged upload parsed again with other CSV options: its new preview (or the refusal, with line and column). */
  restage: writeProcedure.input(z.object({ stagedId: stagedIdSchema, csv: csvOptionsSchema })).mutation(async ({ ctx, input }) => {
    const services = await servicesOf(ctx);
    return asTrpc(() => restageUpload(services.db, services.dataDir, input.stagedId, input.csv));
  }),

  /** Keeps a staged upload (parsed again by the same parser with the final options). */
  confirm: writeProcedure.input(z.object({ stagedId: stagedIdSchema, name: nameInput.optional(), csv: csvOptionsSchema.optional() })).mutation(async ({ ctx, input }) => {
    const services = await servicesOf(ctx);
    const row = await asTrpc(() => confirmStaged(services.db, services.dataDir, input.stagedId, { name: input.name, csv: input.csv }));
    return publicUpload(row);
  }),

  discard: writeProcedure.input(z.object({ stagedId: stagedIdSchema })).mutation(async ({ ctx, input }) => {
    await discardStaged((await servicesOf(ctx)).dataDir, input.stagedId);
    return { discarded: true };
  }),
});
