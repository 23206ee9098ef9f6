import type { RunEvent, RunResult } from '../../../formats/run-events';
import { trainingPlanSchema } from '../../../formats/training-plan';
import type { ResolvedUpload } from '../../datasets/parse-upload';
import type { ModelFile } from '../model/model-artifacts';
import { throwIfAborted } from '../abort-error';
import { MLP_PROXY_A } from '../metrics/domain-distance';
import { PlanInputError } from '../plan-input-error';
import { aggregateResult } from '../report/aggregate-result';
import { checkReferences, inputDistances, resolveUploads, startedEvent, verdictWarnings, type RunBackend } from '../run-steps';
import { checkData, loadDomains } from '../units/load-unit-data';
import { runTracks } from '../units/track-stages';
import { methodSpec, trainUnit } from '../units/train-unit';
import type { UnitResult } from '../units/unit-types';

export interface BrowserRunOptions {
  readonly backend: RunBackend;
  readonly onEvent: (event: RunEvent) => void;
  readonly signal?: AbortSignal;
  /** The plan's uploads by id, as the loader reads them (in the worker: Blobs registered by upload-blobs.ts). */
  readonly uploads?: Readonly<Record<string, ResolvedUpload>>;
  /** An export node's files (there is no artifact folder here): the page offers them as a download. */
  readonly onModelFiles?: (name: string, files: ModelFile[]) => void;
}

/**
 * A whole run in one JavaScript context (a browser's Web Worker): the server run's steps (run-steps.ts) around
 * its units, trained one after another on this context's TF.js backend — there are no worker processes to spread
 * them over. No checkpoints, no shared baselines, no artifact folder (an export node's files go to onModelFiles).
 */
export async function runInBrowser(input: unknown, options: BrowserRunOptions): Promise<RunResult> {
  const t0 = Date.now();
  const parsed = trainingPlanSchema.safeParse(input);
  if (!parsed.success) throw new PlanInputError(`The training plan is malformed: ${parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}`);
  const plan = parsed.data;
  checkReferences(plan);
  const missing = plan.domains.find((d) => d.dataset.kind === 'upload' && !options.uploads?.[d.dataset.id]);
  if (missing) throw new PlanInputError(`Domain "${missing.name}" uses an uploaded data set that this browser run was not given: read it from the server (with access) or pick its file.`, missing.nodeId, 'dataset');
  const seeds = Array.from({ length: plan.evaluation.repeats }, (_, k) => plan.seed + k);
  const uploads = await resolveUploads(plan, { resolveUpload: async (id) => options.uploads?.[id] });
  const spec = await methodSpec(plan, undefined);
  const prepared = await loadDomains(plan, seeds[0]!, uploads, options.signal);
  checkData(plan, prepared, spec);
  options.onEvent(startedEvent(plan, prepared, options.backend));
  const distances = await inputDistances(plan, prepared, seeds[0]!, options.signal);
  if (distances.length > 0) options.onEvent({ type: 'domainDistances', distances, classifier: MLP_PROXY_A });
  const units: UnitResult[] = [];
  // The method first, as on the server: its curve appears first.
  const tracks = runTracks(plan).reverse();
  for (const [seedIndex, seed] of seeds.entries()) {
    for (const track of tracks) {
      throwIfAborted(options.signal);
      const request = { plan, track, seed, seedIndex, backend: options.backend.name, uploads, positionEveryMs: null };
      units.push(await trainUnit(request, { signal: options.signal, emit: options.onEvent, onModelFiles: options.onModelFiles }));
    }
  }
  const backend = options.backend.name;
  const aggregated = aggregateResult({ plan, seeds, units, inputDistances: distances, proxyAClassifier: { inputs: MLP_PROXY_A, features: MLP_PROXY_A }, backend, durationMs: Date.now() - t0 });
  const result: RunResult = options.backend.adapter ? { ...aggregated, adapter: options.backend.adapter } : aggregated;
  for (const w of verdictWarnings(plan, result)) options.onEvent(w);
  options.onEvent({ type: 'final', result });
  return result;
}
