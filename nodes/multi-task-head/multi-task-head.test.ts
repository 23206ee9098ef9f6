import { describe, expect, it } from 'vitest';
import { multiTaskHeadNode } from './multi-task-head';

describe('multiTaskHead node', () => {
  it('fills every default from an empty object', () => {
    expect(multiTaskHeadNode.params.parse({})).toMatchObject({ hidden: [], sourceWeight: 1, targetWeight: 1 });
  });
  it.each([
    [{ sourceWeight: -1 }, 'sourceWeight'],
    [{ targetWeight: 101 }, 'targetWeight'],
  ])('rejects %j at its field', (input, field) => {
    const result = multiTaskHeadNode.params.safeParse(input);
    expect(result.success).toBe(false);
    expect(result.error?.issues.map((i) => i.path[0])).toContain(field);
  });
  it('declares its category and taxonomy', () => {
    expect(multiTaskHeadNode.category).toBe('model');
    expect(multiTaskHeadNode.taxonomy).toBe('parameter-based');
  });
});
