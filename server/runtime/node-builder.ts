import type { EvalMetrics } from '../../formats/run-events';
import type { PlanDomain, PlanExtractor, PlanHead, PlanLoss, PlanStage } from '../../formats/training-plan';
import type { LoadDatasetOptions } from '../datasets/load-dataset';
import type { Model, HeadSpec, ModelSpec } from './model/model';
import type { PreparedDomain } from './train/prepare-domain';
import type { LossContext, LossTerm, TrackState } from './train/types';
import type { Ensemble } from './boosting/ensemble';

/** What the runtime does for one node kind. Roles say which part of a plan the kind provides. */
export type BuilderRole = 'data' | 'layers' | 'loss' | 'stage' | 'evaluation' | 'export';

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
}

export interface NodeBuilder<K extends string = string> {
  readonly type: K;
  readonly role: BuilderRole;
  /** data: loads the domain's data set and applies its split and labels policy. */
  readonly loadDomain?: (domain: PlanDomain, seed: number, options: LoadDatasetOptions) => Promise<PreparedDomain>;
  /** layers (extractors): the extractor part of the model spec, checked against the domains feeding it. */
  readonly extractorSpec?: (extractor: PlanExtractor, domains: readonly PlanDomain[]) => ModelSpec['extractor'];
  /** layers (extractors): checks that need the file system, run before any data is loaded or trained. */
  readonly preflight?: (extractor: PlanExtractor, artifactDir: string | undefined) => Promise<unknown>;
  /** layers (extractors): work after weights are created, e.g. loading a pretrained artifact. */
  readonly initialise?: (model: Model, extractor: PlanExtractor, artifactDir: string | undefined) => Promise<void>;
  /** layers (heads): the head(s) of the model spec. */
  readonly headSpecs?: (head: PlanHead) => HeadSpec[];
  /** loss: a term of the objective. */
  readonly buildLoss?: (loss: PlanLoss, ctx: LossContext) => LossTerm;
  /** stage: runs one stage of the plan and leaves the trained model (or a vote) in the track state. */
  readonly runStage?: (ctx: StageRunContext) => Promise<void>;
  /** evaluation: held-out metrics of predictions. */
  readonly evaluate?: (pred: ArrayLike<number>, y: ArrayLike<number>, metrics: readonly string[]) => EvalMetrics;
  /** export: writes the model in TF.js format and returns the directory. */
  readonly exportModel?: (ctx: ExportContext) => Promise<string>;
}
