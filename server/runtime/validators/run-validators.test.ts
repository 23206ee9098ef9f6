import { beforeAll, describe, expect, it } from 'vitest';
import type { RunEvent } from '../../../formats/run-events';
import { runResultSchema } from '../../../formats/run-result';
import { selectBackend } from '../backend/select-backend';
import { runPlan } from '../run-plan';
import { dannLoss, moonsPlan } from '../test-support/moons-plan';

beforeAll(async () => {
  await selectBackend('wasm');
});

describe('validators in a run', () => {
  it('scores every model at K evenly spaced points and at the end, and reports them with the result', async () => {
    const events: RunEvent[] = [];
    const plan = moonsPlan({ losses: [dannLoss], epochs: 20 });
    plan.evaluation.validatorPoints = 4;
    plan.evaluation.repeats = 2;
    const result = await runPlan(plan, { backend: 'wasm', onEvent: (e) => events.push(e) });
    expect(runResultSchema.parse(result)).toBeTruthy();
    for (const track of ['method', 'sourceOnly'] as const) {
      for (const seed of result.seeds) {
        const points = events.filter((e): e is Extract<RunEvent, { type: 'validators' }> => e.type === 'validators' && e.track === track && e.seed === seed);
        // the first report at or past progress 1/4, 2/4, 3/4, then the end (the method's 20 epochs hit them exactly)
        const progress = points.map((p) => p.progress);
        if (track === 'method') expect(progress).toEqual([0.25, 0.5, 0.75, 1]);
        expect(progress).toHaveLength(4);
        progress.forEach((p, k) => expect(p).toBeGreaterThanOrEqual((k + 1) / 4 - 1e-9));
        progress.slice(0, 3).forEach((p, k) => expect(p).toBeLessThan((k + 2) / 4));
        const model = events.find((e): e is Extract<RunEvent, { type: 'model' }> => e.type === 'model' && e.track === track && e.seed === seed)!;
        expect(model.scores.validators).toEqual(points.at(-1)!.scores);
      }
      const v = result.models[track]!.validators!;
      expect(Object.keys(v).sort()).toEqual(['dev', 'im', 'snd', 'sourceValAccuracy']);
      expect(v.sourceValAccuracy!.perSeed).toHaveLength(2);
      // IM lies in [−log k, log k] (two classes); SND is an entropy over the other n − 1 rows; DEV is a loss-like risk.
      expect(Math.abs(v.im!.mean)).toBeLessThanOrEqual(Math.log(2) + 1e-9);
      expect(v.snd!.mean).toBeGreaterThan(0);
      expect(Number.isFinite(v.dev!.mean)).toBe(true);
      // the source-validation accuracy validator agrees with the split's own accuracy
      expect(v.sourceValAccuracy!.mean).toBeCloseTo(result.models[track]!.splits.sourceValidation!.accuracy.mean, 9);
      expect(result.models[track]!.validatorCurve!.map((p) => p.progress).at(-1)).toBe(1);
      expect(result.models[track]!.validatorCurve).toHaveLength(4);
    }
  });
});
