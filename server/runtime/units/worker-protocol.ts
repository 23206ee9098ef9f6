import type { RunEvent } from '../../../formats/run-events';
import type { UnitPosition, UnitRequest, UnitResult } from './unit-types';

/** Messages between run-units.ts and a unit-worker.ts thread. Data only (structured clone). */
export type ToWorker = { type: 'unit'; request: UnitRequest } | { type: 'cancel' };

export type FromWorker =
  /** Booted (modules loaded): ready for its first unit. */
  | { type: 'ready' }
  /** Events in order, batched (one message per batch, not per epoch: each message costs both processes). */
  | { type: 'events'; events: RunEvent[] }
  | { type: 'position'; track: UnitRequest['track']; seed: number; position: UnitPosition }
  | { type: 'result'; result: UnitResult }
  | { type: 'error'; name: string; message: string; nodeId?: string; field?: string };
