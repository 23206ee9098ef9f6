import { beforeAll, describe, expect, it } from 'vitest';
import type { RunEvent } from '../../../formats/run-events';
import { selectBackend } from '../backend/select-backend';
import { runPlan } from '../run-plan';
import { dannLoss, moonsPlan } from '../test-support/moons-plan';

beforeAll(async () => {
  await selectBackend('wasm');
});

describe('models train in parallel worker processes', () => {
  it('two workers give the same result as one process, and every model reports once', async () => {
    const plan = moonsPlan({ losses: [dannLoss], epochs: 5, seed: 1 });
    plan.evaluation.repeats = 2;
    plan.evaluation.featureProjection = 'none';
    const one = await runPlan(plan, { backend: 'wasm', parallelism: 1, onEvent: () => {} });
    const events: RunEvent[] = [];
    const two = await runPlan(plan, { backend: 'wasm', parallelism: 2, onEvent: (e) => events.push(e) });
    expect(two.models).toEqual(one.models);
    expect(two.gain).toEqual(one.gain);
    const models = events.filter((e): e is Extract<RunEvent, { type: 'model' }> => e.type === 'model').map((e) => `${e.track}@${e.seed}`);
    expect(models.sort()).toEqual(['method@1', 'method@2', 'sourceOnly@1', 'sourceOnly@2']);
  }, 120_000);

  it('cancel stops every worker: AbortError', async () => {
    const controller = new AbortController();
    const plan = moonsPlan({ losses: [dannLoss], epochs: 400, seed: 2 });
    const run = runPlan(plan, {
      backend: 'wasm',
      parallelism: 2,
      signal: controller.signal,
      onEvent: (e) => {
        if (e.type === 'epoch') controller.abort(); // the first progress report
      },
    });
    await expect(run).rejects.toMatchObject({ name: 'AbortError' });
  }, 60_000);
});
