import * as tf from '@tensorflow/tfjs';
import type { PlanLoss, PlanStage } from '../../../formats/training-plan';
import type { ModelSpec } from '../model/model';
import type { DomainData } from './types';

/** Rows a head (or an adaptation side) learns from: features, labels and optional per-row weights. */
export interface Pool {
  readonly x: tf.Tensor2D;
  readonly y: tf.Tensor1D;
  readonly weights: tf.Tensor1D | null;
  /** Labels one-hot [n, classes] for classifier heads (the fast cross-entropy's input), else null. */
  readonly oneHot: tf.Tensor2D | null;
  readonly n: number;
  /** Whether the pool owns its tensors (merged copies) or borrows a domain's. */
  readonly owned: boolean;
}

export interface StagePools {
  /** One pool per head: its labelled rows in this stage (null: the head has none). */
  readonly heads: (Pool | null)[];
  /** Adaptation sides (all rows, labels unused), or the autoencoder's rows in `source`. */
  readonly source: Pool | null;
  readonly target: Pool | null;
  /**
   * The source side is exactly the first head's rows (one fully labelled source domain, unweighted): its batch is
   * then the head's batch, as in every DANN/DAN implementation, and one forward pass serves both.
   */
  readonly sourceIsHead0: boolean;
}

/** What decides a stage's pools, without tensors: enough to count its steps before training. */
export interface PoolContext {
  readonly domains: ReadonlyMap<string, DomainData>;
  readonly sourceIds: readonly string[];
  readonly targetId: string;
  readonly autoencoderDomains: readonly string[];
}

/** Loss kinds that pull source and target batches every step. */
const adaptationKinds = new Set<PlanLoss['kind']>(['mmd', 'domainAdversarial', 'selfTraining']);
const stageNeedsAdaptation = (stage: PlanStage): boolean => stage.losses.some((l) => adaptationKinds.has(l.kind));

function labelledIds(stage: PlanStage): readonly string[] {
  if (stage.kind === 'pretrainAutoencoder') return [];
  const classification = stage.losses.find((l) => l.kind === 'classification');
  return classification && classification.domains.length > 0 ? classification.domains : stage.labelledDomains;
}

function headDomainIds(stage: PlanStage, head: ModelSpec['heads'][number]): readonly string[] {
  const ids = labelledIds(stage);
  if (head.domainNodeId === null) return ids;
  return ids.includes(head.domainNodeId) ? [head.domainNodeId] : [];
}

function adaptationIds(stage: PlanStage, ctx: PoolContext): { from: string[]; to: string[] } | null {
  if (stage.kind === 'pretrainAutoencoder') {
    const ids = [...new Set([...stage.labelledDomains, ...ctx.autoencoderDomains])];
    return { from: ids.length > 0 ? ids : [...ctx.domains.keys()], to: [] };
  }
  if (!stageNeedsAdaptation(stage)) return null;
  return { from: [stage.adapt?.from ?? ctx.sourceIds[0] ?? ''], to: [stage.adapt?.to ?? ctx.targetId] };
}

function labelledCount(ctx: PoolContext, ids: readonly string[], keep: (label: number) => boolean): number {
  let n = 0;
  for (const id of ids) for (const y of ctx.domains.get(id)?.prepared.train.y ?? []) if (y >= 0 && keep(y)) n++;
  return n;
}

function rowCount(ctx: PoolContext, ids: readonly string[]): number {
  return ids.reduce((s, id) => s + (ctx.domains.get(id)?.prepared.train.n ?? 0), 0);
}

/** Rows per pool, in pool order (heads…, source side, target side). */
export function poolSizes(stage: PlanStage, spec: ModelSpec, ctx: PoolContext): number[] {
  const heads = spec.heads.map((h) => {
    const unseen = new Set(h.unseen ?? []);
    return labelledCount(ctx, headDomainIds(stage, h), (y) => !unseen.has(y));
  });
  const adapt = adaptationIds(stage, ctx);
  return [...heads, adapt ? rowCount(ctx, adapt.from) : 0, adapt ? rowCount(ctx, adapt.to) : 0];
}

/** A step draws one batch from every pool; an epoch lasts until the largest pool has been seen once. */
export function stepsPerEpoch(sizes: readonly number[], batchSize: number): number {
  return Math.max(1, ...sizes.map((n) => Math.ceil(n / batchSize)));
}

