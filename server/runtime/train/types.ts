import type * as tf from '@tensorflow/tfjs';
import type { RunEvent, RunTrack } from '../../../formats/run-events';
import type { PlanStage, TrainingPlan } from '../../../formats/training-plan';
import type { Ensemble } from '../boosting/ensemble';
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
export type Predictor = (x: tf.Tensor2D) => Promise<Int32Array>;

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
  /** Set by a boosting stage: the voting rounds' models (exported instead of `model`; the track frees them). */
  ensemble?: Ensemble | null;
  /** Work on freshly created weights (e.g. loading a pretrained extractor). */
  readonly initialiseModel?: (model: Model) => Promise<void>;
  /**
   * Called at every progress report (checkpoint, validators); `epochs`: the stage's epoch count; `stageState`
   * reads what the stage needs beyond the weights.
   */
  readonly onEpochEnd: (stageIndex: number, epoch: number, model: Model, epochs?: number, stageState?: () => Promise<StageSnapshot>) => Promise<void>;
  /** When resuming: skip to this position and load these weights (and the stage's own state, when kept). */
  resume: { stage: number; epoch: number; weights: Map<string, tf.Tensor>; stageState?: StageSnapshot } | null;
}

/**
 * A stage's state beyond the model's weights, as host data: the batch order's generator, Adam's running powers,
 * and named tensors — 'optimizer/m', 'optimizer/v' (Adam's moments over the flat vector), 'term/<k>/<i>' (loss
 * term k's i-th variable, e.g. the DANN domain classifier) and 'term/<k>/<name>' from a term's own `checkpoint`
 * (conservative training's f_old). With it a resumed stage continues bit for bit.
 */
export interface StageSnapshot {
  readonly rng: number;
  readonly adam: { readonly accBeta1: number; readonly accBeta2: number } | null;
  readonly tensors: ReadonlyMap<string, { shape: number[]; values: Float32Array }>;
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
  /** State kept across an interruption beyond `variables` (named tensors), and how to put it back. */
  checkpoint?(): Map<string, tf.Tensor>;
  restore?(saved: ReadonlyMap<string, tf.Tensor>): void;
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

