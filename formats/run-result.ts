import { z } from 'zod';
import { validatorNames, validatorScoresSchema } from './validators';

/**
 * What a finished run reports: every model (the method and each no-transfer baseline) trained over R seeds,
 * its metrics per split as mean ± std with the per-seed values, the transfer gain as a paired per-seed
 * difference with a 95 % t-interval, and a three-valued verdict. Stored with each run; data only.
 *
 * Version 1 (one seed, bare accuracies, `negativeTransfer: boolean`) and version 2 (an unlabelled target scored
 * 0 on its test split) are lifted by `migrateRunResult`.
 */
export const RUN_RESULT_VERSION = 3 as const;

export const runTrackSchema = z.enum(['method', 'sourceOnly', 'targetOnly', 'sourcePlusTarget']);
export type RunTrack = z.infer<typeof runTrackSchema>;

/** Where a run trained: a Node backend (server, worker, CLI) or one in the visitor's browser ('browser-*'). */
export const backendNameSchema = z.enum(['tensorflow-gpu', 'webgpu', 'tensorflow', 'wasm', 'cpu', 'browser-webgpu', 'browser-webgl', 'browser-wasm']);
export type BackendName = z.infer<typeof backendNameSchema>;

/** Metrics a model is scored with on a split (the evaluate node's `metrics`). */
export const evalMetricsSchema = z.object({
  accuracy: z.number(),
  macroF1: z.number().optional(),
  loss: z.number().optional(),
  /** Zero-shot heads (added in issue 9): per-class mean accuracy on seen and on unseen classes, and their harmonic mean. */
  seenAccuracy: z.number().optional(),
  unseenAccuracy: z.number().optional(),
  harmonicMean: z.number().optional(),
});
export type EvalMetrics = z.infer<typeof evalMetricsSchema>;

/**
 * Where a figure comes from. `test`: the target's held-out split, scored once per model at the end of its
 * training. `sourceValidation` / `targetValidation`: rows split off the labelled source / the labelled target
 * budget, never trained on; model choice (the strongest baseline) uses these, never the test split.
 */
export const splitNames = ['test', 'sourceValidation', 'targetValidation'] as const;
export const splitSchema = z.enum(splitNames);
export type SplitName = z.infer<typeof splitSchema>;

/** A figure over seeds: mean, sample standard deviation (0 for one seed) and the value of each seed, in seed order. */
export const seedStatSchema = z.object({ mean: z.number(), std: z.number(), perSeed: z.array(z.number()) });
export type SeedStat = z.infer<typeof seedStatSchema>;

export const splitMetricsSchema = z.object({
  accuracy: seedStatSchema,
  macroF1: seedStatSchema.optional(),
  loss: seedStatSchema.optional(),
  seenAccuracy: seedStatSchema.optional(),
  unseenAccuracy: seedStatSchema.optional(),
  harmonicMean: seedStatSchema.optional(),
});
export type SplitMetrics = z.infer<typeof splitMetricsSchema>;

/** Distance between the source and target rows: MMD² (Gaussian kernel, median heuristic) and proxy A-distance. */
export const distancePairSchema = z.object({ mmd: seedStatSchema.optional(), proxyA: seedStatSchema.optional() });

export const modelResultSchema = z.object({
  /** Optimiser steps each seed's model took (baselines are given the method's count). */
  steps: z.number().int().min(0),
  splits: z.object({
    test: splitMetricsSchema.optional(),
    sourceValidation: splitMetricsSchema.optional(),
    targetValidation: splitMetricsSchema.optional(),
  }),
  /** Source vs target distance on this model's feature layer (after training). */
  featureDistance: distancePairSchema.optional(),
  /** Unsupervised validators of the finished model over seeds (formats/validators.ts); additive in version 2. */
  validators: z.partialRecord(z.enum(validatorNames), seedStatSchema).optional(),
  /** Validators at the K evenly spaced points of training, each a mean over seeds (progress 1 is the end). */
  validatorCurve: z.array(z.object({ progress: z.number(), scores: validatorScoresSchema })).optional(),
});
export type ModelResult = z.infer<typeof modelResultSchema>;

export const verdictSchema = z.enum(['positive', 'negative', 'inconclusive', 'single-seed']);
export type Verdict = z.infer<typeof verdictSchema>;

export const gainSchema = z.object({
  /** The baseline the method is measured against: source-only, or the strongest same-labels baseline. */
  baseline: runTrackSchema.exclude(['method']),
  /** Why that baseline (e.g. "strongest on target validation"). */
  chosenBy: z.string(),
  metric: z.literal('accuracy'),
  split: z.literal('test'),
  mean: z.number(),
  /** 95 % Student-t interval of the mean paired difference over seeds; null for one seed. */
  ci95: z.tuple([z.number(), z.number()]).nullable(),
  perSeed: z.array(z.number()),
});
export type Gain = z.infer<typeof gainSchema>;

export const adviceSchema = z.object({
  code: z.enum(['underfit', 'lambda-too-strong', 'adaptation-inert', 'little-to-transfer', 'target-labels-beat-transfer', 'noisy', 'more-seeds']),
  message: z.string(),
});
export type Advice = z.infer<typeof adviceSchema>;

/** Before training, on raw inputs: every pair of domains of equal width. */
export const inputDistanceSchema = z.object({
  a: z.string(),
  b: z.string(),
  mmd: z.number().optional(),
  proxyA: z.number().optional(),
});
export type DomainDistance = z.infer<typeof inputDistanceSchema>;

