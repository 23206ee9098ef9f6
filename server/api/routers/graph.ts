import { z } from 'zod';
import { migrateGraph } from '../../../formats/migrate-graph';
import { limits } from '../../../formats/limits';
import type { CompileContext, UploadMeta } from '../../compiler/compile-context';
import { compileGraph } from '../../compiler/compile-graph';
import type { CompileIssue } from '../../compiler/compile-issue';
import { referencedUploads } from '../../compiler/referenced-uploads';
import { createTRPCRouter, publicProcedure, type TRPCContext } from '../trpc';

/** Metadata of the caller's uploads by id; provided by whoever owns storage (the compiler never reads it). */
export type UploadLookup = (ctx: TRPCContext, ids: string[]) => Promise<Record<string, UploadMeta>>;

/** The document stays `unknown` here: the compiler parses it and reports problems per node and field. */
export const graphInput = z.object({ document: z.unknown() }).superRefine((input, ctx) => {
  let bytes: number;
  try {
    bytes = JSON.stringify(input.document ?? null)?.length ?? 0;
  } catch {
    ctx.addIssue({ code: 'custom', path: ['document'], message: 'the document is not plain JSON' });
    return;
  }
  if (bytes > limits.maxGraphBytes)
    ctx.addIssue({ code: 'custom', path: ['document'], message: `the graph is ${bytes} bytes; the limit is ${limits.maxGraphBytes} bytes` });
});

async function contextFor(document: unknown, ctx: TRPCContext, lookup: UploadLookup | undefined): Promise<CompileContext | CompileIssue> {
  const migrated = migrateGraph(document);
  const ids = migrated.ok ? referencedUploads(migrated.document) : [];
  if (!lookup || ids.length === 0) return {};
  try {
    return { uploads: await lookup(ctx, ids) };
  } catch {
    return { code: 'uploadsUnavailable', severity: 'error', message: 'Could not look up the uploaded data sets this graph uses.', hint: 'Try again in a moment.' };
  }
}

/** Compile or validate; errors come back as data (ok: false), never as a server error. */
async function check(document: unknown, ctx: TRPCContext, lookup: UploadLookup | undefined) {
  const context = await contextFor(document, ctx, lookup);
  if ('code' in context) return { ok: false as const, errors: [context], warnings: [], shapes: {} };
  const result = compileGraph(document, context);
  return result.ok ? { ...result, errors: [] as CompileIssue[] } : result;
}

export function createGraphRouter(deps: { uploads?: UploadLookup } = {}) {
  return createTRPCRouter({
    /** The checks only: for badges while editing. */
    validate: publicProcedure.input(graphInput).mutation(async ({ input, ctx }) => {
      const result = await check(input.document, ctx, deps.uploads);
      return { ok: result.ok, errors: result.errors, warnings: result.warnings, shapes: result.shapes };
    }),
    /** The checks and, when they pass, the TrainingPlan. */
    compile: publicProcedure.input(graphInput).mutation(({ input, ctx }) => check(input.document, ctx, deps.uploads)),
  });
}

/** Without upload look-ups; server/api/root.ts may mount `createGraphRouter({ uploads })` instead. */
export const graphRouter = createGraphRouter();
