import { describe, expect, it } from 'vitest';
import { beforeAfter, distanceLineText, formatCi, formatGain, formatPercent, formatStat, gainIntervalText, modelRows, perSeedGains, sharedExtent, sourceOnlyBeside, splitCaption } from './result-view';
import { makeResult, methodAcc, seeds, sourceOnlyAcc, stat, targetOnlyAcc } from './run-fixtures.test-util';

describe('figures', () => {
  it('formats percentages, gains, intervals and mean ± std', () => {
    expect(formatPercent(0.9123)).toBe('91.2%');
    expect(formatPercent(null)).toBe('—');
    expect(formatGain(0.123)).toBe('+12.3 pts');
    expect(formatGain(-0.05)).toBe('−5.0 pts');
    expect(formatCi([-0.01, 0.054])).toBe('[−1.0, +5.4] pts');
    const s = stat(methodAcc);
    expect(formatStat(s)).toBe(`${formatPercent(s.mean)} ± ${(s.std * 100).toFixed(1)}`);
    // One seed has no spread to report.
    expect(formatStat(stat([0.8]))).toBe('80.0%');
  });

  it('names the split and the number of seeds', () => {
    expect(splitCaption('test', 3)).toBe('target test, 3 seeds');
    expect(splitCaption('sourceValidation', 1)).toBe('source validation, 1 seed');
  });
});

describe('gain', () => {
  it('states the interval, how it was computed, and each seed’s difference', () => {
    const r = makeResult();
    expect(gainIntervalText(r.gain!)).toBe(`95 % t-interval over ${seeds.length} seeds, paired by seed: ${formatGain(r.gain!.ci95![0])} to ${formatGain(r.gain!.ci95![1])}`);
    expect(gainIntervalText({ ...r.gain!, ci95: null, perSeed: [0.1] })).toBe('one seed — no interval');
    expect(perSeedGains(r)).toEqual(seeds.map((seed, i) => ({ seed, diff: methodAcc[i]! - sourceOnlyAcc[i]! })));
  });

  it('shows source-only beside a gain measured against another baseline', () => {
    expect(sourceOnlyBeside(makeResult())).toBeNull();
    const beside = sourceOnlyBeside(makeResult({}, 'targetOnly'));
    expect(beside?.stat).toEqual(stat(sourceOnlyAcc));
    expect(beside?.diff).toBeCloseTo(stat(methodAcc).mean - stat(sourceOnlyAcc).mean);
    expect(makeResult({}, 'targetOnly').gain?.perSeed).toEqual(methodAcc.map((v, i) => v - targetOnlyAcc[i]!));
  });

  it('lists the models present, method first', () => {
    expect(modelRows(makeResult()).map((r) => r.track)).toEqual(['method', 'sourceOnly', 'targetOnly']);
  });
});

describe('distances before and after', () => {
  it('reads inputs → source-only features → method features for the adapted pair', () => {
    const r = makeResult();
    const ba = beforeAfter(r)!;
    expect(ba).toMatchObject({ a: 'source', b: 'target' });
    const proxyA = ba.lines.find((l) => l.metric === 'proxyA')!;
    const f = (v: number) => v.toFixed(2);
    const so = r.models.sourceOnly!.featureDistance!.proxyA!;
    const m = r.models.method.featureDistance!.proxyA!;
    expect(distanceLineText(proxyA)).toBe(
      `proxy A: inputs ${f(r.distances.inputs[0]!.proxyA!)} → source-only features ${f(so.mean)} ± ${f(so.std)} → method features ${f(m.mean)} ± ${f(m.std)}`,
    );
    expect(ba.lines.map((l) => l.metric)).toEqual(['proxyA', 'mmd']);
  });

  it('finds the input pair in either order, and has nothing to say without a feature pair', () => {
    const r = makeResult();
    const flipped = makeResult({ distances: { ...r.distances, inputs: [{ a: 'target', b: 'source', proxyA: 0.4 }] } });
    expect(beforeAfter(flipped)!.lines[0]!.steps[0]!.value).toBe(0.4);
    expect(beforeAfter(makeResult({ distances: { ...r.distances, features: null } }))).toBeNull();
  });
});

describe('shared extent', () => {
  it('one padded range covering both plots', () => {
    const e = sharedExtent([[{ x: 0, y: 0 }, { x: 1, y: 2 }], [{ x: -3, y: 1 }]])!;
    expect(e.x[0]).toBeLessThan(-3);
    expect(e.x[1]).toBeGreaterThan(1);
    expect(e.y[0]).toBeLessThan(0);
    expect(e.y[1]).toBeGreaterThan(2);
    expect(sharedExtent([[], []])).toBeNull();
    // A single point still gets a non-empty range.
    const one = sharedExtent([[{ x: 1, y: 1 }]])!;
    expect(one.x[1] - one.x[0]).toBeGreaterThan(0);
  });
});
