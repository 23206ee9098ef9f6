import { eq } from 'drizzle-orm';
import type { Db } from '../../db/client';
import { datasets } from '../../db/schema';
import type { RunOptions } from '../runtime/run-plan-api';

/** Upload id → its stored file, for the trainer (RunOptions.resolveUpload). */
export function uploadResolver(db: Db): NonNullable<RunOptions['resolveUpload']> {
  return async (id) => {
    const [row] = await db.select().from(datasets).where(eq(datasets.id, id));
    return row ? { path: row.path, format: row.format, labelColumn: row.labelColumn ?? undefined } : undefined;
  };
}
