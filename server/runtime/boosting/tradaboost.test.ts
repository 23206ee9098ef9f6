import { describe, expect, it } from 'vitest';
import { createTrAdaBoostState, epsilonBound, firstVotingRound, trAdaBoostRound, trAdaBoostVote, tradaboostBetaT, tradaboostSourceBeta } from './tradaboost';

describe('TrAdaBoost', () => {
  it('β = 1/(1+√(2·ln n_S / N)) — ln(n_S)/N, not ln(n_S/N)', () => {
    expect(tradaboostSourceBeta(3, 4)).toBeCloseTo(1 / (1 + Math.sqrt(Math.log(3) / 2)), 12);
    expect(tradaboostSourceBeta(3, 4)).toBeCloseTo(0.574332, 6);
    expect(tradaboostSourceBeta(1000, 20)).toBeCloseTo(0.5461, 4);
  });

  it('reweights one binary round exactly as computed by hand', () => {
    // 3 source + 4 target samples, uniform weights 1/7. Source 0 and target 3 (index 3) are misclassified.
    const state = createTrAdaBoostState(3, 4, 4, 2);
    const labels = [0, 1, 0, 1, 1, 0, 0];
    const predictions = [1, 1, 0, 0, 1, 0, 0];
    const r = trAdaBoostRound(state, predictions, labels);
    // ε = (1/7)/(4/7) = 0.25; β_t = 0.25/0.75 = 1/3; β = 0.574333.
    expect(r.epsilon).toBeCloseTo(0.25, 12);
    expect(r.betaT).toBeCloseTo(1 / 3, 12);
    // Unnormalised: source 0 → β/7, target 3 → (1/7)·3, others 1/7; total (8 + β)/7.
    const beta = 0.5743324;
    const total = 8 + beta;
    const expected = [beta / total, 1 / total, 1 / total, 3 / total, 1 / total, 1 / total, 1 / total];
    expect(r.weights.length).toBe(7);
    r.weights.forEach((w, i) => expect(w).toBeCloseTo(expected[i]!, 6));
    expect(r.weights.reduce((s, w) => s + w, 0)).toBeCloseTo(1, 12);
    expect(state.weights).toBe(r.weights);
    expect(state.betas).toEqual([r.betaT]);

    // Round 2 measures ε with the new target weights: only target 4 (index 4) wrong → ε = (1/total)/(6/total) = 1/6.
    const r2 = trAdaBoostRound(state, [0, 1, 0, 1, 0, 0, 0], labels);
    expect(r2.epsilon).toBeCloseTo(1 / 6, 12);
    expect(r2.betaT).toBeCloseTo(1 / 5, 12);
    // Source untouched (all right), target 4 ×5: unnormalised [β,1,1,3,5,1,1]/total → /(12+β).
    const t2 = 12 + beta;
    [beta, 1, 1, 3, 5, 1, 1].forEach((v, i) => expect(r2.weights[i]).toBeCloseTo(v / t2, 6));
  });

  it('uses β_t = ε/(2−ε) for multiclass problems', () => {
    const state = createTrAdaBoostState(3, 4, 4, 3);
    const r = trAdaBoostRound(state, [2, 1, 0, 0, 1, 2, 0], [0, 1, 0, 1, 1, 2, 0]);
    expect(r.epsilon).toBeCloseTo(0.25, 12);
    expect(r.betaT).toBeCloseTo(0.25 / 1.75, 12);
    // Misclassified target sample gains ×(1/β_t) = 7.
    expect(r.weights[3]! / r.weights[4]!).toBeCloseTo(7, 9);
    expect(r.weights[0]! / r.weights[1]!).toBeCloseTo(tradaboostSourceBeta(3, 4), 9);
  });

  it('stops at ε_t ≥ ½ (binary) instead of clamping it, and floors ε above 0', () => {
    const labels = [0, 0, 1, 1];
    const allWrong = createTrAdaBoostState(2, 2, 2, 2);
    const before = Float64Array.from(allWrong.weights);
    const r = trAdaBoostRound(allWrong, [1, 1, 0, 0], labels);
    expect(r.stopped).toBe(true);
    expect(r.epsilon).toBe(1);
    // A discarded round: no β_t, no vote, weights untouched, and no further round.
    expect(allWrong.betas).toEqual([]);
    expect(Array.from(allWrong.weights)).toEqual(Array.from(before));
    expect(allWrong.stoppedAt).toBe(1);
    expect(() => trAdaBoostRound(allWrong, labels, labels)).toThrow(/stopped at round 1/);
    // Exactly ½ is chance for two classes.
    const half = createTrAdaBoostState(2, 2, 2, 2);
    expect(trAdaBoostRound(half, [0, 0, 1, 0], labels).stopped).toBe(true);
    const allRight = createTrAdaBoostState(2, 2, 2, 2);
    const r2 = trAdaBoostRound(allRight, labels, labels);
    expect(r2.stopped).toBe(false);
    expect(r2.epsilon).toBeGreaterThan(0);
    expect(Number.isFinite(Math.log(1 / r2.betaT))).toBe(true);
    // Nothing wrong → weights unchanged.
    Array.from(r2.weights).forEach((w) => expect(w).toBeCloseTo(0.25, 12));
  });

  it('ε/(2−ε) (multiclass, or ADAPT\'s rule) stops only at its own bound ε = 1; vote weight falls as ε rises', () => {
    expect(epsilonBound(2, 'dai')).toBe(0.5);
    expect(epsilonBound(3, 'dai')).toBe(1);
    expect(epsilonBound(2, 'adapt')).toBe(1);
    const labels = [0, 1, 2, 0, 1, 2];
    // ε = 2/3 on three classes: kept, with β_t = (2/3)/(4/3) = ½.
    const s = createTrAdaBoostState(3, 3, 3, 3);
    const r = trAdaBoostRound(s, [0, 1, 2, 1, 2, 2], labels);
    expect(r.stopped).toBe(false);
    expect(r.betaT).toBeCloseTo(0.5, 12);
    const allWrong = createTrAdaBoostState(3, 3, 3, 3);
    expect(trAdaBoostRound(allWrong, [0, 1, 2, 1, 2, 0], labels).stopped).toBe(true);
    // ADAPT's rule on two classes: ε = ½ is kept (β_t = 1/3), as ADAPT runs it.
    const adapt = createTrAdaBoostState(2, 2, 2, 2, { rule: 'adapt' });
    expect(trAdaBoostRound(adapt, [0, 0, 1, 0], [0, 0, 1, 1]).betaT).toBeCloseTo(1 / 3, 12);
    const weight = (eps: number, k: number, rule: 'dai' | 'adapt') => Math.log(1 / tradaboostBetaT(eps, k, rule));
    for (const [k, rule] of [[2, 'dai'], [2, 'adapt'], [10, 'dai']] as const) {
      for (let e = 0.01; e < epsilonBound(k, rule) - 0.02; e += 0.01) expect(weight(e, k, rule)).toBeGreaterThan(weight(e + 0.01, k, rule));
    }
  });

  it('votes with rounds ⌈N/2⌉…N weighted by ln(1/β_t)', () => {
    expect(firstVotingRound(4)).toBe(1); // rounds 2, 3, 4 (1-based)
    expect(firstVotingRound(5)).toBe(2); // rounds 3, 4, 5
    expect(firstVotingRound(1)).toBe(0);
    const betas = [0.001, 0.5, 0.25, 0.1]; // weights: (ignored), ln 2, ln 4, ln 10
    // Round 1 (excluded, huge weight) always disagrees with the later ones.
    const rounds = [
      [1, 0, 0],
      [0, 1, 0],
      [0, 1, 1],
      [1, 0, 1],
    ];
    // Sample 0: class 0 gets ln2 + ln4 = 2.079, class 1 gets ln10 = 2.303 → 1. Sample 1 mirrors it → 0. Sample 2: 1.
    expect(Array.from(trAdaBoostVote(rounds, betas, 4))).toEqual([1, 0, 1]);
    // With probabilities: sample 0 round votes (0.6, 0.4), (0.6, 0.4), (0.45, 0.55).
    const probs = [
      [[0, 1]],
      [[0.6, 0.4]],
      [[0.6, 0.4]],
      [[0.45, 0.55]],
    ];
    const c0 = 0.6 * Math.LN2 + 0.6 * Math.log(4) + 0.45 * Math.log(10);
    const c1 = 0.4 * Math.LN2 + 0.4 * Math.log(4) + 0.55 * Math.log(10);
    expect(c0).toBeGreaterThan(c1);
    expect(Array.from(trAdaBoostVote(probs, betas, 4))).toEqual([0]);
  });

  it('breaks binary ties towards class 1, as Dai et al.', () => {
    // Two voting rounds with equal β and opposite votes.
    expect(Array.from(trAdaBoostVote([[0], [1], [0]], [0.3, 0.3, 0.3], 3))).toEqual([1]);
  });

  it('rejects bad input with specific messages', () => {
    expect(() => createTrAdaBoostState(3, 0, 4, 2)).toThrow(/needs labelled target samples/);
    expect(() => createTrAdaBoostState(3, 2, 4, 1)).toThrow(/classes must be an integer ≥ 2/);
    const state = createTrAdaBoostState(2, 2, 1, 2);
    expect(() => trAdaBoostRound(state, [0, 0, 0], [0, 0, 0])).toThrow(/expected 4 predictions and labels \(2 source \+ 2 target\), got 3 and 3/);
    trAdaBoostRound(state, [0, 0, 0, 0], [0, 0, 0, 0]);
    expect(() => trAdaBoostRound(state, [0, 0, 0, 0], [0, 0, 0, 0])).toThrow(/all 1 rounds are done/);
    expect(() => trAdaBoostVote([[0]], [0.5], 2)).toThrow(/need 2 rounds/);
    expect(() => trAdaBoostVote([[0], [3]], [0.5, 0.5], 2, 2)).toThrow(/class 3 is outside 0..1/);
  });
});
