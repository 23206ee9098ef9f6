import { describe, expect, it } from 'vitest';
import type { Advice } from '../../../formats/run-result';
import { ADVICE_THRESHOLDS, advise, underfitThreshold, type AdviceEvidence } from './advise';

const seeds = 3;
const repeat = <T>(curve: T): T[] => Array.from({ length: seeds }, () => curve);
/** A DANN domain loss that stays near ln 2 and a domain classifier that drifts towards chance. */
const calmLoss = [0.69, 0.7, 0.68, 0.69, 0.7, 0.69, 0.68, 0.69];
const balancedDomain = [0.9, 0.8, 0.7, 0.65, 0.6, 0.55, 0.58, 0.55];
const divergingLoss = [0.3, 0.3, 0.4, 0.5, 0.9, 1.4, 2.0, 3.0];
const stuckDomain = [0.9, 0.95, 0.97, 0.99, 0.99, 1, 1, 0.99];

/** A run that worked: fits the source, adaptation moved the features, a clear gain over 3 seeds. */
const healthy: AdviceEvidence = {
  verdict: 'positive',
  gainMean: 0.12,
  classes: 2,
  methodSourceValAccuracy: 0.97,
  sourceOnlyTestAccuracy: 0.76,
  targetOnlyTestAccuracy: 0.89,
  usesAdaptation: true,
  adversarial: true,
  adaptationLossCurves: repeat(calmLoss),
  domainAccuracyCurves: repeat(balancedDomain),
  featureDistance: { sourceOnly: 1.2, method: 0.4 },
  seeds,
};
const noAdaptation: Partial<AdviceEvidence> = { usesAdaptation: false, adversarial: false, featureDistance: null, adaptationLossCurves: [], domainAccuracyCurves: [] };

const codes = (advice: readonly Advice[]): string[] => advice.map((a) => a.code);
const run = (over: Partial<AdviceEvidence>): Advice[] => advise({ ...healthy, ...over });

describe('advise: one rule per case', () => {
  const cases: { name: string; over: Partial<AdviceEvidence>; code: Advice['code']; quotes: RegExp }[] = [
    { name: 'low source validation → underfit', over: { methodSourceValAccuracy: 0.62 }, code: 'underfit', quotes: /62\.0%.*75\.0%/ },
    { name: 'adaptation loss rising 3×+ → λ too strong', over: { adaptationLossCurves: repeat(divergingLoss) }, code: 'lambda-too-strong', quotes: /rose from 0\.30 to 2\.50/ },
    { name: 'non-finite adaptation loss → λ too strong', over: { adaptationLossCurves: [calmLoss, [0.7, 0.9, Number.NaN], calmLoss] }, code: 'lambda-too-strong', quotes: /non-finite \(seed 2\)/ },
    { name: 'domain classifier stuck at 1 → λ too strong', over: { domainAccuracyCurves: repeat(stuckDomain) }, code: 'lambda-too-strong', quotes: /99\.5%.*3 of 3 seeds/ },
    {
      name: 'feature distance unchanged, no gain → adaptation inert',
      over: { featureDistance: { sourceOnly: 1.2, method: 1.15 }, verdict: 'negative', gainMean: -0.03, targetOnlyTestAccuracy: null },
      code: 'adaptation-inert',
      quotes: /1\.15 with it, 1\.20 without/,
    },
    { name: 'source-only ≈ target-only → little to transfer', over: { sourceOnlyTestAccuracy: 0.9, targetOnlyTestAccuracy: 0.91, gainMean: 0 }, code: 'little-to-transfer', quotes: /90\.0%.*1\.0 points.*91\.0%/ },
    { name: 'target-only ≫ method → target labels beat transfer', over: { targetOnlyTestAccuracy: 0.99 }, code: 'target-labels-beat-transfer', quotes: /99\.0% vs the method 88\.0% \(11\.0 points\)/ },
    { name: 'interval straddles 0 → noisy', over: { verdict: 'inconclusive', gainMean: 0.01, targetOnlyTestAccuracy: null }, code: 'noisy', quotes: /3 seeds \(mean gain \+1\.0 points\)/ },
    { name: 'one seed → more seeds', over: { verdict: 'single-seed', seeds: 1, gainMean: 0.115 }, code: 'more-seeds', quotes: /\+11\.5 points/ },
  ];
  it.each(cases)('$name', ({ over, code, quotes }) => {
    const advice = run(over);
    expect(codes(advice)).toEqual([code]);
    expect(advice[0]!.message).toMatch(quotes);
  });

  it('uses the method test accuracy when given, rather than source-only + gain', () => {
    expect(codes(run({ targetOnlyTestAccuracy: 0.93, methodTestAccuracy: 0.8 }))).toEqual(['target-labels-beat-transfer']);
    expect(run({ targetOnlyTestAccuracy: 0.93, methodTestAccuracy: 0.92 })).toEqual([]);
  });
});

