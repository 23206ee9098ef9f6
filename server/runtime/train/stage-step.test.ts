import * as tf from '@tensorflow/tfjs';
import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { selectBackend } from '../backend/select-backend';
import { Model } from '../model/model';
import { SeededRandom } from '../ops/seeded-random';
import { dannLoss, moonsPlan } from '../test-support/moons-plan';
import { trackFixture } from '../test-support/track-fixture';
import { EpochBatches } from './epoch-batches';
import { FlatAdam } from './flat-adam';
import { poolContext, runTrainStage } from './run-train-stage';
import { StageStepper } from './stage-step';
import { buildPools, disposePools } from './stage-pools';

beforeAll(async () => {
  await selectBackend('wasm');
});
afterEach(() => {
  vi.restoreAllMocks();
});

/**
 * The kernel count of one training step of the 2×10 ReLU MLP with DANN (domain classifier 10→1, batch 34 + 34), as
 * recorded by tf.profile (backend kernels plus the custom ops' scopes). On WASM a small step costs ~5 µs per kernel,
 * so this is the lever on small-model speed. It was 495 before the flat parameter vector, the joint source+target
 * pass, the closed-form losses, the step arena and the one-kernel Adam (measured with the same profile). It may only
 * go down.
 */
const DANN_STEP_KERNELS = 130;

describe('training step', () => {
  it(`one 2×10 MLP DANN step records at most ${DANN_STEP_KERNELS} kernels`, async () => {
    const plan = moonsPlan({ losses: [dannLoss], batchSize: 34 });
    const { state, buildTerms, dispose } = await trackFixture(plan);
    const model = new Model(state.modelSpec, 1);
    state.model = model;
    const terms = buildTerms(model);
    const pools = buildPools(plan.stages[0]!, state.modelSpec, poolContext(state));
    expect(pools.sourceIsHead0).toBe(true);
    const optimizer = new FlatAdam(1e-3);
    const stepper = new StageStepper({ model, terms, classWeight: 1, sourceIsHead0: true }, optimizer, [...model.trainableVariables([]), ...terms.flatMap((t) => [...t.variables])]);
    const rng = new SeededRandom(1);
    const head = new EpochBatches(pools.heads[0]!, rng.permutation(pools.heads[0]!.n), 34, 3);
    const target = new EpochBatches(pools.target!, rng.permutation(pools.target!.n), 34, 3);
    const batches = (s: number) => () => ({ heads: [head.at(s)], source: null, target: target.at(s), progress: 0.5, dropoutSeed: 1 });
    stepper.step(batches(0)); // loads the epoch's rows and creates Adam's slots
    const info = await tf.profile(() => stepper.step(batches(1)));
    expect(info.kernels.length).toBeGreaterThan(20);
    expect(info.kernels.length).toBeLessThanOrEqual(DANN_STEP_KERNELS);
    for (const t of terms) t.dispose();
    head.dispose();
    target.dispose();
    stepper.dispose();
    optimizer.dispose();
    disposePools(pools);
    dispose();
  });

  it('reads nothing back to the host inside the batch loop: host reads follow reports, not steps', async () => {
    const reads = async (batchSize: number) => {
      const plan = moonsPlan({ losses: [dannLoss], epochs: 4, batchSize });
      const events: unknown[] = [];
      const { state, buildTerms, dispose } = await trackFixture(plan, events as never);
      // Tensor.dataSync/data/array go through the engine: on a GPU backend each is a device synchronisation.
      const engine = tf.engine();
      const readSync = vi.spyOn(engine, 'readSync');
      const read = vi.spyOn(engine, 'read');
      await runTrainStage(plan.stages[0]!, 0, state, buildTerms);
      const count = readSync.mock.calls.length + read.mock.calls.length;
      readSync.mockRestore();
      read.mockRestore();
      dispose();
      return { count, reports: events.length };
    };
    // 85 source rows: batch 85 is one step per epoch, batch 5 is seventeen; both report after each of 4 epochs.
    const one = await reads(85);
    const many = await reads(5);
    expect(one.reports).toBe(4);
    expect(many.reports).toBe(4);
    expect(many.count).toBe(one.count);
    expect(many.count).toBeGreaterThan(0);
  });
});
