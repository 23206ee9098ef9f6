import type { ResolvedUpload } from '../datasets/parse-upload';
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
      /** Where sweep members share baselines. */
      baselineCacheDir?: string;
      uploads: Record<string, ResolvedUpload>;
      /** Least time between checkpoints (a finished model always checkpoints). */
      checkpointEveryMs?: number;
      /** Embedded mode: the child writes checkpoints to this file itself (atomic rename) and sends only where it is. */
      checkpointFile?: string;
      /** Resume from the checkpoint stored in this file (resumeFrom then carries no data). */
      resumeFile?: string;
    }
  | { type: 'cancel' };

export type ChildMessage =
  | { type: 'event'; event: RunEvent }
  /** `data` travels over IPC only when no checkpoint file was given; else `file` names where it was written. */
  | { type: 'checkpoint'; data?: Uint8Array; file?: string; bytes: number; track: string; stage: number; epoch: number }
  | { type: 'result'; result: RunResult }
  | { type: 'error'; name: string; message: string };
