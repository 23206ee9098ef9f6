import { z } from 'zod';

/**
 * The training plan: the contract between the editor's world (graph → compiler) and the training
 * world (runtime, jobs). Versioned, serialisable, data only — nothing in it is ever executed.
 */
export const PLAN_FORMAT = 'stepstone.plan' as const;
export const PLAN_VERSION = 2 as const;

/** 'auxiliary': unlabelled data used only for an autoencoder's reconstruction pre-training. */
export const domainRoleSchema = z.enum(['source', 'target', 'intermediate', 'auxiliary']);
export type DomainRole = z.infer<typeof domainRoleSchema>;

/** Where a domain's samples come from: a built-in data set (with generator options) or an upload. */
export const datasetRefSchema = z.discriminatedUnion('kind', [
  z.object({
    kind: z.literal('builtin'),
    id: z.string().max(64),
    /** Generator / subset options, e.g. { samples: 100, rotation: 30, noise: 0.1, seed: 1 }. */
    options: z.record(z.string().max(64), z.union([z.number(), z.string().max(200), z.boolean()])).default({}),
  }),
  z.object({ kind: z.literal('upload'), id: z.string().max(64), labelColumn: z.string().max(200).optional() }),
]);
export type DatasetRef = z.infer<typeof datasetRefSchema>;

export const planDomainSchema = z.object({
  nodeId: z.string(),
  name: z.string(),
  role: domainRoleSchema,
  /** Position along a transitive chain: source 0, intermediates 1..k, target k+1. */
  order: z.number().int().min(0),
  dataset: datasetRefSchema,
  /** Feature width of one sample (flattened), known before training. */
  width: z.number().int().positive(),
  classes: z.number().int().positive(),
  /** Image shape [height, width, channels] when the data are images (CNN extractors need it). */
  imageShape: z.tuple([z.number().int().positive(), z.number().int().positive(), z.number().int().positive()]).nullable(),
  /** How many samples' labels training may use: 'all', 'none', or a count (few labelled target samples). */
  labels: z.union([z.literal('all'), z.literal('none'), z.object({ count: z.number().int().positive() })]),
  /** Fraction of the domain held out for evaluation (target only; 0 elsewhere). */
  testFraction: z.number().min(0).max(0.9),
  /**
   * Validation rows, never trained on: for a source, this fraction of its rows; for a target with a label count,
   * this fraction of that labelled budget (the count includes them). Plans of version 1 had none.
   */
  validationFraction: z.number().min(0).max(0.5).default(0),
});
export type PlanDomain = z.infer<typeof planDomainSchema>;

export const activationSchema = z.enum(['relu', 'tanh', 'sigmoid', 'linear', 'elu']);

export const planLayerSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('dense'), name: z.string(), units: z.number().int().positive(), activation: activationSchema, dropout: z.number().min(0).max(0.9).default(0) }),
  z.object({ kind: z.literal('conv2d'), name: z.string(), filters: z.number().int().positive(), kernelSize: z.number().int().positive(), activation: activationSchema }),
  z.object({ kind: z.literal('maxPool2d'), name: z.string(), poolSize: z.number().int().positive() }),
  z.object({ kind: z.literal('flatten'), name: z.string() }),
]);
export type PlanLayer = z.infer<typeof planLayerSchema>;

export const extractorSchema = z.object({
  nodeId: z.string(),
  kind: z.enum(['mlp', 'cnn', 'pretrained', 'autoencoder']),
  inputWidth: z.number().int().positive(),
  imageShape: z.tuple([z.number().int().positive(), z.number().int().positive(), z.number().int().positive()]).nullable(),
  layers: z.array(planLayerSchema),
  /** Width of the extractor's output (the feature stream). */
  outputWidth: z.number().int().positive(),
  /** For 'pretrained': the artifact to load (TF.js format only) and which layers stay frozen. */
  artifact: z.string().max(200).optional(),
  /** For 'autoencoder': reconstruction pre-training on the listed domains before the supervised stage. */
  pretrain: z.object({ epochs: z.number().int().positive(), domains: z.array(z.string()) }).optional(),
});
export type PlanExtractor = z.infer<typeof extractorSchema>;

