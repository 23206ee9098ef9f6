import type { ResolvedUpload } from '../datasets/parse-upload';
import type { TrainingPlan } from '../../formats/training-plan';
import type { BackendName, RunEvent, RunResult } from '../../formats/run-events';

/**
 * The runtime's contract with the job system (server/jobs). `runPlan` in ./run-plan.ts implements it
 * in-process (its models × seeds in worker processes); server/jobs/forked-run-plan.ts runs it in a child process so
 * that no server event loop blocks.
 */
export interface Checkpoint {
  /** Opaque to the job system: serialised weights and the position (track, stage, epoch) reached. */
  readonly data: Uint8Array;
  readonly track: string;
  readonly stage: number;
  readonly epoch: number;
}

export interface RunOptions {
  /** Cancel: the run stops within one batch, frees its tensors and rejects with an AbortError. */
  readonly signal?: AbortSignal;
  readonly onEvent: (event: RunEvent) => void;
  /** Called at epoch boundaries; a re-queued run passes the last one back as `resumeFrom`. */
  readonly onCheckpoint?: (checkpoint: Checkpoint) => void | Promise<void>;
  readonly resumeFrom?: Checkpoint;
  /** Forces a backend; otherwise STEPSTONE_BACKEND, else GPU → CPU binding → WASM → pure JS. */
  readonly backend?: BackendName;
  /** Where uploaded data sets live (id → file path); built-ins need nothing. */
  readonly resolveUpload?: (id: string) => Promise<ResolvedUpload | undefined>;
  /** Where exported models are written. */
  readonly artifactDir?: string;
  /** Worker processes training models at once (models × seeds); default STEPSTONE_MODEL_WORKERS, else one per core. 1: in this process. */
  readonly parallelism?: number;
  /** Where a sweep member's shared baselines are kept (default STEPSTONE_BASELINE_CACHE_DIR, else <STEPSTONE_DATA_DIR>/baselines). */
  readonly baselineCacheDir?: string;
  /** Least time between two checkpoints while models train (a finished model always checkpoints); default 1000 ms. */
  readonly checkpointEveryMs?: number;
}

export type RunPlan = (plan: TrainingPlan, options: RunOptions) => Promise<RunResult>;
