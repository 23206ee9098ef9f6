import { describe, expect, it } from 'vitest';
import { trAdaBoostNode } from './tr-ada-boost';

describe('trAdaBoost node', () => {
  it('fills every default from an empty object', () => {
    expect(trAdaBoostNode.params.parse({})).toMatchObject({ rounds: 20, baseLearner: 'model' });
  });
  it.each([
    [{ rounds: 0 }, 'rounds'],
    [{ rounds: 201 }, 'rounds'],
    [{ baseLearner: 'svm' }, 'baseLearner'],
  ])('rejects %j at its field', (input, field) => {
    const result = trAdaBoostNode.params.safeParse(input);
    expect(result.success).toBe(false);
    expect(result.error?.issues.map((i) => i.path[0])).toContain(field);
  });
  it('declares its category and taxonomy', () => {
    expect(trAdaBoostNode.category).toBe('training');
    expect(trAdaBoostNode.taxonomy).toBe('instance-based');
  });
});
