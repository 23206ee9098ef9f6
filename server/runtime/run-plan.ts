import type { RunResult } from '../../formats/run-events';
import { trainingPlanSchema, type TrainingPlan } from '../../formats/training-plan';
import type { ResolvedUpload } from '../datasets/load-dataset';
import { AbortError } from './abort-error';
import { PlanInputError } from './plan-input-error';
import { selectBackend, type SelectedBackend } from './backend/select-backend';
import { decodeCheckpoint, encodeCheckpoint } from './checkpoint-codec';
import { MLP_PROXY_A } from './metrics/domain-distance';
import { aggregateResult } from './report/aggregate-result';
import type { RunOptions, RunPlan } from './run-plan-api';
import { checkReferences, inputDistances, resolveUploads, startedEvent, verdictWarnings } from './run-steps';
import { checkData, loadDomains } from './units/load-unit-data';
import { createUnitPool, defaultParallelism, type UnitPool } from './units/run-units';
import { shareBaselines } from './units/shared-baselines';
import { runTracks } from './units/track-stages';
import { methodSpec } from './units/train-unit';
import { unitKey, type UnitPosition, type UnitRequest, type UnitResult } from './units/unit-types';

export { AbortError, PlanInputError };

/** Runs a training plan: see RunPlan in run-plan-api.ts. Every model × seed is a unit; units train in parallel. */
export const runPlan: RunPlan = async (input, options) => {
  const t0 = Date.now();
  const parsed = trainingPlanSchema.safeParse(input);
  if (!parsed.success) throw new PlanInputError(`The training plan is malformed: ${parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}`);
  const plan = parsed.data;
  checkReferences(plan);
  const selected = await selectBackend(options.backend);
  const seeds = Array.from({ length: plan.evaluation.repeats }, (_, k) => plan.seed + k);
  // Workers boot (loader, TF.js, WASM) while this process loads the data and measures input distances.
  const pool = createUnitPool(Math.min(options.parallelism ?? defaultParallelism(), seeds.length * runTracks(plan).length));
  try {
    return await runWithPool(plan, seeds, selected, pool, options, t0);
  } finally {
    pool.close();
  }
};

async function runWithPool(plan: TrainingPlan, seeds: number[], selected: SelectedBackend, pool: UnitPool, options: RunOptions, t0: number): Promise<RunResult> {
  const { name: backend, adapter } = selected;
  const uploads = await resolveUploads(plan, options);
  // Everything that can be wrong with the plan and its data fails here, before any worker starts training.
  const spec = await methodSpec(plan, options.artifactDir, uploads);
  let prepared: Awaited<ReturnType<typeof loadDomains>>;
  try {
    prepared = await loadDomains(plan, seeds[0]!, uploads, options.signal);
    checkData(plan, prepared, spec);
  } finally {
    // The units load their own copy of an uploaded model; this one only checked that it loads and fits.
    spec.extractor.uploaded?.dispose();
  }
  options.onEvent(startedEvent(plan, prepared, selected));
  const distances = await inputDistances(plan, prepared, seeds[0]!, options.signal);
  if (distances.length > 0) options.onEvent({ type: 'domainDistances', distances, classifier: MLP_PROXY_A });

  const units = await trainAllUnits(plan, seeds, uploads, backend, pool, options);
  const aggregated = aggregateResult({ plan, seeds, units, inputDistances: distances, proxyAClassifier: { inputs: MLP_PROXY_A, features: MLP_PROXY_A }, backend, durationMs: Date.now() - t0 });
  const result: RunResult = adapter ? { ...aggregated, adapter } : aggregated;
  for (const w of verdictWarnings(plan, result)) options.onEvent(w);
  options.onEvent({ type: 'final', result });
  return result;
}

/** Trains every model × seed (skipping units a checkpoint already finished), checkpointing as they go. */
async function trainAllUnits(plan: TrainingPlan, seeds: readonly number[], uploads: Record<string, ResolvedUpload>, backend: RunResult['backend'], pool: UnitPool, options: RunOptions): Promise<UnitResult[]> {
  const resume = options.resumeFrom ? decodeCheckpoint(options.resumeFrom.data) : null;
  if (options.resumeFrom && !resume) options.onEvent({ type: 'warning', message: 'This run was checkpointed by an older version; it restarts from the beginning.' });
  const completed: Record<string, UnitResult> = { ...(resume?.completed ?? {}) };
  const positions = new Map<string, UnitPosition>(resume?.positions ?? []);
  const positionEveryMs = options.onCheckpoint ? (options.checkpointEveryMs ?? 1000) : null;
  // The method first: it is the longest unit, so workers finish together (longest-processing-time order).
  const tracks = runTracks(plan).reverse();
  const requests: UnitRequest[] = seeds.flatMap((seed, seedIndex) =>
    tracks.filter((track) => !completed[unitKey(track, seed)]).map((track) => ({ plan, track, seed, seedIndex, backend, artifactDir: options.artifactDir, uploads, resume: positions.get(unitKey(track, seed)), positionEveryMs })),
  );
  let lastSaved = 0;
  const save = async (force: boolean, where: { track: string; stage: number; epoch: number }) => {
    if (!options.onCheckpoint || (!force && Date.now() - lastSaved < (options.checkpointEveryMs ?? 1000))) return;
    lastSaved = Date.now();
    await options.onCheckpoint({ data: encodeCheckpoint({ completed, positions }), ...where });
  };
  // A sweep member reuses baselines another member trained (or is training) with identical inputs.
  const shared = await shareBaselines(plan, requests, options.onEvent, options.baselineCacheDir);
  for (const u of shared.reused) completed[unitKey(u.track, u.seed)] = u;
  const trainUnits = (list: readonly UnitRequest[]) =>
    pool.run(list, {
      signal: options.signal,
      emit: options.onEvent,
      onPosition: (req, pos) => {
        positions.set(unitKey(req.track, req.seed), pos);
        return save(false, { track: unitKey(req.track, req.seed), stage: pos.stage, epoch: pos.epoch });
      },
      onResult: async (req, result) => {
        const key = unitKey(req.track, req.seed);
        await shared.onResult(req, result);
        completed[key] = result;
        positions.delete(key);
        return save(true, { track: key, stage: -1, epoch: -1 });
      },
    });
  try {
    const fresh = await trainUnits(shared.train);
    const late = await shared.finish(trainUnits, options.signal);
    return [...Object.values(resume?.completed ?? {}), ...shared.reused, ...fresh, ...late];
  } finally {
    await shared.release();
  }
}
