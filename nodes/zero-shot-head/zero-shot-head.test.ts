import { describe, expect, it } from 'vitest';
import { zeroShotHeadNode } from './zero-shot-head';

describe('zeroShotHead node', () => {
  it('fills every default from an empty object', () => {
    expect(zeroShotHeadNode.params.parse({})).toMatchObject({ hidden: [], unseenClasses: [3, 8] });
  });
  it.each([
    [{ unseenClasses: [-1] }, 'unseenClasses'],
    [{ classAttributes: '' }, 'classAttributes'],
  ])('rejects %j at its field', (input, field) => {
    const result = zeroShotHeadNode.params.safeParse(input);
    expect(result.success).toBe(false);
    expect(result.error?.issues.map((i) => i.path[0])).toContain(field);
  });
  it('declares its category and taxonomy', () => {
    expect(zeroShotHeadNode.category).toBe('model');
    expect(zeroShotHeadNode.taxonomy).toBe('feature-based');
  });
});
