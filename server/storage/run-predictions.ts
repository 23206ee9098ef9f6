import { and, desc, eq } from 'drizzle-orm';
import type { Db } from '../../db/client';
import { runEvents } from '../../db/schema';
import { predictionsCsv } from '../../formats/predictions';
import type { RunEvent } from '../../formats/run-events';

/** A run's recorded target predictions as CSV (formats/predictions.ts), or null when it recorded none. */
export async function runPredictionsCsv(db: Db, runId: string): Promise<{ csv: string; rows: number; domain: string } | null> {
  const [row] = await db
    .select({ payload: runEvents.payload })
    .from(runEvents)
    .where(and(eq(runEvents.runId, runId), eq(runEvents.type, 'predictions')))
    .orderBy(desc(runEvents.seq))
    .limit(1);
  if (!row) return null;
  const event = row.payload as Extract<RunEvent, { type: 'predictions' }>;
  return { csv: predictionsCsv(event.classNames, event.rows), rows: event.rows.length, domain: event.domain };
}
