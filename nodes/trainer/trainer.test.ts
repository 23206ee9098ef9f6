import { describe, expect, it } from 'vitest';
import { trainerNode } from './trainer';

describe('trainer node', () => {
  it('fills every default from an empty object', () => {
    expect(trainerNode.params.parse({})).toMatchObject({ optimizer: 'adam', learningRate: 0.02, schedule: 'auto', epochs: 500, batchSize: 512, seed: 0, device: 'any' });
  });
  it('version 1 graphs keep the defaults they ran with; what they set stays', () => {
    const migrate = trainerNode.migrate!;
    expect(migrate({ epochs: 40 }, 1)).toEqual({ epochs: 40, learningRate: 0.001, schedule: 'constant', batchSize: 32 });
    expect(trainerNode.params.parse(migrate({}, 1))).toMatchObject({ learningRate: 0.001, schedule: 'constant', epochs: 100, batchSize: 32 });
    expect(migrate({ epochs: 40 }, 2)).toEqual({ epochs: 40 });
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
  it('declares its category and taxonomy', () => {
    expect(trainerNode.category).toBe('training');
    expect(trainerNode.taxonomy).toBe(undefined);
  });
});
