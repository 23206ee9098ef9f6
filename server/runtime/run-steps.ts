import { RUN_EVENT_VERSION, type DomainDistance, type RunEvent, type RunResult } from '../../formats/run-events';
import type { TrainingPlan } from '../../formats/training-plan';
import type { ResolvedUpload } from '../datasets/load-dataset';
import { throwIfAborted } from './abort-error';
import { PlanInputError } from './plan-input-error';
import { mmdDistance, proxyADistance } from './metrics/domain-distance';
import type { RunOptions } from './run-plan-api';
import type { PreparedDomain } from './train/prepare-domain';
import { disposeDomains, domainTensors } from './units/load-unit-data';

/**
 * The steps of a run around its units' training, shared by the server's run (run-plan.ts, units in worker
 * processes) and the browser's (browser/run-in-browser.ts, units in one Web Worker): isomorphic, no Node imports.
 */

/** The backend a run trains on, as the `started` event reports it. */
export interface RunBackend {
  readonly name: RunResult['backend'];
  readonly adapter?: string;
  readonly notes: readonly string[];
}

/** Checks of the plan itself, before any data is loaded: every reference resolves. */
export function checkReferences(plan: TrainingPlan): void {
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

/** Upload ids a plan reads: its domains' data sets and an uploaded pre-trained model. */
export function planUploadIds(plan: TrainingPlan): string[] {
  const ids = plan.domains.flatMap((d) => (d.dataset.kind === 'upload' ? [d.dataset.id] : []));
  const model = plan.model.extractor.upload?.id;
  return model ? [...new Set([...ids, model])] : [...new Set(ids)];
}

export async function resolveUploads(plan: TrainingPlan, options: Pick<RunOptions, 'resolveUpload'>): Promise<Record<string, ResolvedUpload>> {
  const out: Record<string, ResolvedUpload> = {};
  for (const id of planUploadIds(plan)) {
    const found = await options.resolveUpload?.(id);
    if (found) out[id] = found;
  }
  return out;
}

/** Domain similarity on raw inputs, before training (first seed's split): every pair of domains of equal width. */
export async function inputDistances(plan: TrainingPlan, prepared: ReadonlyMap<string, PreparedDomain>, seed: number, signal?: AbortSignal): Promise<DomainDistance[]> {
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

export function startedEvent(plan: TrainingPlan, prepared: ReadonlyMap<string, PreparedDomain>, selected: RunBackend): RunEvent {
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
export function verdictWarnings(plan: TrainingPlan, result: RunResult): RunEvent[] {
  const targetId = plan.evaluation.targetDomain;
  if (!result.gain) return [{ type: 'warning', nodeId: targetId, message: 'The target has no labelled held-out samples, so accuracy and transfer gain cannot be measured.' }];
  if (result.verdict !== 'negative') return [];
  const [lo, hi] = result.gain.ci95!;
  const pts = (v: number) => `${(v * 100).toFixed(1)}`;
  const advice = result.advice[0]?.message ?? 'The domains may not share what decides the label.';
  return [{ type: 'warning', nodeId: targetId, message: `Negative transfer: over ${result.seeds.length} seeds the method is ${pts(-result.gain.mean)} points below ${result.gain.baseline} on the target test split (95% interval ${pts(lo)} to ${pts(hi)} points). ${advice}` }];
}
