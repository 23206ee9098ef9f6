import { describe, expect, it } from 'vitest';
import { fineTuneNode } from './fine-tune';

describe('fineTune node', () => {
  it('fills every default from an empty object', () => {
    expect(fineTuneNode.params.parse({})).toMatchObject({ frozen: 'extractor', k: 1, learningRate: 0.0001, epochs: 30 });
  });
  it.each([
    [{ k: 0 }, 'k'],
    [{ frozen: 'all' }, 'frozen'],
  ])('rejects %j at its field', (input, field) => {
    const result = fineTuneNode.params.safeParse(input);
    expect(result.success).toBe(false);
    expect(result.error?.issues.map((i) => i.path[0])).toContain(field);
  });
  it('declares its category and taxonomy', () => {
    expect(fineTuneNode.category).toBe('training');
    expect(fineTuneNode.taxonomy).toBe('parameter-based');
  });
});
