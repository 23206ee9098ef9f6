import { describe, expect, it } from 'vitest';
import { autoencoderNode } from './autoencoder';

describe('autoencoder node', () => {
  it('fills every default from an empty object', () => {
    expect(autoencoderNode.params.parse({})).toMatchObject({ hidden: [64], codeWidth: 32, pretrainEpochs: 20, encoder: 'frozen' });
  });
  it.each([
    [{ codeWidth: 0 }, 'codeWidth'],
    [{ pretrainEpochs: 0 }, 'pretrainEpochs'],
  ])('rejects %j at its field', (input, field) => {
    const result = autoencoderNode.params.safeParse(input);
    expect(result.success).toBe(false);
    expect(result.error?.issues.map((i) => i.path[0])).toContain(field);
  });
  it('migrates v1 graphs to fine-tuning, which they ran', () => {
    expect(autoencoderNode.version).toBe(2);
    expect(autoencoderNode.migrate!({ codeWidth: 16 }, 1)).toEqual({ codeWidth: 16, encoder: 'fineTune' });
  });
  it('declares its category and taxonomy', () => {
    expect(autoencoderNode.category).toBe('model');
    expect(autoencoderNode.taxonomy).toBe('feature-based');
  });
});
