import { inArray } from 'drizzle-orm';
import type { Db } from '../../db/client';
import { datasets } from '../../db/schema';
import type { UploadReadOptions } from '../../formats/upload-read-options';
import { readMeta, type DatasetRow } from './upload-meta';

/** How the run reads this upload: the stored CSV options (older rows: the label column), the image options. */
export function uploadReadOptions(row: DatasetRow): UploadReadOptions {
  const meta = readMeta(row);
  return {
    id: row.id,
    name: row.name,
    format: row.format,
    ...(meta.csv ? { csv: meta.csv } : row.labelColumn ? { labelColumn: row.labelColumn } : {}),
    ...(meta.image ? { image: meta.image } : {}),
    hasLabelsFile: meta.labelsPath !== undefined,
  };
}

/** The read options of the uploads `ids` that exist (unknown ids are left out). */
export async function readOptionsOf(db: Db, ids: readonly string[]): Promise<UploadReadOptions[]> {
  if (ids.length === 0) return [];
  const rows = await db.select().from(datasets).where(inArray(datasets.id, [...ids]));
  return rows.map(uploadReadOptions);
}
