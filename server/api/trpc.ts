import { initTRPC } from '@trpc/server';
import { ZodError } from 'zod';
import type { Services } from '../services';

/**
 * tRPC set-up, create-t3-app style. The context carries the request's identity; services
 * (database, queue) are reached through `server/services.ts` so that tests can inject their own.
 */
export interface TRPCContext {
  /** Read-only callers (share links) may only query. */
  readonly access: 'full' | 'readOnly';
  /** Injected services (tests); absent → the process-wide singleton from server/services.ts. */
  readonly services?: Services;
}

export function createTRPCContext(opts: { access?: TRPCContext['access']; services?: Services } = {}): TRPCContext {
  return { access: opts.access ?? 'full', services: opts.services };
}

const t = initTRPC.context<TRPCContext>().create({
  errorFormatter({ shape, error }) {
    return {
      ...shape,
      data: {
        ...shape.data,
        // A flat list of zod issues, so that forms can attach each message to its field.
        zodIssues: error.cause instanceof ZodError ? error.cause.issues.map((i) => ({ path: i.path.map(String), message: i.message })) : null,
      },
    };
  },
});

export const createTRPCRouter = t.router;
export const createCallerFactory = t.createCallerFactory;
export const publicProcedure = t.procedure;
