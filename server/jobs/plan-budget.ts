import os from 'node:os';
import type { PlanDomain, PlanLayer, TrainingPlan } from '../../formats/training-plan';
import { builtinDatasets } from '../../nodes/core/dataset-catalog';

/** What one run may use on this machine (STEPSTONE_TRAINING_MEMORY_MB, STEPSTONE_MAX_TRAINING_FLOPS). */
export interface MachineBudget {
  /** Memory one training process (and each model worker) may use. */
  memoryBytes: number;
  /** Floating-point operations of the whole run (all models, seeds, epochs). */
  flops: number;
}

export function machineBudget(env: NodeJS.ProcessEnv = process.env): MachineBudget {
  const mb = Number(env.STEPSTONE_TRAINING_MEMORY_MB) || Math.min(2048, Math.floor(os.totalmem() / 1024 / 1024 / 2));
  // ~5 GFLOP/s on one CPU core (WASM), ten times the default one-hour run limit: far past anything useful.
  const flops = Number(env.STEPSTONE_MAX_TRAINING_FLOPS) || 5e9 * 3600 * 10;
  return { memoryBytes: mb * 1024 * 1024, flops };
}

export interface PlanCost {
  parameters: number;
  /** Activations of one batch (source + target), forward values and gradients. */
  activationBytes: number;
  /** Weights, gradients, two optimiser moments, activations and the data sets. */
  memoryBytes: number;
  /** Samples passed through the model over the whole run (epochs × samples × seeds × models). */
  samplePasses: number;
  flops: number;
}

/** Rows of a domain: an upload's stored count, a generator's `samples`, a shipped set's `limit` or size. */
export type RowsOf = (domain: PlanDomain) => number;

export function defaultRows(uploadRows: Record<string, number>): RowsOf {
  return (d) => {
    if (d.dataset.kind === 'upload') return uploadRows[d.dataset.id] ?? 0;
    const meta = (builtinDatasets as Record<string, { size?: number; options: Record<string, { default: number }> }>)[d.dataset.id];
    const o = d.dataset.options;
    const asked = typeof o.samples === 'number' ? o.samples : typeof o.limit === 'number' ? o.limit : undefined;
    return asked ?? meta?.options.samples?.default ?? meta?.options.limit?.default ?? meta?.size ?? 0;
  };
}

/** Parameters and per-sample output widths of a layer stack, from an input width or image shape. */
function stackCost(layers: readonly PlanLayer[], width: number, image: [number, number, number] | null): { params: number; widths: number; out: number } {
  let shape = image ? [...image] : null;
  let w = width;
  let params = 0;
  let widths = 0;
  for (const l of layers) {
    if (l.kind === 'dense') {
      params += w * l.units + l.units;
      w = l.units;
    } else if (l.kind === 'conv2d' && shape) {
      params += l.kernelSize * l.kernelSize * shape[2]! * l.filters + l.filters;
      shape = [shape[0]!, shape[1]!, l.filters];
      w = shape[0]! * shape[1]! * shape[2]!;
    } else if (l.kind === 'maxPool2d' && shape) {
      shape = [Math.max(1, Math.floor(shape[0]! / l.poolSize)), Math.max(1, Math.floor(shape[1]! / l.poolSize)), shape[2]!];
      w = shape[0]! * shape[1]! * shape[2]!;
    }
    widths += w;
  }
  return { params, widths, out: w };
}

/** The model's size: extractor, head(s), and a domain classifier behind gradient reversal. */
function modelCost(plan: TrainingPlan): { params: number; widths: number } {
  const ex = plan.model.extractor;
  const fx = stackCost(ex.layers, ex.inputWidth, ex.imageShape);
  let params = fx.params;
  let widths = fx.widths + ex.inputWidth;
  const head = plan.model.head;
  // A head's layers end with its output layer (logits, embedding).
  const heads = head.kind === 'multiTask' ? head.tasks.map((t) => t.layers) : [head.layers];
  for (const layers of heads) {
    const c = stackCost(layers, fx.out, null);
    params += c.params;
    widths += c.widths;
  }
  for (const stage of plan.stages) {
    for (const loss of stage.losses) {
      if (loss.kind !== 'domainAdversarial') continue;
      const c = stackCost([...loss.hidden, 1].map((units) => ({ kind: 'dense' as const, name: 'd', units, activation: 'relu' as const, dropout: 0 })), fx.out, null);
      params += c.params;
      widths += c.widths;
    }
  }
  return { params, widths };
}

/** Estimates a plan's memory and compute before it runs (cheap; no TF.js). */
export function planCost(plan: TrainingPlan, rowsOf: RowsOf): PlanCost {
  const { params, widths } = modelCost(plan);
  const rows = new Map(plan.domains.map((d) => [d.nodeId, rowsOf(d)]));
  const dataBytes = plan.domains.reduce((a, d) => a + (rows.get(d.nodeId) ?? 0) * d.width * 4, 0);
  const batch = Math.max(...plan.stages.map((s) => s.batchSize));
  const activationBytes = 4 * batch * 2 * widths * 2;
  const models = 1 + plan.baselines.length;
  const seeds = plan.evaluation.repeats;
  let perModel = 0;
  for (const s of plan.stages) {
    const stageRows = plan.domains.reduce((a, d) => a + (rows.get(d.nodeId) ?? 0), 0);
    perModel += s.steps !== undefined ? s.steps * s.batchSize * 2 : s.epochs * stageRows * (s.boosting?.rounds ?? 1);
  }
  const samplePasses = perModel * models * seeds;
  return { parameters: params, activationBytes, memoryBytes: params * 4 * 4 + activationBytes + dataBytes, samplePasses, flops: samplePasses * params * 6 };
}

const mb = (b: number) => `${Math.ceil(b / 1024 / 1024)} MB`;

/** A plan beyond this machine's budget: refused when the run starts, with what to change. */
export class PlanTooLargeError extends Error {
  readonly code = 'planTooLarge';
  constructor(
    message: string,
    readonly hint: string,
    readonly cost: PlanCost,
    readonly budget: MachineBudget,
  ) {
    super(message);
    this.name = 'PlanTooLargeError';
  }
}

/** The reason a plan may not run here, or undefined. */
export function checkPlanBudget(cost: PlanCost, budget: MachineBudget): PlanTooLargeError | undefined {
  if (cost.memoryBytes > budget.memoryBytes) {
    return new PlanTooLargeError(
      `planTooLarge: training would need about ${mb(cost.memoryBytes)} of memory (${(cost.parameters / 1e6).toFixed(1)} million parameters, ${mb(cost.activationBytes)} of activations per batch); this machine allows ${mb(budget.memoryBytes)} per run.`,
      'Use fewer or narrower layers (units), or a smaller batch size. STEPSTONE_TRAINING_MEMORY_MB raises the limit on a bigger machine.',
      cost,
      budget,
    );
  }
  if (cost.flops > budget.flops) {
    return new PlanTooLargeError(
      `planTooLarge: training would take about ${cost.flops.toExponential(1)} floating-point operations (${cost.samplePasses.toExponential(1)} sample passes through ${(cost.parameters / 1e6).toFixed(2)} million parameters), more than the ${budget.flops.toExponential(1)} this machine allows per run.`,
      'Use fewer epochs, fewer seeds (repeats), fewer samples or a smaller model. STEPSTONE_MAX_TRAINING_FLOPS raises the limit.',
      cost,
      budget,
    );
  }
  return undefined;
}
