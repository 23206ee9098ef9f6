import { fetchRequestHandler } from '@trpc/server/adapters/fetch';
import { appRouter } from '../../../../server/api/root';
import { createTRPCContext } from '../../../../server/api/trpc';
import { accessFromHeaders } from '../../../../server/auth/gate';

// Training, the database and TF.js live in Node; subscriptions stream over SSE.
export const runtime = 'nodejs';
export const dynamic = 'force-dynamic';

function handler(req: Request): Promise<Response> {
  return fetchRequestHandler({
    endpoint: '/api/trpc',
    req,
    router: appRouter,
    // The gate in scripts/serve.ts sets the access level (read-only for share-link visitors).
    createContext: () => createTRPCContext({ access: accessFromHeaders(req.headers) }),
    // The client sends queries as POST (graph documents do not fit in a URL).
    allowMethodOverride: true,
    onError({ path, error }) {
      if (error.code === 'INTERNAL_SERVER_ERROR') console.error(`tRPC ${path ?? '?'}:`, error);
    },
  });
}

export { handler as GET, handler as POST };
