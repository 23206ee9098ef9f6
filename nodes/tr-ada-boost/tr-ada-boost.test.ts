import { describe, expect, it } from 'vitest';
import { trAdaBoostNode } from './tr-ada-boost';

describe('trAdaBoost node', () => {
  it('fills every default from an empty object', () => {
    expect(trAdaBoostNode.params.parse({})).toMatchObject({ rounds: 20, baseLearner: 'model', betaRule: 'adapt' });
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
  it('migrates v1 graphs to Dai\'s rule, which they ran', () => {
    expect(trAdaBoostNode.version).toBe(2);
    expect(trAdaBoostNode.migrate!({ rounds: 20, baseLearner: 'logistic' }, 1)).toEqual({ rounds: 20, baseLearner: 'logistic', betaRule: 'dai' });
    expect(trAdaBoostNode.migrate!({ rounds: 20, betaRule: 'adapt' }, 2)).toEqual({ rounds: 20, betaRule: 'adapt' });
  });
  it('declares its category and taxonomy', () => {
    expect(trAdaBoostNode.category).toBe('training');
    expect(trAdaBoostNode.taxonomy).toBe('instance-based');
  });
});
