import { describe, expect, it } from 'vitest';
import { trainerNode } from './trainer';

describe('trainer node', () => {
  it('fills every default from an empty object', () => {
    expect(trainerNode.params.parse({})).toMatchObject({ optimizer: 'adam', learningRate: 0.001, schedule: 'constant', epochs: 100, batchSize: 32, seed: 0, device: 'any' });
  });
  it.each([
    [{ learningRate: 0 }, 'learningRate'],
    [{ epochs: 0 }, 'epochs'],
    [{ batchSize: 5000 }, 'batchSize'],
    [{ stepFactor: 2 }, 'stepFactor'],
  ])('rejects %j at its field', (input, field) => {
    const result = trainerNode.params.safeParse(input);
    expect(result.success).toBe(false);
    expect(result.error?.issues.map((i) => i.path[0])).toContain(field);
  });
  it('declares its category, taxonomy and docs', () => {
    expect(trainerNode.category).toBe('training');
    expect(trainerNode.taxonomy).toBe(undefined);
    expect(trainerNode.docs.whenItHurts.length).toBeGreaterThan(20);
  });
});
