import { RUN_EVENT_VERSION, type DomainDistance, type RunEvent, type RunResult } from '../../formats/run-events';
import { trainingPlanSchema, type TrainingPlan } from '../../formats/training-plan';
import type { ResolvedUpload } from '../datasets/load-dataset';
import { AbortError, throwIfAborted } from './abort-error';
import { PlanInputError } from './plan-input-error';
import { selectBackend, type SelectedBackend } from './backend/select-backend';
import { decodeCheckpoint, encodeCheckpoint } from './checkpoint-codec';
import { MLP_PROXY_A, mmdDistance, proxyADistance } from './metrics/domain-distance';
import { aggregateResult } from './report/aggregate-result';
import type { RunOptions, RunPlan } from './run-plan-api';
import type { PreparedDomain } from './train/prepare-domain';
import { checkData, disposeDomains, domainTensors, loadDomains } from './units/load-unit-data';
import { createUnitPool, defaultParallelism, type UnitPool } from './units/run-units';
import { shareBaselines } from './units/shared-baselines';
import { runTracks } from './units/track-stages';
import { methodSpec } from './units/train-unit';
import { unitKey, type UnitPosition, type UnitRequest, type UnitResult } from './units/unit-types';

export { AbortError, PlanInputError };

/** Checks of the plan itself, before any data is loaded: every reference resolves. */
function checkReferences(plan: TrainingPlan): void {
  const ids = new Set(plan.domains.map((d) => d.nodeId));
  if (!ids.has(plan.evaluation.targetDomain)) throw new PlanInputError(`The evaluation target "${plan.evaluation.targetDomain}" is not one of the plan's domains.`, plan.evaluation.nodeId ?? undefined, 'targetDomain');
  if (!plan.domains.some((d) => d.role === 'source')) throw new PlanInputError('The plan has no source domain.');
  for (const stage of plan.stages) {
    for (const id of [...stage.labelledDomains, ...(stage.adapt ? [stage.adapt.from, stage.adapt.to] : [])]) {
      if (!ids.has(id)) throw new PlanInputError(`Stage "${stage.name}" refers to domain "${id}", which is not in the plan.`, stage.nodeId);
    }
    for (const id of stage.boosting ? [stage.boosting.sourceDomain, stage.boosting.targetDomain] : []) {
      if (!ids.has(id)) throw new PlanInputError(`TrAdaBoost refers to domain "${id}", which is not in the plan.`, stage.boosting!.nodeId);
    }
  }
}

async function resolveUploads(plan: TrainingPlan, options: RunOptions): Promise<Record<string, ResolvedUpload>> {
  const out: Record<string, ResolvedUpload> = {};
  for (const d of plan.domains) {
    if (d.dataset.kind !== 'upload') continue;
    const found = await options.resolveUpload?.(d.dataset.id);
    if (found) out[d.dataset.id] = found;
  }
  return out;
}

/** Domain similarity on raw inputs, before training (first seed's split): every pair of domains of equal width. */
async function inputDistances(plan: TrainingPlan, prepared: ReadonlyMap<string, PreparedDomain>, seed: number, signal?: AbortSignal): Promise<DomainDistance[]> {
  const wanted = plan.evaluation.domainDistances;
  if (wanted.length === 0) return [];
  const domains = domainTensors(prepared);
  try {
    const out: DomainDistance[] = [];
    const list = plan.domains;
    for (let i = 0; i < list.length; i++) {
      for (let j = i + 1; j < list.length; j++) {
        const a = domains.get(list[i]!.nodeId)!;
        const b = domains.get(list[j]!.nodeId)!;
        if (a.prepared.width !== b.prepared.width) continue;
        throwIfAborted(signal);
        const dist: DomainDistance = { a: list[i]!.nodeId, b: list[j]!.nodeId };
        if (wanted.includes('mmd')) dist.mmd = await mmdDistance(a.trainX, b.trainX, { seed, maxSamples: 300 });
        if (wanted.includes('proxyA') && a.prepared.train.n >= 4 && b.prepared.train.n >= 4) dist.proxyA = (await proxyADistance(a.trainX, b.trainX, seed, { maxSamples: 400, classifier: 'mlp' })).proxyA;
        out.push(dist);
      }
    }
    return out;
  } finally {
    disposeDomains(domains);
  }
}

function startedEvent(plan: TrainingPlan, prepared: ReadonlyMap<string, PreparedDomain>, selected: SelectedBackend): RunEvent {
  return {
    type: 'started',
    version: RUN_EVENT_VERSION,
    backend: selected.name,
    ...(selected.adapter ? { adapter: selected.adapter } : {}),
    ...(selected.notes.length > 0 ? { backendNotes: [...selected.notes] } : {}),
    domains: plan.domains.map((d) => {
      const p = prepared.get(d.nodeId)!;
      return { nodeId: d.nodeId, name: d.name, role: d.role, samples: p.train.n + (p.test?.n ?? 0) + (p.validation?.n ?? 0), labelled: p.labelled, width: p.width };
    }),
  };
}

/** The verdict as a warning where it matters: negative transfer (red), or no labelled test rows at all. */
function verdictWarnings(plan: TrainingPlan, result: RunResult): RunEvent[] {
  const targetId = plan.evaluation.targetDomain;
  if (!result.gain) return [{ type: 'warning', nodeId: targetId, message: 'The target has no labelled held-out samples, so accuracy and transfer gain cannot be measured.' }];
  if (result.verdict !== 'negative') return [];
  const [lo, hi] = result.gain.ci95!;
  const pts = (v: number) => `${(v * 100).toFixed(1)}`;
  const advice = result.advice[0]?.message ?? 'The domains may not share what decides the label.';
  return [{ type: 'warning', nodeId: targetId, message: `Negative transfer: over ${result.seeds.length} seeds the method is ${pts(-result.gain.mean)} points below ${result.gain.baseline} on the target test split (95% interval ${pts(lo)} to ${pts(hi)} points). ${advice}` }];
}

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
  const spec = await methodSpec(plan, options.artifactDir);
  const prepared = await loadDomains(plan, seeds[0]!, uploads, options.signal);
  checkData(plan, prepared, spec);
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
