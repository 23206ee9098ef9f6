import { servicesOf } from '../auth/procedures';
import { uploadMetas } from '../storage/upload-meta';
import { createGraphRouter, type UploadLookup } from './routers/graph';
import { datasetsRouter } from './routers/datasets';
import { graphsRouter } from './routers/graphs';
import { nodesRouter } from './routers/nodes';
import { runsRouter } from './routers/runs';
import { sweepsRouter } from './routers/sweeps';
import { templatesRouter } from './routers/templates';
import { createTRPCRouter } from './trpc';

/** The compiler's view of the uploads a graph references (widths, classes), read from storage. */
const uploadLookup: UploadLookup = async (ctx, ids) => uploadMetas((await servicesOf(ctx)).db, ids);

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
