import type { RunEvent } from '../../../formats/run-events';
import type { TrainingPlan } from '../../../formats/training-plan';
import { finalResult } from './browser-run-file';

/**
 * A run trained in this browser, kept in this browser (IndexedDB, local-run-store.ts) so that its page,
 * /runs/local/<id>, survives a reload. Versioned: a record is read through {@link readLocalRun}.
 */
const LOCAL_RUN_FORMAT = 'stepstone.local-run' as const;
export const LOCAL_RUN_VERSION = 1 as const;

type LocalRunStatus = 'succeeded' | 'failed' | 'cancelled';

export interface LocalRunRecord {
  readonly format: typeof LOCAL_RUN_FORMAT;
  readonly version: typeof LOCAL_RUN_VERSION;
  readonly id: string;
  /** ISO time the run ended. */
  readonly endedAt: string;
  readonly status: LocalRunStatus;
  readonly error: string | null;
  /** Whether the visitor who ran it had access (may save it to the server). */
  readonly canSave: boolean;
  readonly graphId: string | null;
  readonly graphVersion: number | null;
  readonly plan: TrainingPlan;
  readonly events: readonly RunEvent[];
}

/** What the list shows of a record. */
export interface LocalRunSummary {
  readonly id: string;
  readonly graphName: string;
  readonly endedAt: string;
  readonly status: LocalRunStatus;
  readonly backend: string | null;
  readonly accuracy: number | null;
}

export function localRunRecord(input: Omit<LocalRunRecord, 'format' | 'version'>): LocalRunRecord {
  return { format: LOCAL_RUN_FORMAT, version: LOCAL_RUN_VERSION, ...input };
}

/**
 * A stored record as this version reads it, or why it cannot be read. Version 1 is the first: later versions add
 * their migration here (as formats/migrate-plan.ts does); a record from a newer Stepstone is refused by name.
 */
export function readLocalRun(raw: unknown): { ok: true; record: LocalRunRecord } | { ok: false; reason: string } {
  const r = raw as Partial<LocalRunRecord> | null;
  if (!r || typeof r !== 'object' || r.format !== LOCAL_RUN_FORMAT) return { ok: false, reason: 'This is not a run kept by Stepstone.' };
  if (typeof r.version !== 'number' || r.version > LOCAL_RUN_VERSION) return { ok: false, reason: `This run was kept by a newer Stepstone (record version ${String(r.version)}; this one reads up to ${LOCAL_RUN_VERSION}).` };
  if (typeof r.id !== 'string' || !r.plan || !Array.isArray(r.events)) return { ok: false, reason: 'This kept run is incomplete (no plan or events).' };
  return { ok: true, record: r as LocalRunRecord };
}

export function summarise(r: LocalRunRecord): LocalRunSummary {
  const started = r.events.find((e) => e.type === 'started');
  const result = finalResult(r.events);
  return {
    id: r.id,
    graphName: r.plan.graphName,
    endedAt: r.endedAt,
    status: r.status,
    backend: started?.type === 'started' ? started.backend : null,
    accuracy: result?.models.method.splits.test?.accuracy.mean ?? null,
  };
}
