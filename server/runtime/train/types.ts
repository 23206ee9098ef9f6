import type * as tf from '@tensorflow/tfjs';
import type { RunEvent, RunTrack } from '../../../formats/run-events';
import type { PlanStage, TrainingPlan } from '../../../formats/training-plan';
import type { ForwardResult, Model, ModelSpec } from '../model/model';
import type { PreparedDomain } from './prepare-domain';

/** A domain's prepared rows plus their tensors (made once per run, freed at its end). */
export interface DomainData {
  readonly prepared: PreparedDomain;
  readonly trainX: tf.Tensor2D;
  readonly testX: tf.Tensor2D | null;
  readonly validationX: tf.Tensor2D | null;
}

/** Predicts classes of held-out rows: the model's head, or a boosting vote. */
export type Predictor = (x: tf.Tensor2D) => Int32Array;

/** Everything one track (the method or a baseline) needs while its stages run. */
export interface TrackState {
  readonly plan: TrainingPlan;
  readonly track: RunTrack;
  readonly seed: number;
  readonly signal: AbortSignal | undefined;
  readonly emit: (event: RunEvent) => void;
  readonly domains: ReadonlyMap<string, DomainData>;
  /** The target domain (evaluation) and the source domain(s). */
  readonly targetId: string;
  readonly sourceIds: readonly string[];
  readonly modelSpec: ModelSpec;
  /** Which head predicts the target's classes. */
  readonly evalHead: number;
  /** The model after the last stage (null before the first). */
  model: Model | null;
  /** Set by a boosting stage: its weighted vote replaces the model's own prediction. */
  predictor: Predictor | null;
  /** Work on freshly created weights (e.g. loading a pretrained extractor). */
  readonly initialiseModel?: (model: Model) => Promise<void>;
  /** Called after every epoch (checkpoint). */
  readonly onEpochEnd: (stageIndex: number, epoch: number, model: Model) => Promise<void>;
  /** When resuming: skip to this position and load these weights. */
  resume: { stage: number; epoch: number; weights: Map<string, tf.Tensor> } | null;
}

/** One step's batches, already forwarded through the model. */
export interface LossBatch {
  readonly model: Model;
  /** Labelled rows per head (absent for a head without rows in this stage). */
  readonly labelled: readonly ({ x: tf.Tensor2D; y: tf.Tensor1D; weights: tf.Tensor1D | null; fwd: ForwardResult } | null)[];
  /** Adaptation batches: the stage's source side and target side (all rows, labels unused). */
  readonly source: { x: tf.Tensor2D; fwd: ForwardResult } | null;
  readonly target: { x: tf.Tensor2D; fwd: ForwardResult } | null;
  /**
   * The same two sides as one forward pass over [source rows; target rows] (`ns` then `nt` rows): losses that
   * compare the domains read it whole instead of re-joining the halves. Null without a target side.
   */
  readonly pair: { fwd: ForwardResult; ns: number; nt: number } | null;
  /** Training progress p in [0, 1]. */
  readonly progress: number;
}

/** An extra loss term of a stage (MMD, domain-adversarial, conservative, reconstruction). */
export interface LossTerm {
  /** Key of the value in epoch metrics, e.g. 'mmd', 'domain'. */
  readonly name: string;
  /** Whether it needs source/target adaptation batches. */
  readonly needsAdaptation: boolean;
  /** Its own trainable variables (e.g. the domain classifier). */
  readonly variables: readonly tf.Variable[];
  /** The weighted term to add to the objective. */
  compute(batch: LossBatch): tf.Scalar;
  /** Extra per-epoch metrics, e.g. λ_p at the epoch's end. */
  metrics?(progress: number): Record<string, number> | Promise<Record<string, number>>;
  dispose(): void;
}

export interface LossContext {
  readonly stage: PlanStage;
  readonly state: TrackState;
  /** The model as it was when the stage began (conservative training's f_old). */
  readonly model: Model;
  readonly seed: number;
}

