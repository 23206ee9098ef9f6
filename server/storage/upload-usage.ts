import { and, eq, sql } from 'drizzle-orm';
import type { Db } from '../../db/client';
import { graphs, graphVersions } from '../../db/schema';

/** Saved graphs whose newest version has a domain node using upload `id` (their id and name). */
export async function graphsUsingUpload(db: Db, id: string): Promise<{ id: string; name: string }[]> {
  // The reference is the exact JSON string "upload:<id>" (ids are uuids: no LIKE wildcards in them).
  const needle = `%"upload:${id.replace(/[%_\\]/g, '')}"%`;
  return db
    .select({ id: graphs.id, name: graphs.name })
    .from(graphs)
    .innerJoin(graphVersions, and(eq(graphVersions.graphId, graphs.id), eq(graphVersions.version, graphs.latestVersion)))
    .where(sql`${graphVersions.text} like ${needle}`)
    .orderBy(graphs.name);
}
