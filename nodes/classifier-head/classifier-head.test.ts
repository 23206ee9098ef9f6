import { describe, expect, it } from 'vitest';
import { classifierHeadNode } from './classifier-head';

describe('classifierHead node', () => {
  it('fills every default from an empty object', () => {
    expect(classifierHeadNode.params.parse({})).toMatchObject({ hidden: [], activation: 'relu' });
  });
  it.each([
    [{ hidden: [5000] }, 'hidden'],
    [{ activation: 'swish' }, 'activation'],
  ])('rejects %j at its field', (input, field) => {
    const result = classifierHeadNode.params.safeParse(input);
    expect(result.success).toBe(false);
    expect(result.error?.issues.map((i) => i.path[0])).toContain(field);
  });
  it('declares its category and taxonomy', () => {
    expect(classifierHeadNode.category).toBe('model');
    expect(classifierHeadNode.taxonomy).toBe(undefined);
  });
});
