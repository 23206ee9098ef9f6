import type { TrainingPlan } from '../formats/training-plan';
import { runPlan } from '../server/runtime/run-plan';

export interface ParallelTiming {
  readonly task: string;
  readonly models: number;
  readonly wallMs: Record<'threads1' | 'threads2', number>;
  readonly speedup: number;
  /** Total model work ÷ (threads × wall time), the work being the one-thread run's wall time. */
  readonly efficiency: number;
}

/**
 * The same run (its models × seeds) with one training thread and with two, side by side in one invocation.
 * The one-thread wall time is the run's total model work (everything that happens in the run, done serially).
 */
export async function parallelTiming(plan: TrainingPlan, seeds = 5): Promise<ParallelTiming> {
  plan.evaluation.repeats = seeds;
  const time = async (parallelism: number) => {
    const t0 = performance.now();
    await runPlan(structuredClone(plan), { parallelism, onEvent: () => {} });
    return performance.now() - t0;
  };
  let models = 0;
  await runPlan(structuredClone({ ...plan, evaluation: { ...plan.evaluation, repeats: 1 } }), { parallelism: 1, onEvent: (e) => void (e.type === 'model' && models++) });
  const threads1 = await time(1);
  const threads2 = await time(2);
  return {
    task: `${plan.graphName}: ${seeds} seeds × ${models} models, full run through runPlan`,
    models: models * seeds,
    wallMs: { threads1: Math.round(threads1), threads2: Math.round(threads2) },
    speedup: threads1 / threads2,
    efficiency: threads1 / (2 * threads2),
  };
}
