import { eq } from 'drizzle-orm';
import type { Db } from '../../db/client';
import { datasets } from '../../db/schema';
import type { ResolvedUpload } from '../datasets/parse-upload';
import type { RunOptions } from '../runtime/run-plan-api';
import { readMeta } from '../storage/upload-meta';
import { uploadReadOptions } from '../storage/upload-read-options';

/** Upload id → its stored file, for the trainer (RunOptions.resolveUpload). IDX uploads add labelsPath. */
export function uploadResolver(db: Db): NonNullable<RunOptions['resolveUpload']> {
  return async (id) => {
    const [row] = await db.select().from(datasets).where(eq(datasets.id, id));
    if (!row) return undefined;
    // Read exactly as it was when uploaded: the stored options (a browser run gets the same, upload-read-options.ts).
    const { csv, labelColumn, image } = uploadReadOptions(row);
    const resolved: ResolvedUpload = { path: row.path, format: row.format, fileName: row.name };
    if (csv) resolved.csv = csv;
    if (labelColumn) resolved.labelColumn = labelColumn;
    if (image) resolved.image = image;
    const labelsPath = readMeta(row).labelsPath;
    if (labelsPath) resolved.labelsPath = labelsPath;
    return resolved;
  };
}
