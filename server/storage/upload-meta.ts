import { inArray } from 'drizzle-orm';
import type { Db } from '../../db/client';
import { datasets } from '../../db/schema';
import type { UploadMeta } from '../compiler/compile-context';

type StoredMeta = { width: number; classes: number; labelled: boolean | number; imageShape: [number, number, number] | null; rows: number };

/** Upload id → what the compiler needs (it never reads storage itself). All uploads when `ids` is absent. */
export async function uploadMetas(db: Db, ids?: readonly string[]): Promise<Record<string, UploadMeta>> {
  if (ids && ids.length === 0) return {};
  const q = db.select().from(datasets);
  const rows = ids ? await q.where(inArray(datasets.id, [...ids])) : await q.limit(1000);
  const out: Record<string, UploadMeta> = {};
  for (const r of rows) {
    const m = r.metadata as StoredMeta;
    // `labelled` is a boolean (older rows: a count).
    out[r.id] = { width: m.width, classes: m.classes, labelled: typeof m.labelled === 'boolean' ? m.labelled : m.labelled > 0, imageShape: m.imageShape, rows: m.rows };
  }
  return out;
}
