import { describe, expect, it } from 'vitest';
import { conservativeTrainingNode } from './conservative-training';

describe('conservativeTraining node', () => {
  it('fills every default from an empty object', () => {
    expect(conservativeTrainingNode.params.parse({})).toMatchObject({ mu: 1, learningRate: 0.0001, epochs: 30 });
  });
  it.each([
    [{ mu: -1 }, 'mu'],
    [{ learningRate: 11 }, 'learningRate'],
  ])('rejects %j at its field', (input, field) => {
    const result = conservativeTrainingNode.params.safeParse(input);
    expect(result.success).toBe(false);
    expect(result.error?.issues.map((i) => i.path[0])).toContain(field);
  });
  it('declares its category and taxonomy', () => {
    expect(conservativeTrainingNode.category).toBe('training');
    expect(conservativeTrainingNode.taxonomy).toBe('parameter-based');
  });
});
