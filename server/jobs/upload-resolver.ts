import { eq } from 'drizzle-orm';
import type { Db } from '../../db/client';
import { datasets } from '../../db/schema';
import type { ResolvedUpload } from '../datasets/parse-upload';
import type { RunOptions } from '../runtime/run-plan-api';
import { readMeta } from '../storage/upload-meta';

/** Upload id → its stored file, for the trainer (RunOptions.resolveUpload). IDX uploads add labelsPath. */
export function uploadResolver(db: Db): NonNullable<RunOptions['resolveUpload']> {
  return async (id) => {
    const [row] = await db.select().from(datasets).where(eq(datasets.id, id));
    if (!row) return undefined;
    const meta = readMeta(row);
    // Read exactly as it was when uploaded: the stored CSV options (older rows: the label column).
    const resolved: ResolvedUpload = { path: row.path, format: row.format, fileName: row.name };
    if (meta.csv) resolved.csv = meta.csv;
    else if (row.labelColumn) resolved.labelColumn = row.labelColumn;
    if (meta.labelsPath) resolved.labelsPath = meta.labelsPath;
    if (meta.image) resolved.image = meta.image;
    return resolved;
  };
}
