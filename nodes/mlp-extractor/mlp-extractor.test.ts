import { describe, expect, it } from 'vitest';
import { mlpExtractorNode } from './mlp-extractor';

describe('mlpExtractor node', () => {
  it('fills every default from an empty object', () => {
    expect(mlpExtractorNode.params.parse({})).toMatchObject({ hidden: [32, 32], activation: 'relu', dropout: 0 });
    expect(mlpExtractorNode.migrate!({ activation: 'tanh' }, 1)).toEqual({ activation: 'tanh', hidden: [10, 10] });
    expect(mlpExtractorNode.migrate!({ hidden: [5] }, 1)).toEqual({ hidden: [5] });
  });
  it.each([
    [{ hidden: [] }, 'hidden'],
    [{ hidden: [0] }, 'hidden'],
    [{ dropout: 0.95 }, 'dropout'],
    [{ hidden: [1,1,1,1,1,1,1,1,1] }, 'hidden'],
  ])('rejects %j at its field', (input, field) => {
    const result = mlpExtractorNode.params.safeParse(input);
    expect(result.success).toBe(false);
    expect(result.error?.issues.map((i) => i.path[0])).toContain(field);
  });
  it('declares its category and taxonomy', () => {
    expect(mlpExtractorNode.category).toBe('model');
    expect(mlpExtractorNode.taxonomy).toBe(undefined);
  });
});
