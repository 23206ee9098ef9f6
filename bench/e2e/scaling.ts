/**
 * How a run's time grows with the work, on the MNIST→optdigits DANN set-up (5 epochs, one seed, one worker):
 * source rows ×1, ×2, ×4, ×8 (50…400 digits per class; optdigits limited alike) and the extractor's widths ×1, ×2,
 * ×4 (128-64 … 512-256). The exponent is the least-squares slope of log(time) on log(factor): 1 is linear.
 */
import type { TrainingPlan } from '../../formats/training-plan';
import { runPlan } from '../../server/runtime/run-plan';
import { stageClock } from '../../server/runtime/train/stage-clock';
import { digitsDann, digitsPlan } from '../methods-bench';

export interface ScalingSeries { factors: number[]; runSeconds: number[]; loopSeconds: number[]; exponent: number; loopExponent: number }

function scaled(rows: number, width: number): TrainingPlan {
  const plan = digitsPlan([digitsDann], 0);
  plan.stages[0]!.epochs = 5;
  plan.evaluation.featureProjection = 'none';
  plan.domains[0] = { ...plan.domains[0]!, dataset: { kind: 'builtin', id: 'mnist-8x8', options: { perClass: 50 * rows, seed: 1 } } };
  plan.domains[1] = { ...plan.domains[1]!, dataset: { kind: 'builtin', id: 'optdigits', options: { limit: 200 * rows, seed: 2 } } };
  const ex = plan.model.extractor;
  plan.model.extractor = { ...ex, layers: ex.layers.map((l) => (l.kind === 'dense' ? { ...l, units: l.units * width } : l)), outputWidth: ex.outputWidth * width };
  return plan;
}

function slope(xs: number[], ys: number[]): number {
  const lx = xs.map(Math.log);
  const ly = ys.map(Math.log);
  const mx = lx.reduce((a, b) => a + b, 0) / lx.length;
  const my = ly.reduce((a, b) => a + b, 0) / ly.length;
  const cov = lx.reduce((s, x, i) => s + (x - mx) * (ly[i]! - my), 0);
  return cov / lx.reduce((s, x) => s + (x - mx) ** 2, 0);
}

async function series(factors: number[], plan: (f: number) => TrainingPlan): Promise<ScalingSeries> {
  const runSeconds: number[] = [];
  const loopSeconds: number[] = [];
  for (const f of factors) {
    stageClock.reset();
    const t0 = performance.now();
    await runPlan(plan(f), { onEvent: () => {}, parallelism: 1 });
    runSeconds.push((performance.now() - t0) / 1000);
    loopSeconds.push(stageClock.snapshot().stepMs / 1000);
  }
  return { factors, runSeconds, loopSeconds, exponent: slope(factors, runSeconds), loopExponent: slope(factors, loopSeconds) };
}

export async function scalingBench(): Promise<{ rows: ScalingSeries; width: ScalingSeries }> {
  const rows = await series([1, 2, 4, 8], (f) => scaled(f, 1));
  console.log(`rows ×${rows.factors.join(', ×')}: run ${rows.runSeconds.map((s) => s.toFixed(2)).join(' / ')} s (exponent ${rows.exponent.toFixed(2)}), loop exponent ${rows.loopExponent.toFixed(2)}`);
  const width = await series([1, 2, 4], (f) => scaled(2, f));
  console.log(`width ×${width.factors.join(', ×')}: run ${width.runSeconds.map((s) => s.toFixed(2)).join(' / ')} s (exponent ${width.exponent.toFixed(2)}), loop exponent ${width.loopExponent.toFixed(2)}`);
  return { rows, width };
}