export const runResultSchema = z.object({
  version: z.literal(RUN_RESULT_VERSION),
  backend: backendNameSchema,
  /** The GPU adapter's description on webgpu backends (e.g. "SwiftShader driver 5.0.0 (google swiftshader)"). */
  adapter: z.string().optional(),
  /** The seeds every model was trained with (method and baselines share each one). */
  seeds: z.array(z.number().int()),
  durationMs: z.number(),
  models: z.object({
    method: modelResultSchema,
    sourceOnly: modelResultSchema.optional(),
    targetOnly: modelResultSchema.optional(),
    sourcePlusTarget: modelResultSchema.optional(),
  }),
  /**
   * Whether the target's held-out rows carry labels. 'none' (an unlabelled target, added in version 3): no model has
   * test metrics, and there is no gain, interval or verdict — nothing is computed from missing labels.
   */
  testLabels: z.enum(['labelled', 'none']),
  /** Null when the target has no labelled test rows. */
  gain: gainSchema.nullable(),
  verdict: verdictSchema.nullable(),
  advice: z.array(adviceSchema),
  distances: z.object({
    /** On the inputs, before training (first seed's split). */
    inputs: z.array(inputDistanceSchema),
    /** Which classifier the proxy A-distances used, per stage ("inputs", "features"). */
    proxyAClassifier: z.object({ inputs: z.string(), features: z.string() }),
    /** Domains the feature distances compare (the adapted pair). */
    features: z.object({ a: z.string(), b: z.string() }).nullable(),
  }),
  artifacts: z.array(z.object({ name: z.string(), path: z.string() })).default([]),
});
export type RunResult = z.infer<typeof runResultSchema>;

/** What a target-test figure reads (run page, run list, CLI) when the target's held-out rows have no labels. */
export const UNLABELLED_TEST_TEXT = '— (unlabelled target)';

/** The one-seed result of format 1, as stored by earlier versions. */
const runResultV1Schema = z.object({
  backend: backendNameSchema,
  seed: z.number().int(),
  durationMs: z.number(),
  method: evalMetricsSchema,
  baselines: z.object({ sourceOnly: evalMetricsSchema.optional(), targetOnly: evalMetricsSchema.optional(), sourcePlusTarget: evalMetricsSchema.optional() }),
  gain: z.number().nullable(),
  negativeTransfer: z.boolean(),
  domainDistances: z.array(inputDistanceSchema),
  artifacts: z.array(z.object({ name: z.string(), path: z.string() })).default([]),
});

const one = (v: number): SeedStat => ({ mean: v, std: 0, perSeed: [v] });

function v1Model(m: EvalMetrics): ModelResult {
  const test: SplitMetrics = { accuracy: one(m.accuracy) };
  if (m.macroF1 !== undefined) test.macroF1 = one(m.macroF1);
  if (m.loss !== undefined) test.loss = one(m.loss);
  return { steps: 0, splits: { test } };
}

/** Format 2 as stored: format 3 without `testLabels`. */
const runResultV2Schema = runResultSchema.extend({ version: z.literal(2) }).omit({ testLabels: true });
type RunResultV2 = z.infer<typeof runResultV2Schema>;

/** Advice that only a test score or a verdict can give. */
const TEST_ADVICE: ReadonlySet<Advice['code']> = new Set(['noisy', 'more-seeds', 'little-to-transfer', 'target-labels-beat-transfer']);

/**
 * Format 2 scored an unlabelled target's test split 0 (accuracy and macro-F1, every model and seed) and computed a
 * gain of 0 from it. That pattern — which a labelled split cannot realistically produce — becomes `testLabels: 'none'`
 * with the test scores, gain, verdict and test-based advice removed; any other result is labelled as it was.
 */
function liftV2(v2: RunResultV2): RunResult {
  const tests = Object.values(v2.models).flatMap((m) => (m?.splits.test ? [m.splits.test] : []));
  const zero = (s: SeedStat | undefined) => !s || s.perSeed.every((v) => v === 0);
  const unlabelled = tests.length > 0 && !!v2.models.method.splits.test && tests.every((t) => zero(t.accuracy) && zero(t.macroF1));
  if (!unlabelled) return { ...v2, version: RUN_RESULT_VERSION, testLabels: 'labelled' };
  const models = Object.fromEntries(
    Object.entries(v2.models).map(([k, m]) => {
      if (!m) return [k, m];
      const { test: _zeros, ...splits } = m.splits;
      return [k, { ...m, splits }];
    }),
  ) as RunResult['models'];
  return { ...v2, version: RUN_RESULT_VERSION, testLabels: 'none', models, gain: null, verdict: null, advice: v2.advice.filter((a) => !TEST_ADVICE.has(a.code)) };
}

/** Lifts a stored result of any version to the current one; throws (zod) on something that is neither. */
export function migrateRunResult(raw: unknown): RunResult {
  if (raw && typeof raw === 'object' && 'version' in raw) return raw.version === 2 ? liftV2(runResultV2Schema.parse(raw)) : runResultSchema.parse(raw);
  const v1 = runResultV1Schema.parse(raw);
  const models: RunResult['models'] = { method: v1Model(v1.method) };
  for (const k of ['sourceOnly', 'targetOnly', 'sourcePlusTarget'] as const) {
    const b = v1.baselines[k];
    if (b) models[k] = v1Model(b);
  }
  return {
    version: RUN_RESULT_VERSION,
    backend: v1.backend,
    seeds: [v1.seed],
    durationMs: v1.durationMs,
    models,
    testLabels: 'labelled',
    gain: v1.gain === null ? null : { baseline: 'sourceOnly', chosenBy: 'source-only (format 1)', metric: 'accuracy', split: 'test', mean: v1.gain, ci95: null, perSeed: [v1.gain] },
    verdict: v1.gain === null ? null : 'single-seed',
    advice: [],
    distances: { inputs: v1.domainDistances, proxyAClassifier: { inputs: 'logistic regression', features: 'none' }, features: null },
    artifacts: v1.artifacts,
  };
}
