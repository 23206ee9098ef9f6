import { describe, expect, it } from 'vitest';
import { cnnExtractorNode } from './cnn-extractor';

describe('cnnExtractor node', () => {
  it('fills every default from an empty object', () => {
    expect(cnnExtractorNode.params.parse({})).toMatchObject({ filters: [16, 32], kernelSize: 3, poolSize: 2, featureWidth: 64 });
  });
  it.each([
    [{ filters: [] }, 'filters'],
    [{ kernelSize: 12 }, 'kernelSize'],
    [{ poolSize: 0 }, 'poolSize'],
  ])('rejects %j at its field', (input, field) => {
    const result = cnnExtractorNode.params.safeParse(input);
    expect(result.success).toBe(false);
    expect(result.error?.issues.map((i) => i.path[0])).toContain(field);
  });
  it('declares its category and taxonomy', () => {
    expect(cnnExtractorNode.category).toBe('model');
    expect(cnnExtractorNode.taxonomy).toBe(undefined);
  });
});
