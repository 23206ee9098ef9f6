import { describe, expect, it } from 'vitest';
import type { TrainingPlan } from '../../../formats/training-plan';
import { moonsPlan } from '../test-support/moons-plan';
import { loadDomains } from './load-unit-data';

/** The same source and target with `k` intermediate domains between them (the target moves to order k + 1). */
function chainOf(plan: TrainingPlan, k: number): TrainingPlan {
  const [source, target] = plan.domains as [TrainingPlan['domains'][number], TrainingPlan['domains'][number]];
  const intermediates = Array.from({ length: k }, (_, i) => ({
    ...source,
    nodeId: `int${i + 1}`,
    name: `intermediate ${i + 1}`,
    role: 'intermediate' as const,
    order: i + 1,
    dataset: { kind: 'builtin' as const, id: 'two-moons' as const, options: { samples: 100, rotation: 10 * (i + 1), noise: 0.1, seed: 40 + i } },
    labels: 'none' as const,
    validationFraction: 0,
  }));
  return { ...plan, domains: [source, ...intermediates, { ...target, order: k + 1 }] };
}

describe('transitive chains score the target on the direct graph\'s rows (issue 9 item 12)', () => {
  it('the target split does not depend on its place in the chain', async () => {
    const direct = moonsPlan({ seed: 3 });
    for (const k of [1, 3]) {
      const [a, b] = await Promise.all([loadDomains(direct, 3, {}), loadDomains(chainOf(direct, k), 3, {})]);
      const [ta, tb] = [a.get('tgt')!, b.get('tgt')!];
      expect(Array.from(tb.test!.x)).toEqual(Array.from(ta.test!.x));
      expect(Array.from(tb.train.x)).toEqual(Array.from(ta.train.x));
      // Intermediates get splits of their own (no seed shared with the target).
      expect(b.get('int1')!.train.n).toBeGreaterThan(0);
    }
  });
});
