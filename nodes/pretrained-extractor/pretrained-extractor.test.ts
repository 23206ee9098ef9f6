import { describe, expect, it } from 'vitest';
import { pretrainedExtractorNode } from './pretrained-extractor';

describe('pretrainedExtractor node', () => {
  it('fills every default from an empty object', () => {
    expect(pretrainedExtractorNode.params.parse({})).toMatchObject({ artifact: 'my-model', featureWidth: 64, freeze: true });
  });
  it.each([
    [{ artifact: '../etc/passwd' }, 'artifact'],
    [{ featureWidth: 0 }, 'featureWidth'],
  ])('rejects %j at its field', (input, field) => {
    const result = pretrainedExtractorNode.params.safeParse(input);
    expect(result.success).toBe(false);
    expect(result.error?.issues.map((i) => i.path[0])).toContain(field);
  });
  it('declares its category and taxonomy', () => {
    expect(pretrainedExtractorNode.category).toBe('model');
    expect(pretrainedExtractorNode.taxonomy).toBe('parameter-based');
  });
});
