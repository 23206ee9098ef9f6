import { sql } from 'drizzle-orm';
import { getServices } from '../../../server/services';

export const dynamic = 'force-dynamic';

/** Liveness probe (and the cheapest authenticated URL for tests): ok only while the database answers. */
export async function GET(): Promise<Response> {
  try {
    const { db } = await getServices();
    await db.execute(sql`select 1`);
    return Response.json({ ok: true });
  } catch (err) {
    console.error('health: database unavailable:', err instanceof Error ? err.message : err);
    return Response.json({ ok: false, error: 'The database is not answering.' }, { status: 503 });
  }
}
