export const dynamic = 'force-dynamic';

/** Liveness probe (and the cheapest authenticated URL for tests). */
export function GET(): Response {
  return Response.json({ ok: true });
}