export const headSchema = z.discriminatedUnion('kind', [
  z.object({
    kind: z.literal('classifier'),
    nodeId: z.string(),
    name: z.string(),
    layers: z.array(planLayerSchema),
    classes: z.number().int().positive(),
  }),
  z.object({
    kind: z.literal('multiTask'),
    nodeId: z.string(),
    name: z.string(),
    /** One head per task; a task is a labelled domain's classification problem. */
    tasks: z.array(z.object({ name: z.string(), domainNodeId: z.string(), weight: z.number().min(0), classes: z.number().int().positive(), layers: z.array(planLayerSchema) })),
  }),
  z.object({
    kind: z.literal('zeroShot'),
    nodeId: z.string(),
    name: z.string(),
    layers: z.array(planLayerSchema),
    /** classes × dims: each class's attribute (semantic) vector, including classes with no training samples. */
    classAttributes: z.array(z.array(z.number())),
    /** Classes whose samples are withheld from training, to be recognised from their attributes alone. */
    unseenClasses: z.array(z.number().int().min(0)),
  }),
]);
export type PlanHead = z.infer<typeof headSchema>;

export const lambdaScheduleSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('constant'), value: z.number().min(0) }),
  /** λ_p = max · (2/(1+exp(−gamma·p)) − 1), p = training progress in [0, 1]. */
  z.object({ kind: z.literal('dann'), max: z.number().min(0), gamma: z.number().positive().default(10) }),
]);
export type LambdaSchedule = z.infer<typeof lambdaScheduleSchema>;

export const lossSchema = z.discriminatedUnion('kind', [
  /** Cross-entropy on the labelled samples of `domains` (node ids), weighted. */
  z.object({ kind: z.literal('classification'), weight: z.number().min(0), domains: z.array(z.string()) }),
  z.object({
    kind: z.literal('mmd'),
    nodeId: z.string(),
    /** ddc: one Gaussian kernel; dan: multi-kernel (σ² = α·mean pairwise squared distance). */
    variant: z.enum(['ddc', 'dan']),
    /** Names of the layers whose activations are adapted (extractor layers or 'features'). */
    layers: z.array(z.string()).min(1),
    weight: z.number().min(0),
    estimator: z.enum(['unbiased', 'linear']),
    /** Bandwidth multipliers α. DDC uses one. */
    alphas: z.array(z.number().positive()).min(1),
  }),
  z.object({
    kind: z.literal('domainAdversarial'),
    nodeId: z.string(),
    /** Hidden layer sizes of the domain classifier behind the gradient-reversal layer. */
    hidden: z.array(z.number().int().positive()),
    lambda: lambdaScheduleSchema,
    /** Loss weight on the domain BCE (after reversal). */
    weight: z.number().min(0),
  }),
  /** Conservative training: μ·‖f_new(x) − f_old(x)‖² against the model the stage started from. */
  z.object({ kind: z.literal('conservative'), nodeId: z.string(), mu: z.number().min(0) }),
  // Added in issue 9: pseudo-labels of the stage-start model on the stage's target side (gradual self-training).
  z.object({ kind: z.literal('selfTraining'), nodeId: z.string(), keep: z.number().min(0).max(1), weight: z.number().min(0) }),
  /** Autoencoder reconstruction (self-taught pre-training stage). */
  z.object({ kind: z.literal('reconstruction'), nodeId: z.string(), weight: z.number().min(0) }),
]);
export type PlanLoss = z.infer<typeof lossSchema>;

export const learningRateScheduleSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('constant') }),
  /** μ_p = μ₀ / (1 + alpha·p)^beta (DANN's annealing). */
  z.object({ kind: z.literal('dann'), alpha: z.number().positive().default(10), beta: z.number().positive().default(0.75) }),
  z.object({ kind: z.literal('cosine') }),
  z.object({ kind: z.literal('step'), everyEpochs: z.number().int().positive(), factor: z.number().positive().max(1) }),
]);

