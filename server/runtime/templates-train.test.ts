import { readFileSync } from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import { compileGraph } from '../compiler/compile-graph';
import { selectBackend } from './backend/select-backend';
import { runPlan } from './run-plan';
import { shrinkPlan as shrink } from './test-support/shrink-plan';

beforeAll(async () => {
  await selectBackend('wasm');
});

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
      expect(result.models.method.splits.test!.accuracy.mean).toBeGreaterThan(1 / target.classes + 0.05);
      expect(result.models.sourceOnly).toBeDefined();
    });
  }
});
