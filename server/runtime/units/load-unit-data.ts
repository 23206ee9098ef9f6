import * as tf from '@tensorflow/tfjs';
import type { TrainingPlan } from '../../../formats/training-plan';
import { throwIfAborted } from '../abort-error';
import { PlanInputError } from '../plan-input-error';
import type { ModelSpec } from '../model/model';
import { builderPart } from './builder-part';
import { scaleDomains } from '../train/feature-scaling';
import type { PreparedDomain } from '../train/prepare-domain';
import type { DomainData } from '../train/types';
import type { ResolvedUpload } from '../../datasets/load-dataset';

/** Checks that need the loaded data: non-empty domains, labels where a stage needs them, class counts. */
export function checkData(plan: TrainingPlan, prepared: ReadonlyMap<string, PreparedDomain>, spec: ModelSpec): void {
  const target = prepared.get(plan.evaluation.targetDomain)!;
  if (target.train.n === 0 && (target.test?.n ?? 0) === 0) throw new PlanInputError(`The target domain "${target.name}" has no samples.`, target.nodeId, 'dataset');
  for (const stage of plan.stages) {
    if (stage.kind === 'pretrainAutoencoder') continue;
    const labelled = stage.labelledDomains.reduce((s, id) => s + (prepared.get(id)?.labelled ?? 0), 0);
    if (labelled === 0 && stage.kind !== 'boosting') {
      throw new PlanInputError(`Stage "${stage.name}" trains on labelled samples of ${stage.labelledDomains.map((id) => `"${prepared.get(id)?.name ?? id}"`).join(', ') || 'no domain'}, but none has labels.`, stage.nodeId, 'labelledDomains');
    }
  }
  const head = spec.heads.find((h) => h.domainNodeId === target.nodeId) ?? spec.heads[0]!;
  for (const d of prepared.values()) {
    let max = -1;
    for (const split of [d.trainTrueY, d.test?.y ?? [], d.validation?.y ?? []]) for (const y of split) max = Math.max(max, y);
    const h = spec.heads.find((x) => x.domainNodeId === d.nodeId) ?? head;
    if (max >= h.classes) throw new PlanInputError(`Domain "${d.name}" has class ${max} but the head predicts ${h.classes} classes.`, d.nodeId, 'classes');
  }
}

/**
 * The seed of a domain's splits. The target's does not depend on its place in a transitive chain (it is the
 * direct graph's, order 1), so a chain and a direct graph are scored on the same held-out rows; intermediates
 * keep distinct seeds after it.
 */
export function splitSeed(d: TrainingPlan['domains'][number], seed: number): number {
  if (d.role === 'target') return seed + 17 * 1 + 1;
  if (d.role === 'intermediate') return seed + 17 * (d.order + 1) + 1;
  return seed + 17 * d.order + 1;
}

/** Every domain of the plan loaded and split for `seed` (a seed changes the splits, not a generator's own seed). */
export async function loadDomains(plan: TrainingPlan, seed: number, uploads: Readonly<Record<string, ResolvedUpload>>, signal?: AbortSignal): Promise<Map<string, PreparedDomain>> {
  const prepared = new Map<string, PreparedDomain>();
  for (const d of plan.domains) {
    const load = builderPart(d.nodeType, 'loadDomain', d.nodeId);
    prepared.set(d.nodeId, await load(d, splitSeed(d, seed), { resolveUpload: async (id) => uploads[id] }));
    throwIfAborted(signal);
  }
  scaleDomains(plan, prepared);
  return prepared;
}

/** Tensors of every split (freed by disposeDomains). */
export function domainTensors(prepared: ReadonlyMap<string, PreparedDomain>): Map<string, DomainData> {
  const out = new Map<string, DomainData>();
  for (const [id, p] of prepared) {
    out.set(id, {
      prepared: p,
      trainX: tf.tensor2d(p.train.x, [p.train.n, p.width]),
      testX: p.test ? tf.tensor2d(p.test.x, [p.test.n, p.width]) : null,
      validationX: p.validation ? tf.tensor2d(p.validation.x, [p.validation.n, p.width]) : null,
    });
  }
  return out;
}

export function disposeDomains(domains: Map<string, DomainData>): void {
  for (const d of domains.values()) tf.dispose([d.trainX, ...(d.testX ? [d.testX] : []), ...(d.validationX ? [d.validationX] : [])]);
  domains.clear();
}
