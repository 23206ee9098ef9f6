import { describe, expect, it } from 'vitest';
import { mmdAdaptationNode, resolveMmdParams } from './mmd-adaptation';
import { DAN_FAMILY_ALPHAS, MEAN_MULTIPLE_ALPHAS } from './mmd-kernels';

describe('mmdAdaptation node', () => {
  it('fills every default from an empty object', () => {
    expect(mmdAdaptationNode.params.parse({})).toMatchObject({ variant: 'ddc', layers: 'auto', kernel: 'auto', lambda: 8, estimator: 'unbiased' });
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

describe('mmdAdaptation migration', () => {
  // Before version 4 every graph ran on the features with mean-distance Gaussians: migrated graphs keep that.
  const v3 = { layers: 'features', kernel: 'gaussian' };
  it('maps v1 kernel/weight to variant/lambda', () => {
    const migrate = mmdAdaptationNode.migrate!;
    expect(migrate({ kernel: 'multi', weight: 0.3 }, 1)).toEqual({ variant: 'dan', lambda: 0.3, ...v3 });
    expect(migrate({ kernel: 'single', weight: 2, estimator: 'linear' }, 1)).toEqual({ variant: 'ddc', lambda: 2, estimator: 'linear', ...v3 });
    // No weight saved: the λ default of that time (0.5), not today's.
    expect(migrate({ kernel: 'single' }, 1)).toEqual({ variant: 'ddc', lambda: 0.5, ...v3 });
    expect(migrate({ variant: 'dan' }, 2)).toEqual({ variant: 'dan', lambda: 0.5, ...v3 });
    const lifted = mmdAdaptationNode.params.parse(migrate({ kernel: 'multi' }, 1));
    expect(lifted.variant).toBe('dan');
  });
  it('pins v3 graphs to what they ran with; keeps choices made; leaves v4 alone', () => {
    const migrate = mmdAdaptationNode.migrate!;
    expect(migrate({ variant: 'dan', lambda: 1 }, 3)).toEqual({ variant: 'dan', lambda: 1, ...v3 });
    expect(migrate({ variant: 'dan', layers: 'all-hidden' }, 3)).toEqual({ variant: 'dan', layers: 'all-hidden', kernel: 'gaussian' });
    expect(migrate({ variant: 'dan' }, 4)).toEqual({ variant: 'dan' });
    const old = resolveMmdParams(mmdAdaptationNode.params.parse(migrate({ variant: 'dan' }, 3)));
    expect(old).toEqual({ layers: 'features', kernel: 'gaussian', bandwidth: 'mean', alphas: [...MEAN_MULTIPLE_ALPHAS] });
  });
});

describe('mmdAdaptation kernel and layer choice', () => {
  const resolve = (p: Record<string, unknown>) => resolveMmdParams(mmdAdaptationNode.params.parse(p));
  it('auto is each paper’s choice: DAN the Gaussian family on the task-specific layers, DDC one Gaussian on the features', () => {
    expect(resolve({ variant: 'dan' })).toEqual({ layers: 'task-specific', kernel: 'gaussian', bandwidth: 'median', alphas: [...DAN_FAMILY_ALPHAS] });
    expect(resolve({ variant: 'ddc' })).toEqual({ layers: 'features', kernel: 'gaussian', bandwidth: 'mean', alphas: [1] });
  });
  it('keeps the other kernels as options; user α override the list', () => {
    expect(resolve({ variant: 'ddc', kernel: 'linear' })).toMatchObject({ kernel: 'linear' });
    expect(resolve({ variant: 'dan', kernel: 'gaussian' })).toMatchObject({ bandwidth: 'mean', alphas: [...MEAN_MULTIPLE_ALPHAS] });
    expect(resolve({ variant: 'dan', kernel: 'gaussian-family', alphas: [1, 2] })).toMatchObject({ bandwidth: 'median', alphas: [1, 2] });
    expect(resolve({ variant: 'dan', layers: 'all-hidden' }).layers).toBe('all-hidden');
  });
});
