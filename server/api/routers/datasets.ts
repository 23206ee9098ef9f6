import { rm } from 'node:fs/promises';
import { TRPCError } from '@trpc/server';
import { desc, eq } from 'drizzle-orm';
import { z } from 'zod';
import { datasets } from '../../../db/schema';
import { servicesOf, writeProcedure } from '../../auth/procedures';
import { createTRPCRouter, publicProcedure } from '../trpc';

/** Uploaded data sets (the upload itself is POST /api/uploads; built-ins come from the node catalog). */
export const datasetsRouter = createTRPCRouter({
  list: publicProcedure.query(async ({ ctx }) => {
    const rows = await (await servicesOf(ctx)).db.select().from(datasets).orderBy(desc(datasets.createdAt));
    return {
      uploads: rows.map((r) => ({
        id: r.id,
        name: r.name,
        format: r.format,
        sizeBytes: r.sizeBytes,
        sha256: r.sha256,
        labelColumn: r.labelColumn,
        metadata: r.metadata as { width: number; classes: number; labelled: boolean; labelledRows: number; imageShape: [number, number, number] | null; rows: number; labelNames?: string[] },
        createdAt: r.createdAt,
      })),
    };
  }),

  delete: writeProcedure.input(z.object({ id: z.string().min(1).max(64) })).mutation(async ({ ctx, input }) => {
    const services = await servicesOf(ctx);
    const [row] = await services.db.delete(datasets).where(eq(datasets.id, input.id)).returning();
    if (!row) throw new TRPCError({ code: 'NOT_FOUND', message: `No uploaded data set with id ${input.id}.` });
    // Row first, then the file: a crash in between leaves an orphan file, never a row without its file.
    await rm(row.path, { force: true });
    return { deleted: true };
  }),
});
