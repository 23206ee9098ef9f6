import { z } from 'zod';
import { isNodeType } from '../nodes/registry';
import { liftPlan } from './migrate-plan';
import { sweepValueSchema } from './sweep';

/**
 * The training plan: the contract between the editor's world (graph → compiler) and the training
 * world (runtime, jobs). Versioned, serialisable, data only — nothing in it is ever executed.
 */
export const PLAN_FORMAT = 'stepstone.plan' as const;
export const PLAN_VERSION = 3 as const;

/**
 * The node kind whose builder (nodes/builders.ts) runs a plan item: the runtime dispatches on it, so a new kind
 * needs no map from plan shapes back to kinds. Version 3 added it (older plans are lifted by migrate-plan.ts).
 */
export const nodeTypeSchema = z.string().refine((v: string): boolean => isNodeType(v), { message: 'not a node kind of this version' });

/** 'auxiliary': unlabelled data used only for an autoencoder's reconstruction pre-training. */
export const domainRoleSchema = z.enum(['source', 'target', 'intermediate', 'auxiliary']);
export type DomainRole = z.infer<typeof domainRoleSchema>;

export const featureScalingSchema = z.enum(['none', 'standardise', 'minmax']);
export type FeatureScaling = z.infer<typeof featureScalingSchema>;

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
  nodeType: nodeTypeSchema,
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
  /**
   * Feature scaling, with statistics of the source's training rows (never test rows), applied to this domain:
   * standardise (x − mean) / std, or min–max to [0, 1]. Plans without it: none.
   */
  scaling: featureScalingSchema.optional(),
  /** The class names every domain's labels are aligned to (by name), index = class; absent: classes by number. */
  classNames: z.array(z.string().max(200)).max(1000).optional(),
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
  nodeType: nodeTypeSchema,
  kind: z.enum(['mlp', 'cnn', 'pretrained', 'autoencoder']),
  inputWidth: z.number().int().positive(),
  imageShape: z.tuple([z.number().int().positive(), z.number().int().positive(), z.number().int().positive()]).nullable(),
  layers: z.array(planLayerSchema),
  /** Width of the extractor's output (the feature stream). */
  outputWidth: z.number().int().positive(),
  /** For 'pretrained': the artifact to load (TF.js format only) and which layers stay frozen. */
  artifact: z.string().max(200).optional(),
  /**
   * For 'pretrained' from an uploaded model: the upload, the layer whose output is the feature stream, the model's
   * input shape, and the layers up to the feature layer in order (stages freeze `extractor/<layer>`).
   */
  upload: z
    .object({
      id: z.string().max(100),
      featureLayer: z.string().max(200),
      inputShape: z.array(z.number().int().positive()).min(1).max(3),
      layers: z.array(z.string().max(200)).max(5000),
    })
    .optional(),
  /** For 'autoencoder': reconstruction pre-training on the listed domains before the supervised stage. */
  pretrain: z.object({ epochs: z.number().int().positive(), domains: z.array(z.string()) }).optional(),
});
export type PlanExtractor = z.infer<typeof extractorSchema>;

