import { randomUUID } from 'node:crypto';
import { initTRPC, TRPCError } from '@trpc/server';
import { ZodError } from 'zod';
import { findInputProblem } from '../../formats/safe-text';
import { PlanTooLargeError } from '../jobs/plan-budget';
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
  errorFormatter({ shape, error, path }) {
    if (error.code === 'INTERNAL_SERVER_ERROR') {
      // Never echo the cause (it may quote SQL and every parameter): log it under an id, return the id.
      const requestId = randomUUID();
      console.error(`tRPC ${path ?? '?'} failed (request id ${requestId}):`, error.cause ?? error);
      return {
        ...shape,
        message: `Something went wrong on the server; nothing was changed. Request id: ${requestId}.`,
        data: { code: shape.data.code, httpStatus: shape.data.httpStatus, path: shape.data.path, requestId, zodIssues: null },
      };
    }
    const { stack: _stack, ...data } = shape.data;
    return {
      ...shape,
      data: {
        ...data,
        // A plan beyond this machine's budget: the code, the hint, and the estimate (runs.start).
        planTooLarge: error.cause instanceof PlanTooLargeError ? { code: error.cause.code, hint: error.cause.hint, cost: error.cause.cost, budget: error.cause.budget } : null,
        // A flat list of zod issues, so that forms can attach each message to its field.
        zodIssues: error.cause instanceof ZodError ? error.cause.issues.map((i) => ({ path: i.path.map(String), message: i.message })) : null,
      },
    };
  },
});

export const createTRPCRouter = t.router;
export const createCallerFactory = t.createCallerFactory;
/**
 * Every procedure checks its raw input before the schema parses it: no NUL or unpaired surrogate in any
 * string or key (the database would refuse them with a 500), and no nesting past limits.maxJsonDepth.
 */
const inputGuard = t.middleware(async ({ getRawInput, next }) => {
  const problem = findInputProblem(await getRawInput());
  if (problem) throw new TRPCError({ code: 'BAD_REQUEST', message: `${problem.path === '' ? 'input' : problem.path}: ${problem.message}` });
  return next();
});

export const publicProcedure = t.procedure.use(inputGuard);
