import { describe, expect, it } from 'vitest';
import { sourceDomainNode } from './source-domain';

describe('sourceDomain node', () => {
  it('fills every default from an empty object', () => {
    expect(sourceDomainNode.params.parse({})).toMatchObject({ dataset: 'two-moons', options: {}, name: 'source' });
  });
  it.each([
    [{ dataset: 'bad id!' }, 'dataset'],
    [{ options: { samples: {} } }, 'options'],
    [{ name: '' }, 'name'],
  ])('rejects %j at its field', (input, field) => {
    const result = sourceDomainNode.params.safeParse(input);
    expect(result.success).toBe(false);
    expect(result.error?.issues.map((i) => i.path[0])).toContain(field);
  });
  it('declares its category and taxonomy', () => {
    expect(sourceDomainNode.category).toBe('data');
    expect(sourceDomainNode.taxonomy).toBe(undefined);
  });
});
