import { describe, expect, it } from 'vitest';
import type { TrainingPlan } from '../../../formats/training-plan';
import { dannLoss, moonsPlan } from '../test-support/moons-plan';
import { prepareDomain } from '../train/prepare-domain';
import { stageStepCount, type PoolContext } from '../train/stage-pools';
import type { DomainData } from '../train/types';
import { baselineStage, methodStepBudget, runTracks } from './track-stages';
import { singleHeadSpec, type ModelSpec } from '../model/model';

/** Pool sizes need only the prepared rows (no tensors): a context over toy data of known sizes. */
function context(plan: TrainingPlan, sizes: Record<string, number>): PoolContext {
  const domains = new Map<string, DomainData>();
  for (const d of plan.domains) {
    const n = sizes[d.nodeId]!;
    const ds = { name: d.name, x: new Float32Array(n * 2), y: Int32Array.from({ length: n }, (_, i) => i % 2), n, width: 2, classes: 2, imageShape: null };
    domains.set(d.nodeId, { prepared: prepareDomain(d, ds, 0), trainX: null as never, testX: null, validationX: null });
  }
  return { domains, sourceIds: ['src'], targetId: 'tgt', autoencoderDomains: [] };
}

const spec: ModelSpec = { extractor: { kind: 'mlp', inputWidth: 2, imageShape: null, layers: [] }, heads: [{ key: 'head', layers: [], kind: 'classes', classes: 2, domainNodeId: null, weight: 1 }], decoder: false };

describe('step-matched budgets', () => {
  it("a baseline gets the method's optimiser steps, not its epochs", () => {
    // Source 200 rows (170 train after 15 % validation), target 400 (200 train after 50 % test), batch 32:
    // DANN steps per epoch follow the larger pool: ceil(200/32) = 7; source-only alone would take ceil(170/32) = 6.
    const plan = moonsPlan({ losses: [dannLoss], epochs: 10, batchSize: 32 });
    const ctx = context(plan, { src: 200, tgt: 400 });
    const budget = methodStepBudget(plan, spec, spec, ctx);
    expect(budget).toBe(70);
    const base = baselineStage(plan, 'sourceOnly', budget);
    expect(base.steps).toBe(70);
    expect(stageStepCount(base, singleHeadSpec(spec, 0), ctx)).toBe(70);
    // Without a budget the same stage would take 10 × 6 = 60 steps: fewer than the method.
    expect(stageStepCount({ ...base, steps: undefined }, spec, ctx)).toBe(60);
  });

  it("a transitive chain's baseline gets the whole chain's budget", () => {
    const plan = moonsPlan({ epochs: 4, batchSize: 50 });
    plan.stages = [plan.stages[0]!, { ...plan.stages[0]!, name: 'hop 2', init: 'previous', epochs: 6 }];
    const ctx = context(plan, { src: 100, tgt: 100 });
    // 85 source rows → 2 steps an epoch; 4 + 6 epochs → 20 steps.
    expect(methodStepBudget(plan, spec, spec, ctx)).toBe(20);
  });

  it('methods that use target labels get both same-labels baselines', () => {
    const unsupervised = moonsPlan({ losses: [dannLoss] });
    expect(runTracks(unsupervised)).toEqual(['sourceOnly', 'method']);
    const fewLabels = moonsPlan({ targetLabels: { count: 10 } });
    fewLabels.stages[0] = { ...fewLabels.stages[0]!, labelledDomains: ['src', 'tgt'] };
    expect(runTracks(fewLabels)).toEqual(['sourceOnly', 'targetOnly', 'sourcePlusTarget', 'method']);
  });
});
