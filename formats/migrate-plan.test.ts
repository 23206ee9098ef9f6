import { describe, expect, it } from 'vitest';
import { moonsPlan, dannLoss } from '../server/runtime/test-support/moons-plan';
import { PLAN_VERSION, trainingPlanSchema } from './training-plan';

/** A version-2 plan as older runs stored it: the same plan without any `nodeType`. */
function asVersion2(plan: unknown): unknown {
  return JSON.parse(JSON.stringify(plan, (key, value) => (key === 'nodeType' ? undefined : value)), (key, value) => (key === 'version' && value === PLAN_VERSION ? 2 : value));
}

describe('training plan migration', () => {
  it('lifts a version-2 plan to the current version, naming each item’s node kind as the old runtime inferred it', () => {
    const plan = moonsPlan({ losses: [dannLoss] });
    const lifted = trainingPlanSchema.parse(asVersion2(plan));
    expect(lifted).toEqual(plan);
    expect(lifted.version).toBe(PLAN_VERSION);
  });

  it('lifts boosting, pre-training and conservative stages to the kinds that run them', () => {
    const base = moonsPlan();
    const stage = base.stages[0]!;
    const old = asVersion2({
      ...base,
      stages: [
        { ...stage, kind: 'pretrainAutoencoder', losses: [{ kind: 'reconstruction', nodeId: 'ae', weight: 1 }] },
        { ...stage, kind: 'boosting' },
        { ...stage, kind: 'fineTune', losses: [{ kind: 'conservative', nodeId: 'c', mu: 1 }] },
        { ...stage, kind: 'fineTune' },
      ],
    });
    const lifted = trainingPlanSchema.parse(old);
    expect(lifted.stages.map((s) => s.nodeType)).toEqual(['autoencoder', 'trAdaBoost', 'conservativeTraining', 'fineTune']);
    expect(lifted.stages[0]!.losses[0]).toMatchObject({ nodeType: 'autoencoder' });
  });

  it('refuses a current plan whose item names no node kind of this version', () => {
    const plan = moonsPlan();
    const bad = { ...plan, model: { ...plan.model, head: { ...plan.model.head, nodeType: 'toString' } } };
    const r = trainingPlanSchema.safeParse(bad);
    expect(r.success).toBe(false);
    expect(r.error?.issues[0]?.path).toEqual(['model', 'head', 'nodeType']);
  });
});
