import { predictionRowSchema } from './predictions';
import { z } from 'zod';

import {
  backendNameSchema,
  evalMetricsSchema,
  inputDistanceSchema,
  migrateRunResult,
  runResultSchema,
  runTrackSchema,
} from './run-result';
import { validatorScoresSchema } from './validators';

export * from './run-result';

/** Events a run emits, in order; stored per run and streamed to subscribers. Data only. Version 2: models train
 *  over several seeds (`seed` on epoch, model, projection and boundary events), a `model` event carries each
 *  model's end-of-training scores, and `final` carries a run result of format 3 (older ones are migrated). */
export const RUN_EVENT_VERSION = 2 as const;

/**
 * Names of the accuracies in an epoch event's `metrics` (the UI reads them from here). Live curves show
 * validation splits only; `testAccuracy` appears only when the evaluate node asks for a test curve.
 */
export const epochAccuracyKeys = {
  sourceValidation: 'sourceValAccuracy',
  targetValidation: 'targetValAccuracy',
  test: 'testAccuracy',
} as const;

/** End-of-training scores of one model on one seed. */
export const modelScoresSchema = z.object({
  test: evalMetricsSchema.optional(),
  sourceValidation: evalMetricsSchema.optional(),
  targetValidation: evalMetricsSchema.optional(),
  /** Unsupervised validators of the finished model (no target labels used). */
  validators: validatorScoresSchema.optional(),
});
export type ModelScores = z.infer<typeof modelScoresSchema>;

/** A class-coloured grid over the target's bounding box (2-D inputs only): what a model predicts where. */
export const boundarySchema = z.object({
  x0: z.number(),
  x1: z.number(),
  y0: z.number(),
  y1: z.number(),
  nx: z.number().int().positive(),
  ny: z.number().int().positive(),
  /** Row-major predicted class per cell, ny rows of nx cells, y0 first. */
  classes: z.array(z.number().int()),
  /** The target rows drawn over it (training rows, true labels). */
  points: z.array(z.object({ x: z.number(), y: z.number(), label: z.number().int() })),
});
export type Boundary = z.infer<typeof boundarySchema>;

/**
 * Lifts a stored event of an older stream version to RUN_EVENT_VERSION; the one place run-event migrations go.
 * Version 1 → 2: a `final` event's run result of format 1 is lifted by migrateRunResult. Pure data → data;
 * anything it cannot lift is returned unchanged for the schema to report.
 */
export function liftRunEvent(raw: unknown): unknown {
  if (typeof raw !== 'object' || raw === null || (raw as { type?: unknown }).type !== 'final') return raw;
  try {
    return { ...raw, result: migrateRunResult((raw as { result?: unknown }).result) };
  } catch {
    return raw;
  }
}

const currentEventSchema = z.discriminatedUnion('type', [
  z.object({
    type: z.literal('started'),
    /** The stream's format (RUN_EVENT_VERSION when it was written); absent before version 2 said so. */
    version: z.number().int().optional(),
    backend: backendNameSchema,
    /** The GPU adapter's description on webgpu backends. */
    adapter: z.string().optional(),
    /** The runtime's kernels that run differently on this backend, and why (backend/kernel-fallbacks.ts). */
    backendNotes: z.array(z.string()).optional(),
    domains: z.array(z.object({ nodeId: z.string(), name: z.string(), role: z.string(), samples: z.number(), labelled: z.number(), width: z.number() })),
  }),
  z.object({ type: z.literal('domainDistances'), distances: z.array(inputDistanceSchema), classifier: z.string().optional() }),
  z.object({ type: z.literal('stage'), track: runTrackSchema, seed: z.number().int().optional(), index: z.number().int(), name: z.string(), kind: z.string() }),
  z.object({
    type: z.literal('epoch'),
    track: runTrackSchema,
    seed: z.number().int().optional(),
    stage: z.number().int(),
    epoch: z.number().int(),
    epochs: z.number().int(),
    /** loss terms (classification, mmd, domain, ...), λ_p, learning rate, accuracies. */
    metrics: z.record(z.string(), z.number()),
  }),
  z.object({ type: z.literal('warning'), message: z.string(), nodeId: z.string().optional() }),
  z.object({
    type: z.literal('projection'),
    track: runTrackSchema,
    seed: z.number().int().optional(),
    /** 2-D projection (PCA) of features, a sample of each domain. */
    points: z.array(z.object({ x: z.number(), y: z.number(), domain: z.string(), label: z.number().int() })),
  }),
  z.object({ type: z.literal('boundary'), track: runTrackSchema, seed: z.number().int(), boundary: boundarySchema }),
  /** One model finished on one seed: its scores, each split scored once at the end of its training. */
  z.object({
    type: z.literal('model'),
    track: runTrackSchema,
    seed: z.number().int(),
    steps: z.number().int(),
    scores: modelScoresSchema,
    featureDistance: z.object({ mmd: z.number().optional(), proxyA: z.number().optional() }).optional(),
  }),
  /** Validator scores at one of the K evenly spaced points of a model's training (progress 1: its end). */
  z.object({ type: z.literal('validators'), track: runTrackSchema, seed: z.number().int(), progress: z.number().min(0).max(1), scores: validatorScoresSchema }),
  z.object({ type: z.literal('artifact'), name: z.string(), path: z.string() }),
  /** The method's first-seed predictions for the target's held-out and unlabelled rows (formats/predictions.ts). */
  z.object({ type: z.literal('predictions'), track: runTrackSchema, seed: z.number().int(), domain: z.string(), classNames: z.array(z.string()), rows: z.array(predictionRowSchema) }),
  z.object({ type: z.literal('final'), result: runResultSchema }),
  /** Written by the job system (not the runtime): the run's status changed (queued again after a lost
   *  worker, running attempt n, or a terminal status with its reason). runs.status always agrees. */
  z.object({
    type: z.literal('status'),
    status: z.enum(['queued', 'running', 'succeeded', 'failed', 'cancelled']),
    attempt: z.number().int().optional(),
    message: z.string().optional(),
  }),
]);
export type RunEvent = z.infer<typeof currentEventSchema>;

/** A run event as stored or streamed, events of older stream versions lifted first (liftRunEvent). */
export const runEventSchema = z.preprocess(liftRunEvent, currentEventSchema);
