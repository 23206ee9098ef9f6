import { readFileSync } from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import type { TrainingPlan } from '../../formats/training-plan';
import { compileGraph } from '../compiler/compile-graph';
import { selectBackend } from './backend/select-backend';
import { runPlan } from './run-plan';

beforeAll(async () => {
  await selectBackend('wasm');
});

/** Test-only shrink so each template trains in seconds: fewer epochs / rounds, smaller text sets. */
function shrink(plan: TrainingPlan): TrainingPlan {
  for (const s of plan.stages) {
    s.epochs = Math.min(s.epochs, s.kind === 'boosting' ? 3 : 25);
    if (s.boosting) s.boosting.rounds = Math.min(s.boosting.rounds, 3);
  }
  for (const d of plan.domains) {
    if (d.dataset.kind === 'builtin' && d.dataset.id.startsWith('spam-')) d.dataset.options = { ...d.dataset.options, limit: 400 };
  }
  return plan;
}

const templates = ['ddc', 'dan', 'dann', 'tradaboost', 'fine-tune', 'conservative', 'multi-task', 'zero-shot', 'self-taught', 'transitive'];

describe('every method template trains end to end and beats chance', () => {
  for (const id of templates) {
    it(id, async () => {
      const compiled = compileGraph(JSON.parse(readFileSync(new URL(`../../templates/${id}.json`, import.meta.url), 'utf8')));
      if (!compiled.ok) throw new Error(`${id} does not compile: ${JSON.stringify(compiled.errors)}`);
      const plan = shrink(compiled.plan);
      const target = plan.domains.find((d) => d.nodeId === plan.evaluation.targetDomain)!;
      const result = await runPlan(plan, { backend: 'wasm', onEvent: () => {} });
      expect(result.backend).toBe('wasm');
      expect(result.method.accuracy).toBeGreaterThan(1 / target.classes + 0.05);
      expect(result.baselines.sourceOnly).toBeDefined();
    });
  }
});
