import { TRPCError } from '@trpc/server';
import { publicProcedure, type TRPCContext } from '../api/trpc';
import { getServices, type Services } from '../services';

/** Services from the context (tests inject theirs) or the process-wide singleton. */
export async function servicesOf(ctx: TRPCContext): Promise<Services> {
  return ctx.services ?? getServices();
}

/** Procedures that change state: refused to read-only callers (share links). */
export const writeProcedure = publicProcedure.use(({ ctx, next }) => {
  if (ctx.access !== 'full') throw new TRPCError({ code: 'FORBIDDEN', message: 'This link is read-only: it cannot change anything.' });
  return next();
});