/** Optimiser steps a gradient stage takes: its step budget, else epochs × steps per epoch. */
export function stageStepCount(stage: PlanStage, spec: ModelSpec, ctx: PoolContext): number {
  return stage.steps ?? stage.epochs * stepsPerEpoch(poolSizes(stage, spec, ctx), stage.batchSize);
}

function mergeRows(ctx: PoolContext, ids: readonly string[], keep: (y: number) => boolean, classes: number | null, rowWeights?: ReadonlyMap<string, Float32Array>): Pool | null {
  const rows: { d: DomainData; i: number; w: number }[] = [];
  for (const id of ids) {
    const d = ctx.domains.get(id);
    const w = rowWeights?.get(id);
    if (!d) continue;
    for (let i = 0; i < d.prepared.train.n; i++) {
      const label = d.prepared.train.y[i]!;
      if (label >= 0 && keep(label)) rows.push({ d, i, w: w ? w[i]! : 1 });
    }
  }
  if (rows.length === 0) return null;
  const width = rows[0]!.d.prepared.width;
  const x = new Float32Array(rows.length * width);
  rows.forEach((r, k) => x.set(r.d.prepared.train.x.subarray(r.i * width, (r.i + 1) * width), k * width));
  const y = tf.tensor1d(rows.map((r) => r.d.prepared.train.y[r.i]!), 'int32');
  return {
    x: tf.tensor2d(x, [rows.length, width]),
    y,
    weights: rowWeights ? tf.tensor1d(rows.map((r) => r.w)) : null,
    oneHot: classes === null ? null : tf.tidy(() => tf.oneHot(y, classes).toFloat() as tf.Tensor2D),
    n: rows.length,
    owned: true,
  };
}

function allRows(ctx: PoolContext, ids: readonly string[]): Pool | null {
  const present = ids.filter((id) => ctx.domains.has(id));
  if (present.length === 0) return null;
  if (present.length === 1) {
    const d = ctx.domains.get(present[0]!)!;
    return { x: d.trainX, y: tf.zeros([0], 'int32'), weights: null, oneHot: null, n: d.prepared.train.n, owned: false };
  }
  const x = tf.concat(present.map((id) => ctx.domains.get(id)!.trainX)) as tf.Tensor2D;
  return { x, y: tf.zeros([0], 'int32'), weights: null, oneHot: null, n: x.shape[0], owned: true };
}

/** The stage's pools as tensors (free them with disposePools). */
export function buildPools(stage: PlanStage, spec: ModelSpec, ctx: PoolContext, rowWeights?: ReadonlyMap<string, Float32Array>): StagePools {
  const heads = spec.heads.map((h) => {
    const unseen = new Set(h.unseen ?? []);
    return mergeRows(ctx, headDomainIds(stage, h), (y) => !unseen.has(y), h.kind === 'classes' ? h.classes : null, rowWeights);
  });
  const adapt = adaptationIds(stage, ctx);
  const target = adapt && adapt.to.length > 0 ? allRows(ctx, adapt.to) : null;
  if (adapt && target && heads[0] && !rowWeights && sameRows(ctx, headDomainIds(stage, spec.heads[0]!), adapt.from, heads[0].n)) {
    return { heads, source: heads[0], target, sourceIsHead0: true };
  }
  return { heads, source: adapt ? allRows(ctx, adapt.from) : null, target, sourceIsHead0: false };
}

/** Whether a head's pool (over `headIds`, `n` rows) holds every row of the single adaptation source, in order. */
function sameRows(ctx: PoolContext, headIds: readonly string[], from: readonly string[], n: number): boolean {
  return from.length === 1 && headIds.length === 1 && headIds[0] === from[0] && ctx.domains.get(from[0]!)?.prepared.train.n === n;
}

function disposePool(p: Pool | null): void {
  if (!p) return;
  p.y.dispose();
  p.weights?.dispose();
  p.oneHot?.dispose();
  if (p.owned) p.x.dispose();
}

export function disposePools(p: StagePools): void {
  for (const h of p.heads) disposePool(h);
  if (!p.sourceIsHead0) disposePool(p.source);
  disposePool(p.target);
}
