import { describe, expect, it } from 'vitest';
import { intermediateDomainNode } from './intermediate-domain';

describe('intermediateDomain node', () => {
  it('fills every default from an empty object', () => {
    expect(intermediateDomainNode.params.parse({})).toMatchObject({ order: 1, labelled: false });
  });
  it.each([
    [{ order: 0 }, 'order'],
    [{ labelled: 'yes' }, 'labelled'],
  ])('rejects %j at its field', (input, field) => {
    const result = intermediateDomainNode.params.safeParse(input);
    expect(result.success).toBe(false);
    expect(result.error?.issues.map((i) => i.path[0])).toContain(field);
  });
  it('declares its category and taxonomy', () => {
    expect(intermediateDomainNode.category).toBe('data');
    expect(intermediateDomainNode.taxonomy).toBe('feature-based');
  });
});
