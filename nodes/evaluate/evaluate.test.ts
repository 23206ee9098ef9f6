import { describe, expect, it } from 'vitest';
import { evaluateNode } from './evaluate';

describe('evaluate node', () => {
  it('fills every default from an empty object', () => {
    expect(evaluateNode.params.parse({})).toMatchObject({ metrics: ['accuracy', 'macroF1'], targetOnly: true, sourcePlusTarget: false, featureProjection: 'pca', validatorPoints: 5 });
  });
  it.each([
    [{ metrics: [] }, 'metrics'],
    [{ domainDistances: ['kl'] }, 'domainDistances'],
    [{ validatorPoints: 0 }, 'validatorPoints'],
    [{ validatorPoints: 21 }, 'validatorPoints'],
  ])('rejects %j at its field', (input, field) => {
    const result = evaluateNode.params.safeParse(input);
    expect(result.success).toBe(false);
    expect(result.error?.issues.map((i) => i.path[0])).toContain(field);
  });
  it('declares its category and taxonomy', () => {
    expect(evaluateNode.category).toBe('evaluation');
    expect(evaluateNode.taxonomy).toBe(undefined);
  });
});
