import { fetchRequestHandler } from '@trpc/server/adapters/fetch';
import { guardApiRequest } from '../../../../server/api/guard-request';
import { appRouter } from '../../../../server/api/root';
import { createTRPCContext } from '../../../../server/api/trpc';
import { accessFromHeaders } from '../../../../server/auth/gate';

// Training, the database and TF.js live in Node; subscriptions stream over SSE.
export const runtime = 'nodejs';
export const dynamic = 'force-dynamic';

async function handler(request: Request): Promise<Response> {
  const req = await guardApiRequest(request);
  if (req instanceof Response) return req;
  return fetchRequestHandler({
    endpoint: '/api/trpc',
    req,
    router: appRouter,
    // The gate in scripts/serve.ts sets the access level (read-only for share-link visitors).
    createContext: () => createTRPCContext({ access: accessFromHeaders(req.headers) }),
    // The client sends queries as POST (graph documents do not fit in a URL).
    allowMethodOverride: true,
    // Internal errors are logged with their request id by the error formatter (server/api/trpc.ts).
  });
}

export { handler as GET, handler as POST };
