import { graphRouter } from './routers/graph';
import { nodesRouter } from './routers/nodes';
import { createCallerFactory, createTRPCRouter } from './trpc';

/**
 * The app's one router. Sub-routers: nodes (registry), graph (validate/compile), graphs (saved
 * graphs), runs (jobs + live events), templates (gallery), datasets (catalog + uploads).
 */
export const appRouter = createTRPCRouter({
  nodes: nodesRouter,
  graph: graphRouter,
});

export type AppRouter = typeof appRouter;

/** Server-side caller (tests, CLI): `createCaller(createTRPCContext())`. */
export const createCaller = createCallerFactory(appRouter);
