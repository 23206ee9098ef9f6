import { describe, expect, it } from 'vitest';
import { mmdAdaptationNode } from './mmd-adaptation';

describe('mmdAdaptation node', () => {
  it('fills every default from an empty object', () => {
    expect(mmdAdaptationNode.params.parse({})).toMatchObject({ variant: 'ddc', layers: 'features', lambda: 8, estimator: 'unbiased' });
  });
  it.each([
    [{ lambda: -0.1 }, 'lambda'],
    [{ alphas: [] }, 'alphas'],
    [{ alphas: [0] }, 'alphas'],
    [{ variant: 'coral' }, 'variant'],
  ])('rejects %j at its field', (input, field) => {
    const result = mmdAdaptationNode.params.safeParse(input);
    expect(result.success).toBe(false);
    expect(result.error?.issues.map((i) => i.path[0])).toContain(field);
  });
  it('declares its category and taxonomy', () => {
    expect(mmdAdaptationNode.category).toBe('adaptation');
    expect(mmdAdaptationNode.taxonomy).toBe('feature-based');
  });
});

describe('mmdAdaptation migration from version 1', () => {
  it('maps kernel/weight to variant/lambda', () => {
    const migrate = mmdAdaptationNode.migrate!;
    expect(migrate({ kernel: 'multi', weight: 0.3 }, 1)).toEqual({ variant: 'dan', lambda: 0.3 });
    expect(migrate({ kernel: 'single', weight: 2, estimator: 'linear' }, 1)).toEqual({ variant: 'ddc', lambda: 2, estimator: 'linear' });
    // No weight saved: the λ default of that time (0.5), not today's.
    expect(migrate({ kernel: 'single' }, 1)).toEqual({ variant: 'ddc', lambda: 0.5 });
    expect(migrate({ variant: 'dan' }, 2)).toEqual({ variant: 'dan', lambda: 0.5 });
    const lifted = mmdAdaptationNode.params.parse(migrate({ kernel: 'multi' }, 1));
    expect(lifted.variant).toBe('dan');
  });
  it('leaves current params alone', () => {
    expect(mmdAdaptationNode.migrate!({ variant: 'dan', lambda: 1 }, 2)).toEqual({ variant: 'dan', lambda: 1 });
    expect(mmdAdaptationNode.migrate!({ variant: 'dan' }, 3)).toEqual({ variant: 'dan' });
  });
});
