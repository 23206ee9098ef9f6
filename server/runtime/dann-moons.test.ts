import { beforeAll, describe, expect, it } from 'vitest';
import { selectBackend } from './backend/select-backend';
import { runPlan } from './run-plan';
import { dannLoss, moonsPlan, stableDann } from './test-support/moons-plan';

beforeAll(async () => {
  await selectBackend('wasm');
});

// Two moons, target rotated 30°, 100 labelled source points, 100 unlabelled target points (+100 held out).
describe('DANN on two moons rotated 30° beats source-only', () => {
  for (const seed of [0, 1, 2]) {
    it(`seed ${seed}`, async () => {
      const plan = moonsPlan({ losses: [dannLoss], seed, ...stableDann });
      plan.evaluation.domainDistances = [];
      plan.evaluation.featureProjection = 'none';
      const r = await runPlan(plan, { backend: 'wasm', onEvent: () => {} });
      expect(r.gain).not.toBeNull();
      expect(r.gain!).toBeGreaterThan(0.02);
      expect(r.negativeTransfer).toBe(false);
      expect(r.method.accuracy).toBeGreaterThan(0.8);
    }, 90_000);
  }
});
