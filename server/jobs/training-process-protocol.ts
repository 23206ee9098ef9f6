import type { BackendName, RunEvent, RunResult } from '../../formats/run-events';
import type { TrainingPlan } from '../../formats/training-plan';
import type { Checkpoint } from '../runtime/run-plan-api';

/** IPC between the job runner (parent) and training-process.ts (child). Data only. */
export type ParentMessage =
  | {
      type: 'start';
      plan: TrainingPlan;
      resumeFrom?: Checkpoint;
      backend?: BackendName;
      artifactDir?: string;
      uploads: Record<string, { path: string; format: 'csv' | 'idx'; labelColumn?: string }>;
    }
  | { type: 'cancel' };

export type ChildMessage =
  | { type: 'event'; event: RunEvent }
  | { type: 'checkpoint'; data: Uint8Array; track: string; stage: number; epoch: number }
  | { type: 'result'; result: RunResult }
  | { type: 'error'; name: string; message: string };
