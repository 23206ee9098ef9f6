import { z } from 'zod';

/** Events a run emits, in order; stored per run and streamed to subscribers. Data only. */
export const RUN_EVENT_VERSION = 1 as const;

/** Which model an event belongs to: the method itself or one of its no-transfer baselines. */
export const runTrackSchema = z.enum(['method', 'sourceOnly', 'targetOnly', 'sourcePlusTarget']);
export type RunTrack = z.infer<typeof runTrackSchema>;

export const backendNameSchema = z.enum(['tensorflow-gpu', 'tensorflow', 'wasm', 'cpu']);
export type BackendName = z.infer<typeof backendNameSchema>;

export const evalMetricsSchema = z.object({
  accuracy: z.number(),
  macroF1: z.number().optional(),
  loss: z.number().optional(),
});
export type EvalMetrics = z.infer<typeof evalMetricsSchema>;

export const domainDistanceSchema = z.object({
  a: z.string(),
  b: z.string(),
  mmd: z.number().optional(),
  proxyA: z.number().optional(),
});
export type DomainDistance = z.infer<typeof domainDistanceSchema>;

export const runResultSchema = z.object({
  backend: backendNameSchema,
  seed: z.number().int(),
  durationMs: z.number(),
  /** Target (held-out) metrics of the adapted model. */
  method: evalMetricsSchema,
  baselines: z.object({
    sourceOnly: evalMetricsSchema.optional(),
    targetOnly: evalMetricsSchema.optional(),
    sourcePlusTarget: evalMetricsSchema.optional(),
  }),
  /** method accuracy − the best baseline's accuracy that the method claims to beat (source-only). */
  gain: z.number().nullable(),
  negativeTransfer: z.boolean(),
  domainDistances: z.array(domainDistanceSchema),
  artifacts: z.array(z.object({ name: z.string(), path: z.string() })).default([]),
});
export type RunResult = z.infer<typeof runResultSchema>;

export const runEventSchema = z.discriminatedUnion('type', [
  z.object({
    type: z.literal('started'),
    backend: backendNameSchema,
    domains: z.array(z.object({ nodeId: z.string(), name: z.string(), role: z.string(), samples: z.number(), labelled: z.number(), width: z.number() })),
  }),
  z.object({ type: z.literal('domainDistances'), distances: z.array(domainDistanceSchema) }),
  z.object({ type: z.literal('stage'), track: runTrackSchema, index: z.number().int(), name: z.string(), kind: z.string() }),
  z.object({
    type: z.literal('epoch'),
    track: runTrackSchema,
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
    /** 2-D projection (PCA) of features, a sample of each domain. */
    points: z.array(z.object({ x: z.number(), y: z.number(), domain: z.string(), label: z.number().int() })),
  }),
  z.object({ type: z.literal('artifact'), name: z.string(), path: z.string() }),
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
export type RunEvent = z.infer<typeof runEventSchema>;
