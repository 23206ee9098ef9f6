import { createCallerFactory, createTRPCRouter } from './trpc';

/**
 * The app's one router. Sub-routers: nodes (registry), graph (validate/compile), graphs (saved
 * graphs), runs (jobs + live events), templates (gallery), datasets (catalog + uploads).
 */
export const appRouter = createTRPCRouter({});

export type AppRouter = typeof appRouter;

/** Server-side caller (tests, CLI): `createCaller(createTRPCContext())`. */
export const createCaller = createCallerFactory(appRouter);
