/**
 * The work a run does, written out for bench/e2e/e2e_torch.py: the exact rows our runtime trains on (seed `plan.seed`'s
 * splits), every model the run trains (the baselines and the method) with its network, loss, optimiser, batch size
 * and optimiser steps. PyTorch then does the same work; nothing here is timed.
 */
import type { TrainingPlan } from '../../formats/training-plan';
import { runTracks, baselineSpec, methodStepBudget } from '../../server/runtime/units/track-stages';
import { methodSpec } from '../../server/runtime/units/train-unit';
import { disposeDomains, domainTensors, loadDomains } from '../../server/runtime/units/load-unit-data';
import { poolContext } from '../../server/runtime/train/run-train-stage';
import type { PreparedDomain } from '../../server/runtime/train/prepare-domain';
import type { ModelSpec } from '../../server/runtime/model/model';

interface Rows { x: number[]; y: number[]; n: number }
export interface TorchModel {
  track: string;
  extractor: { units: number; activation: string }[];
  head: { units: number; activation: string }[];
  loss: TrainingPlan['stages'][number]['losses'][number] | null;
  steps: number;
  batch: number;
  optimizer: TrainingPlan['stages'][number]['optimizer'];
}
export interface TorchWork { width: number; classes: number; source: Rows; target: Rows; test: Rows; models: TorchModel[] }

const rows = (s: { x: Float32Array; y: Int32Array | number[]; n: number } | null | undefined): Rows => ({ x: s ? Array.from(s.x) : [], y: s ? Array.from(s.y) : [], n: s?.n ?? 0 });
const layers = (ls: readonly ModelSpec['extractor']['layers'][number][]) => ls.map((l) => (l.kind === 'dense' ? { units: l.units, activation: l.activation } : { units: 0, activation: l.kind }));

/** Only plans with one dense extractor, one classifier head and one train stage (the e2e cases) are supported. */
export async function torchWork(plan: TrainingPlan): Promise<TorchWork> {
  const spec = await methodSpec(plan, undefined);
  const prepared = await loadDomains(plan, plan.seed, {});
  const src = prepared.get(plan.domains.find((d) => d.role === 'source')!.nodeId)!;
  const tgt = prepared.get(plan.evaluation.targetDomain)!;
  const stage = plan.stages[0]!;
  if (plan.stages.length !== 1 || stage.kind !== 'train') throw new Error('torchWork: one train stage only');
  const domains = domainTensors(prepared);
  const budget = methodStepBudget(plan, spec, baselineSpec(plan, spec, 0, src.width), poolContext({ plan, domains, sourceIds: [src.nodeId], targetId: tgt.nodeId, modelSpec: spec }));
  disposeDomains(domains);
  const head = spec.heads[0]!;
  const models = runTracks(plan).map((track) => ({
    track,
    extractor: layers(spec.extractor.layers),
    head: layers(head.layers),
    loss: track === 'method' ? (stage.losses.find((l) => l.kind !== 'classification') ?? null) : null,
    steps: budget,
    batch: stage.batchSize,
    optimizer: stage.optimizer,
  }));
  const labelled = (p: PreparedDomain) => ({ x: p.train.x, y: p.train.y, n: p.train.n });
  return { width: src.width, classes: head.classes, source: rows(labelled(src)), target: rows(labelled(tgt)), test: rows(tgt.test), models };
}