describe('advise: only where the evidence supports it', () => {
  it('a healthy run gets no advice', () => {
    expect(run({})).toEqual([]);
  });

  it('no adaptation term → no λ and no inert advice, whatever the curves and distances say', () => {
    const over = { ...noAdaptation, adaptationLossCurves: repeat(divergingLoss), domainAccuracyCurves: repeat(stuckDomain) };
    expect(run(over)).toEqual([]);
    expect(run({ ...over, featureDistance: { sourceOnly: 1.2, method: 1.2 } })).toEqual([]);
  });

  it('an MMD-only method is not judged by domain accuracy', () => {
    expect(run({ adversarial: false, domainAccuracyCurves: repeat(stuckDomain) })).toEqual([]);
  });

  it('never advises a smaller λ when adaptation was inert', () => {
    const advice = run({
      featureDistance: { sourceOnly: 1.2, method: 1.25 },
      adaptationLossCurves: repeat(divergingLoss),
      domainAccuracyCurves: repeat(stuckDomain),
      verdict: 'negative',
      gainMean: -0.03,
      targetOnlyTestAccuracy: null,
    });
    expect(codes(advice)).toEqual(['adaptation-inert']);
    expect(advice[0]!.message).toMatch(/Raise λ/);
    expect(advice[0]!.message).toMatch(/domain classifier stayed at/);
    expect(advice.some((a) => /lower λ/i.test(a.message))).toBe(false);
  });

  it('one stuck seed of three, a short curve or a loss that rises then settles is not a pattern', () => {
    expect(run({ domainAccuracyCurves: [stuckDomain, balancedDomain, balancedDomain] })).toEqual([]);
    expect(run({ adaptationLossCurves: repeat([0.1, 0.5, 2]) })).toEqual([]);
    expect(run({ adaptationLossCurves: repeat([0.3, 0.3, 0.9, 1.5, 3, 2.5, 1.4, 1.2]) })).toEqual([]);
  });

  it('a positive verdict gets no "raise λ", even when the distance barely moved', () => {
    expect(run({ featureDistance: { sourceOnly: 1.2, method: 1.15 } })).toEqual([]);
  });

  it('no gap to close or no distances → no inert advice', () => {
    const tiny = ADVICE_THRESHOLDS.minDistanceToClose / 2;
    expect(run({ featureDistance: { sourceOnly: tiny, method: tiny } })).toEqual([]);
    expect(run({ featureDistance: null })).toEqual([]);
  });

  it('source-only far above target-only is few target labels, not little to transfer', () => {
    expect(run({ sourceOnlyTestAccuracy: 0.8, targetOnlyTestAccuracy: 0.6, gainMean: 0.05 })).toEqual([]);
  });

  it('the underfit threshold is halfway from chance to perfect', () => {
    expect(underfitThreshold(2)).toBeCloseTo(0.75);
    expect(underfitThreshold(10)).toBeCloseTo(0.55);
    expect(run({ classes: 10, methodSourceValAccuracy: 0.6 })).toEqual([]);
    expect(codes(run({ classes: 10, methodSourceValAccuracy: 0.5 }))).toEqual(['underfit']);
  });
});

describe('advise: ordering', () => {
  it('lists the most actionable first: fit the source, adaptation, transfer worth, certainty', () => {
    const advice = run({
      methodSourceValAccuracy: 0.6,
      featureDistance: { sourceOnly: 1, method: 1 },
      targetOnlyTestAccuracy: 0.99,
      verdict: 'inconclusive',
    });
    expect(codes(advice)).toEqual(['underfit', 'adaptation-inert', 'target-labels-beat-transfer', 'noisy']);
    const other = run({ adaptationLossCurves: repeat(divergingLoss), sourceOnlyTestAccuracy: 0.88, targetOnlyTestAccuracy: 0.89, gainMean: 0, verdict: 'single-seed', seeds: 1 });
    expect(codes(other)).toEqual(['lambda-too-strong', 'little-to-transfer', 'more-seeds']);
  });
});
