import type { ModelFile } from '../model/model-artifacts';
import type { BackendName, ModelScores, RunEvent, RunTrack } from '../../../formats/run-events';
import type { TrainingPlan } from '../../../formats/training-plan';
import type { ResolvedUpload } from '../../datasets/load-dataset';
import type { StageSnapshot } from '../train/types';
import type { ValidatorScores } from '../../../formats/validators';
import type { ValidatorPoint } from '../validators/validator-tracker';

/**
 * A unit of a run's work: one model (the method or one baseline) trained on one seed. Units are independent —
 * each loads its own data split for its seed — so they can train in parallel worker processes. Everything here is data
 * (structured-clone safe), because requests and results cross process boundaries.
 */
export interface UnitRequest {
  readonly plan: TrainingPlan;
  readonly track: RunTrack;
  readonly seed: number;
  /** 0 for the first seed: it also draws the pictures and exports the method's model. */
  readonly seedIndex: number;
  readonly backend?: BackendName;
  readonly artifactDir?: string;
  /** Uploaded data sets the plan uses, resolved up front (workers cannot call back for them). */
  readonly uploads: Readonly<Record<string, ResolvedUpload>>;
  /** Where to pick up after an interrupted run: the stage, epoch and weights reached. */
  readonly resume?: UnitPosition;
  /** Least time between two position reports (each reads every weight back from the backend); null: the run keeps no checkpoints, never report. */
  readonly positionEveryMs: number | null;
}

/** A unit's position mid-training (what a checkpoint keeps of it). */
export interface UnitPosition {
  readonly stage: number;
  readonly epoch: number;
  readonly weights: ReadonlyMap<string, { shape: number[]; values: Float32Array }>;
  /** The stage's optimiser, loss-term and batch-order state (absent in checkpoints of format 2: inexact resume). */
  readonly stageState?: StageSnapshot;
  /** Validator points already scored (absent before checkpoint format 4: the resumed unit's curve starts there). */
  readonly validatorCurve?: readonly ValidatorPoint[];
}

export interface UnitResult {
  readonly track: RunTrack;
  readonly seed: number;
  /** Optimiser steps the model took (all gradient stages; one learner's fit for boosting). */
  readonly steps: number;
  readonly scores: ModelScores;
  /** Source vs target on this model's feature layer, after training. */
  readonly featureDistance?: { mmd?: number; proxyA?: number };
  /** Per reported epoch, every stage in order: the adaptation term ('mmd' or 'domain') and the domain accuracy. */
  readonly curves: { adaptation: number[]; domainAccuracy: number[] };
  readonly artifacts: { name: string; path: string }[];
  /** Validator scores at the K evenly spaced points of training, the end last (absent in older checkpoints). */
  readonly validatorCurve?: readonly { progress: number; scores: ValidatorScores }[];
}

/** How a unit talks back while it trains. */
export interface UnitContext {
  readonly signal?: AbortSignal;
  readonly emit: (event: RunEvent) => void;
  /** After each epoch: the unit's position (the run combines them into one checkpoint). */
  readonly onPosition?: (position: UnitPosition) => void | Promise<void>;
  /** Where an export node's files go when there is no artifact folder (a browser run: offered as a download). */
  readonly onModelFiles?: (name: string, files: ModelFile[]) => void;
}

export const unitKey = (track: RunTrack, seed: number): string => `${track}@${seed}`;
