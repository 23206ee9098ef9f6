import { inArray } from 'drizzle-orm';
import { datasets } from '../../db/schema';
import { servicesOf } from '../auth/procedures';
import type { UploadMeta } from '../compiler/compile-context';
import { createGraphRouter, type UploadLookup } from './routers/graph';
import { datasetsRouter } from './routers/datasets';
import { graphsRouter } from './routers/graphs';
import { nodesRouter } from './routers/nodes';
import { runsRouter } from './routers/runs';
import { sweepsRouter } from './routers/sweeps';
import { templatesRouter } from './routers/templates';
import { createTRPCRouter } from './trpc';

/** The compiler's view of the uploads a graph references (widths, classes), read from storage. */
const uploadLookup: UploadLookup = async (ctx, ids) => {
  const rows = await (await servicesOf(ctx)).db.select().from(datasets).where(inArray(datasets.id, ids));
  const out: Record<string, UploadMeta> = {};
  for (const r of rows) {
    const m = r.metadata as { width: number; classes: number; labelled: number; imageShape: [number, number, number] | null; rows: number };
    out[r.id] = { width: m.width, classes: m.classes, labelled: m.labelled > 0, imageShape: m.imageShape, rows: m.rows };
  }
  return out;
};

/**
 * The app's one router. Sub-routers: nodes (registry), graph (validate/compile), graphs (saved
 * graphs), runs (jobs + live events), templates (gallery), datasets (uploads).
 */
export const appRouter = createTRPCRouter({
  nodes: nodesRouter,
  graph: createGraphRouter({ uploads: uploadLookup }),
  graphs: graphsRouter,
  runs: runsRouter,
  sweeps: sweepsRouter,
  templates: templatesRouter,
  datasets: datasetsRouter,
});

export type AppRouter = typeof appRouter;
