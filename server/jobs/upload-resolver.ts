import { eq } from 'drizzle-orm';
import type { Db } from '../../db/client';
import { datasets } from '../../db/schema';
import type { RunOptions } from '../runtime/run-plan-api';

type Resolved = NonNullable<Awaited<ReturnType<NonNullable<RunOptions['resolveUpload']>>>>;

/** Upload id → its stored file, for the trainer (RunOptions.resolveUpload). IDX uploads add labelsPath. */
export function uploadResolver(db: Db): NonNullable<RunOptions['resolveUpload']> {
  return async (id) => {
    const [row] = await db.select().from(datasets).where(eq(datasets.id, id));
    if (!row) return undefined;
    const meta = row.metadata as { labelsPath?: string };
    const resolved: Resolved & { labelsPath?: string; fileName?: string } = { path: row.path, format: row.format, labelColumn: row.labelColumn ?? undefined, fileName: row.name };
    if (meta.labelsPath) resolved.labelsPath = meta.labelsPath;
    return resolved;
  };
}
