/**
 * Where one optimiser step's time goes, on a case's method stage: forward (the objective), backward (autodiff
 * minus forward), optimiser (a full step minus forward + backward), in CPU time over the same batches. Kernels per
 * step come from tf.profile. The report-side shares (read-back, evaluation, events) come from the run's stage clock.
 */
import * as tf from '@tensorflow/tfjs';
import type { TrainingPlan } from '../../formats/training-plan';
import { Model } from '../../server/runtime/model/model';
import { withParams } from '../../server/runtime/ops/param-binding';
import { SeededRandom } from '../../server/runtime/ops/seeded-random';
import { trackFixture } from '../../server/runtime/test-support/track-fixture';
import { EpochBatches } from '../../server/runtime/train/epoch-batches';
import { FlatAdam } from '../../server/runtime/train/flat-adam';
import { FlatParams } from '../../server/runtime/train/flat-params';
import { poolContext } from '../../server/runtime/train/run-train-stage';
import { objective, StageStepper, type StepBatches } from '../../server/runtime/train/stage-step';
import { buildPools, disposePools } from '../../server/runtime/train/stage-pools';

export interface StepBreakdown { forwardMs: number; backwardMs: number; optimizerMs: number; stepMs: number; kernels: number }

const STEPS = 200;

/** CPU ms per call of this process (WASM runs on one thread): steadier than wall time on a shared machine. */
function timed(steps: number, fn: (s: number) => void): number {
  fn(0);
  const c0 = process.cpuUsage();
  for (let s = 1; s <= steps; s++) fn(s);
  const c = process.cpuUsage(c0);
  return (c.user + c.system) / 1000 / steps;
}

export async function stepBreakdown(plan: TrainingPlan): Promise<StepBreakdown> {
  const stage = plan.stages[0]!;
  const { state, buildTerms, dispose } = await trackFixture(plan);
  const model = new Model(state.modelSpec, 1);
  state.model = model;
  const terms = buildTerms(model);
  const pools = buildPools(stage, state.modelSpec, poolContext(state));
  const vars = [...model.trainableVariables(stage.frozen), ...terms.flatMap((t) => [...t.variables])];
  const setup = { model, terms, classWeight: 1, sourceIsHead0: pools.sourceIsHead0 };
  const rng = new SeededRandom(1);
  const sides = [...pools.heads, pools.sourceIsHead0 ? null : pools.source, pools.target];
  const batches = sides.map((p) => (p ? new EpochBatches(p, rng.permutation(p.n), stage.batchSize, STEPS + 1) : null));
  const k = pools.heads.length;
  const at = (s: number) => (): StepBatches => ({ heads: batches.slice(0, k).map((b) => b?.at(s) ?? null), source: batches[k]?.at(s) ?? null, target: batches[k + 1]?.at(s) ?? null, progress: 0.5, dropoutSeed: s });
  const flat = new FlatParams(vars);
  // Batches are sliced outside the recorded function, as the stepper does (the closed-form losses read them in backprop).
  const forwardMs = timed(STEPS, (s) => tf.tidy(() => {
    const b = at(s)();
    withParams(flat.views(), () => objective(setup, b, []));
  }));
  const gradMs = timed(STEPS, (s) => tf.tidy(() => {
    const b = at(s)();
    tf.variableGrads(() => withParams(flat.views(), () => objective(setup, b, [])), [flat.flat]);
  }));
  const optimizer = new FlatAdam(1e-3);
  const stepper = new StageStepper(setup, optimizer, vars);
  const stepMs = timed(STEPS, (s) => stepper.step(at(s)));
  const kernels = (await tf.profile(() => stepper.step(at(1)))).kernels.length;
  for (const b of batches) b?.dispose();
  for (const t of terms) t.dispose();
  stepper.dispose();
  flat.dispose();
  optimizer.dispose();
  disposePools(pools);
  dispose();
  return { forwardMs, backwardMs: gradMs - forwardMs, optimizerMs: stepMs - gradMs, stepMs, kernels };
}
