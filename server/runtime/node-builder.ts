import type { ModelPreprocessing } from '../../formats/model-preprocessing';
import type { EvalMetrics } from '../../formats/run-events';
import type { PlanDomain, PlanExtractor, PlanHead, PlanLoss, PlanStage } from '../../formats/training-plan';
import type { LoadDatasetOptions } from '../datasets/load-dataset';
import type { ResolvedUpload } from '../datasets/parse-upload';
import type { Model, HeadSpec, ModelSpec } from './model/model';
import type { PreparedDomain } from './train/prepare-domain';
import type { LossContext, LossTerm, TrackState } from './train/types';
import type { Ensemble } from './boosting/ensemble';

export interface StageRunContext {
  readonly stage: PlanStage;
  readonly stageIndex: number;
  readonly state: TrackState;
  /** Builds the loss terms of the stage through the loss kinds' builders. */
  readonly buildLosses: (stage: PlanStage, model: Model) => LossTerm[];
}

export interface ExportContext {
  readonly model: Model;
  readonly headIndex: number;
  readonly artifactDir: string;
  readonly name: string;
  /** TrAdaBoost's vote: exported in place of `model` when present. */
  readonly ensemble?: Ensemble;
  /** Written beside the model as preprocessing.json (columns, scaling, class names) for `npm run predict`. */
  readonly preprocessing?: ModelPreprocessing;
}

/** Loss terms: a plan loss item naming this kind becomes a term of the objective. */
interface LossPart {
  readonly buildLoss: (loss: PlanLoss, ctx: LossContext) => LossTerm;
}

/** Stages: a plan stage naming this kind is run by it, leaving the trained model (or a vote) in the track state. */
interface StagePart {
  readonly runStage: (ctx: StageRunContext) => Promise<void>;
}

/**
 * What the runtime does for one node kind, by the role the kind plays in a plan. A kind with a second part
 * provides it as well: an autoencoder extractor its pre-training stage and reconstruction term, conservative
 * training (a stage) its own loss term.
 */
export type NodeBuilder<K extends string = string> =
  | { readonly type: K; readonly role: 'data'; readonly loadDomain: (domain: PlanDomain, seed: number, options: LoadDatasetOptions) => Promise<PreparedDomain> }
  | ({
      readonly type: K;
      readonly role: 'extractor';
      /** The extractor part of the model spec, checked against the domains feeding it. */
      readonly extractorSpec: (extractor: PlanExtractor, domains: readonly PlanDomain[]) => ModelSpec['extractor'];
      /** Checks that need the file system, run before any data is loaded or trained. */
      readonly preflight?: (extractor: PlanExtractor, artifactDir: string | undefined) => Promise<unknown>;
      /** Completes the spec with what must be loaded first (an uploaded model); the caller disposes what it holds. */
      readonly prepare?: (spec: ModelSpec['extractor'], extractor: PlanExtractor, uploads: Readonly<Record<string, ResolvedUpload>>) => Promise<ModelSpec['extractor']>;
      /** Work after weights are created, e.g. loading a pretrained artifact. */
      readonly initialise?: (model: Model, extractor: PlanExtractor, artifactDir: string | undefined) => Promise<void>;
    } & Partial<LossPart & StagePart>)
  | { readonly type: K; readonly role: 'head'; readonly headSpecs: (head: PlanHead) => HeadSpec[] }
  | ({ readonly type: K; readonly role: 'loss' } & LossPart)
  | ({ readonly type: K; readonly role: 'stage' } & StagePart & Partial<LossPart>)
  | { readonly type: K; readonly role: 'evaluation'; readonly evaluate: (pred: ArrayLike<number>, y: ArrayLike<number>, metrics: readonly string[]) => EvalMetrics }
  | { readonly type: K; readonly role: 'export'; readonly exportModel: (ctx: ExportContext) => Promise<string> };
