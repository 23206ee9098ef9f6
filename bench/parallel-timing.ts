import type { TrainingPlan } from '../formats/training-plan';
import { runPlan } from '../server/runtime/run-plan';

export interface ParallelTiming {
  readonly task: string;
  readonly models: number;
  readonly wallMs: Record<'workers1' | 'workers2', number>;
  readonly speedup: number;
  /** Total model work ÷ (workers × wall time), the work being the one-process run's wall time. */
  readonly efficiency: number;
}

/**
 * The same run (its models × seeds) in one process and with two worker processes, side by side in one invocation.
 * The one-process wall time is the run's total model work (everything that happens in the run, done serially).
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
  const workers1 = await time(1);
  const workers2 = await time(2);
  return {
    task: `${plan.graphName}: ${seeds} seeds × ${models} models, full run through runPlan`,
    models: models * seeds,
    wallMs: { workers1: Math.round(workers1), workers2: Math.round(workers2) },
    speedup: workers1 / workers2,
    efficiency: workers1 / (2 * workers2),
  };
}