export const optimizerSchema = z.object({
  kind: z.enum(['adam', 'sgd', 'momentum', 'rmsprop']),
  learningRate: z.number().positive().max(10),
  schedule: learningRateScheduleSchema,
});
export type PlanOptimizer = z.infer<typeof optimizerSchema>;

export const stageSchema = z.object({
  name: z.string(),
  /** The graph node that produced this stage (a trainer, fine-tune, conservative, ... node). */
  nodeId: z.string(),
  kind: z.enum(['pretrainAutoencoder', 'train', 'boosting', 'fineTune']),
  /** Domains whose labelled samples feed the classification loss. */
  labelledDomains: z.array(z.string()),
  /** For adaptation losses: the pair adapted in this stage (source side, target side). */
  adapt: z.object({ from: z.string(), to: z.string() }).nullable(),
  losses: z.array(lossSchema),
  optimizer: optimizerSchema,
  epochs: z.number().int().positive(),
  /** A budget in optimiser steps instead of epochs (baselines get the method's count); epochs then only pace reporting. */
  steps: z.number().int().positive().optional(),
  batchSize: z.number().int().positive(),
  /** Layer names whose weights do not change in this stage. */
  frozen: z.array(z.string()),
  /** 'scratch' builds fresh weights; 'previous' starts from the previous stage's weights. */
  init: z.enum(['scratch', 'previous']),
  /** TrAdaBoost settings when kind = 'boosting'. */
  boosting: z
    .object({
      nodeId: z.string(),
      rounds: z.number().int().positive(),
      baseLearner: z.enum(['model', 'logistic']),
      // Added in issue 9 (additive: plans without it keep Dai's rule, the earlier behaviour).
      betaRule: z.enum(['dai', 'adapt']).default('dai'),
      sourceDomain: z.string(),
      targetDomain: z.string(),
    })
    .optional(),
});
export type PlanStage = z.infer<typeof stageSchema>;

export const baselineSchema = z.object({
  /** sourceOnly: same model, only source labels, no adaptation. targetOnly: only the labelled target.
   *  sourcePlusTarget: pooled labels, no adaptation (the bar TrAdaBoost must clear). */
  kind: z.enum(['sourceOnly', 'targetOnly', 'sourcePlusTarget']),
});

export const trainingPlanSchema = z.object({
  format: z.literal(PLAN_FORMAT),
  /** Version 1 plans (stored with older runs) parse with the new fields' defaults: one seed, no validation split. */
  version: z.union([z.literal(1), z.literal(PLAN_VERSION)]).transform((): typeof PLAN_VERSION => PLAN_VERSION),
  graphName: z.string(),
  seed: z.number().int().min(0),
  /** 'gpu' asks for a GPU worker; 'any' runs wherever. */
  device: z.enum(['any', 'gpu']),
  domains: z.array(planDomainSchema),
  model: z.object({ extractor: extractorSchema, head: headSchema }),
  stages: z.array(stageSchema).min(1),
  baselines: z.array(baselineSchema),
  evaluation: z.object({
    nodeId: z.string().nullable(),
    /** The target domain node whose held-out split is the measure of success. */
    targetDomain: z.string(),
    metrics: z.array(z.enum(['accuracy', 'macroF1', 'loss'])),
    domainDistances: z.array(z.enum(['mmd', 'proxyA'])),
    featureProjection: z.enum(['none', 'pca']),
    /** Seeds every model is trained with: plan.seed, plan.seed + 1, … (method and baselines share each). */
    repeats: z.number().int().min(1).max(20).default(1),
    /** Also score the test split at every epoch (a curve the user must not tune on; labelled as such). */
    testCurve: z.boolean().default(false),
  }),
  export: z.object({ nodeId: z.string(), name: z.string() }).nullable(),
  /** The objective as text for display, e.g. "ℓ = ℓ_c + 0.5·MMD² + λ_p·ℓ_d". */
  objective: z.string(),
});
export type TrainingPlan = z.infer<typeof trainingPlanSchema>;
