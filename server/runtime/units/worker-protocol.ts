import type { RunEvent } from '../../../formats/run-events';
import type { UnitPosition, UnitRequest, UnitResult } from './unit-types';

/** Messages between run-units.ts and a unit-worker.ts thread. Data only (structured clone). */
export type ToWorker = { type: 'unit'; request: UnitRequest } | { type: 'cancel' };

export type FromWorker =
  | { type: 'event'; event: RunEvent }
  | { type: 'position'; track: UnitRequest['track']; seed: number; position: UnitPosition }
  | { type: 'result'; result: UnitResult }
  | { type: 'error'; name: string; message: string; nodeId?: string; field?: string };
