import { describe, expect, it } from 'vitest';
import { domainAdversarialNode } from './domain-adversarial';

describe('domainAdversarial node', () => {
  it('fills every default from an empty object', () => {
    expect(domainAdversarialNode.params.parse({})).toMatchObject({ hidden: [32], lambdaSchedule: 'dann', lambdaMax: 0.5, gamma: 10 });
    expect(domainAdversarialNode.migrate!({ lambdaMax: 0.3 }, 1)).toEqual({ lambdaMax: 0.3, hidden: [64] });
    // Version 3 halved the default λ_max: a graph saved before keeps the λ it ran with.
    expect(domainAdversarialNode.migrate!({ hidden: [16] }, 2)).toEqual({ hidden: [16], lambdaMax: 1 });
    expect(domainAdversarialNode.migrate!({}, 1)).toEqual({ hidden: [64], lambdaMax: 1 });
  });
  it.each([
    [{ gamma: 0 }, 'gamma'],
    [{ lambdaMax: 101 }, 'lambdaMax'],
  ])('rejects %j at its field', (input, field) => {
    const result = domainAdversarialNode.params.safeParse(input);
    expect(result.success).toBe(false);
    expect(result.error?.issues.map((i) => i.path[0])).toContain(field);
  });
  it('declares its category and taxonomy', () => {
    expect(domainAdversarialNode.category).toBe('adaptation');
    expect(domainAdversarialNode.taxonomy).toBe('feature-based');
  });
});
