import { readFileSync } from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import type { RunEvent } from '../../formats/run-events';
import { compileGraph } from '../compiler/compile-graph';
import { selectBackend } from './backend/select-backend';
import { dannLambda, dannLearningRate } from './losses/schedule-formulas';
import { runPlan } from './run-plan';

beforeAll(async () => {
  await selectBackend('wasm');
});

/**
 * Transitive transfer runs the training progress p of λ_p and μ_p per hop, not over the whole chain: each hop is
 * a complete DANN run warm-started from the previous hop — a fresh domain classifier (so λ_p starts again at 0
 * while its output is still noise) and a fresh Adam (so μ_p anneals again from μ₀). Over the whole chain, the
 * later hops would start at λ ≈ 1 against an untrained classifier and train at a fraction of μ₀.
 */
describe('progress p in a transitive chain', () => {
  it('restarts at every hop: λ_p and μ_p follow the same curve in each hop', async () => {
    const doc = JSON.parse(readFileSync(new URL('../../templates/transitive.json', import.meta.url), 'utf8')) as { nodes: { id: string; params: Record<string, unknown> }[] };
    Object.assign(doc.nodes.find((n) => n.id === 'trainer')!.params, { epochs: 4, schedule: 'dann', learningRate: 0.01 });
    const compiled = compileGraph(doc);
    if (!compiled.ok) throw new Error(JSON.stringify(compiled.errors));
    const plan = compiled.plan;
    plan.evaluation.domainDistances = [];
    plan.evaluation.featureProjection = 'none';
    plan.evaluation.repeats = 1;
    expect(plan.stages.map((s) => s.name)).toHaveLength(3);
    const epochs: Extract<RunEvent, { type: 'epoch' }>[] = [];
    await runPlan(plan, { backend: 'wasm', parallelism: 1, onEvent: (e) => void (e.type === 'epoch' && e.track === 'method' && epochs.push(e)) });
    const hop = (i: number) => epochs.filter((e) => e.stage === i);
    for (const i of [0, 1, 2]) {
      const events = hop(i);
      expect(events.map((e) => e.epoch)).toEqual([1, 2, 3, 4]);
      // λ reported at the end of epoch e of this hop: p = e/4 within the hop, whatever the hops before.
      events.forEach((e) => expect(e.metrics.lambda).toBeCloseTo(dannLambda(e.epoch / 4, 1, 10), 6));
      // μ at the first epoch's last step: p < ¼ within the hop (over the chain, hop 3 would be past ⅔).
      expect(events[0]!.metrics.lr).toBeGreaterThan(dannLearningRate(0.01, 0.25, 10, 0.75));
    }
    expect(hop(1).map((e) => e.metrics.lr)).toEqual(hop(0).map((e) => e.metrics.lr));
    expect(hop(2).map((e) => e.metrics.lambda)).toEqual(hop(0).map((e) => e.metrics.lambda));
  }, 120_000);
});
