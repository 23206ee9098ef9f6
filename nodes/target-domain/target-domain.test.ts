import { describe, expect, it } from 'vitest';
import { targetDomainNode } from './target-domain';

describe('targetDomain node', () => {
  it('fills every default from an empty object', () => {
    expect(targetDomainNode.params.parse({})).toMatchObject({ dataset: 'two-moons', labelledCount: 0, testFraction: 0.3 });
  });
  it.each([
    [{ labelledCount: -1 }, 'labelledCount'],
    [{ testFraction: 0.95 }, 'testFraction'],
    [{ labelledCount: 1.5 }, 'labelledCount'],
  ])('rejects %j at its field', (input, field) => {
    const result = targetDomainNode.params.safeParse(input);
    expect(result.success).toBe(false);
    expect(result.error?.issues.map((i) => i.path[0])).toContain(field);
  });
  it('declares its category and taxonomy', () => {
    expect(targetDomainNode.category).toBe('data');
    expect(targetDomainNode.taxonomy).toBe(undefined);
  });
});
