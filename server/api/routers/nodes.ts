import { nodeCatalogJson } from '../../../nodes/registry';
import { createTRPCRouter, publicProcedure } from '../trpc';

export const nodesRouter = createTRPCRouter({
  /** Every node kind with its ports, params (JSON Schema), defaults and docs: the palette and forms. */
  list: publicProcedure.query(() => nodeCatalogJson()),
});