export const headSchema = z.discriminatedUnion('kind', [
  z.object({
    kind: z.literal('classifier'),
    nodeId: z.string(),
    nodeType: nodeTypeSchema,
    name: z.string(),
    layers: z.array(planLayerSchema),
    classes: z.number().int().positive(),
  }),
  z.object({
    kind: z.literal('multiTask'),
    nodeId: z.string(),
    nodeType: nodeTypeSchema,
    name: z.string(),
    /** One head per task; a task is a labelled domain's classification problem. */
    tasks: z.array(z.object({ name: z.string(), domainNodeId: z.string(), weight: z.number().min(0), classes: z.number().int().positive(), layers: z.array(planLayerSchema) })),
  }),
  z.object({
    kind: z.literal('zeroShot'),
    nodeId: z.string(),
    nodeType: nodeTypeSchema,
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
    nodeType: nodeTypeSchema,
    /** Which method the node stands for (display); the kernel fields say what is computed. */
    variant: z.enum(['ddc', 'dan']),
    /** Names of the layers whose activations are adapted (extractor layers, 'features', head layers). */
    layers: z.array(z.string()).min(1),
    weight: z.number().min(0),
    estimator: z.enum(['unbiased', 'linear']),
    /** Gaussian: k = mean over α of exp(−d²/(2α·s)); linear: k = ⟨a, b⟩ (alphas unused). Absent: gaussian (plans before it). */
    kernel: z.enum(['gaussian', 'linear']).optional(),
    /** s of the Gaussian kernels: mean pairwise squared distance, or half its median (Long et al.'s γ). Absent: mean. */
    bandwidth: z.enum(['mean', 'median']).optional(),
    /** Bandwidth multipliers α. DDC uses one. */
    alphas: z.array(z.number().positive()).min(1),
  }),
  z.object({
    kind: z.literal('domainAdversarial'),
    nodeId: z.string(),
    nodeType: nodeTypeSchema,
    /** Hidden layer sizes of the domain classifier behind the gradient-reversal layer. */
    hidden: z.array(z.number().int().positive()),
    lambda: lambdaScheduleSchema,
    /** Loss weight on the domain BCE (after reversal). */
    weight: z.number().min(0),
  }),
  /** Conservative training: μ·‖f_new(x) − f_old(x)‖² against the model the stage started from. */
  z.object({ kind: z.literal('conservative'), nodeId: z.string(), nodeType: nodeTypeSchema, mu: z.number().min(0) }),
  // Added in issue 9: pseudo-labels of the stage-start model on the stage's target side (gradual self-training).
  z.object({ kind: z.literal('selfTraining'), nodeId: z.string(), nodeType: nodeTypeSchema, keep: z.number().min(0).max(1), weight: z.number().min(0) }),
  /** Autoencoder reconstruction (self-taught pre-training stage). */
  z.object({ kind: z.literal('reconstruction'), nodeId: z.string(), nodeType: nodeTypeSchema, weight: z.number().min(0) }),
  /**
   * A term defined by its node kind alone (e.g. CORAL): weight · term(activations of `layers`, source vs target).
   * `settings` are the node's own params, parsed again by its builder; `symbol` names it in the objective.
   */
  z.object({
    kind: z.literal('term'),
    nodeId: z.string(),
    nodeType: nodeTypeSchema,
    symbol: z.string().max(40),
    weight: z.number().min(0),
    layers: z.array(z.string()).min(1),
    settings: z.record(z.string().max(64), z.json()),
  }),
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
  /** The kind that runs it: trainer, fineTune, conservativeTraining, trAdaBoost (boosting), autoencoder (pre-training). */
  nodeType: nodeTypeSchema,
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
  /**
   * L2 penalty (λ/2)·Σ‖W‖² on the trainable kernels (not biases), added to the stage's objective. Added in issue 9
   * (additive: absent = 0) for gradual self-training, whose analysis needs a regularised model (Kumar et al. 2020).
   */
  weightDecay: z.number().min(0).optional(),
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

const currentPlanSchema = z.object({
  format: z.literal(PLAN_FORMAT),
  version: z.literal(PLAN_VERSION),
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
    /** Unsupervised validators are scored at this many evenly spaced points of each model's training (default 5). */
    validatorPoints: z.number().int().min(1).max(20).optional(),
  }),
  export: z.object({ nodeId: z.string(), name: z.string() }).nullable(),
  /** The objective as text for display, e.g. "ℓ = ℓ_c + 0.5·MMD² + λ_p·ℓ_d". */
  objective: z.string(),
  /** Set on a sweep member's plan: its position and swept values ("nodeId.param" → value). Baselines identical
   *  across a sweep's members then train once (server/runtime/units/baseline-cache.ts). */
  sweepMember: z.object({ index: z.number().int().min(0), values: z.record(z.string().max(300), sweepValueSchema) }).optional(),
});
export type TrainingPlan = z.infer<typeof currentPlanSchema>;

/** Plans stored with older runs are lifted to the current version (migrate-plan.ts) before they are checked. */
export const trainingPlanSchema = z.preprocess(liftPlan, currentPlanSchema);
