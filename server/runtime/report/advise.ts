import type { Advice, Verdict } from '../../../formats/run-result';

/** What a finished run measured, as far as advice needs it (means over seeds unless noted). */
export interface AdviceEvidence {
  readonly verdict: Verdict | null;
  /** Paired mean gain over the chosen baseline (fraction, e.g. −0.02). */
  readonly gainMean: number | null;
  /** Number of classes of the target head. */
  readonly classes: number;
  /** Mean over seeds, source validation split. */
  readonly methodSourceValAccuracy: number | null;
  /** Mean over seeds, target test split. */
  readonly sourceOnlyTestAccuracy: number | null;
  /** Null when no target labels / not trained. */
  readonly targetOnlyTestAccuracy: number | null;
  /** An MMD or domain-adversarial term is in the method. */
  readonly usesAdaptation: boolean;
  /** A domain-adversarial term is in the method. */
  readonly adversarial: boolean;
  /** Per seed, the method's adaptation loss term ('mmd' or 'domain') at each reported epoch, first seed first. */
  readonly adaptationLossCurves: readonly (readonly number[])[];
  /** Per seed, the domain classifier's accuracy on its batches at each reported epoch (DANN only; else empty). */
  readonly domainAccuracyCurves: readonly (readonly number[])[];
  /** Feature-layer distance source vs target after training (proxy A, mean over seeds), or null. */
  readonly featureDistance: { readonly sourceOnly: number; readonly method: number } | null;
  readonly seeds: number;
  /**
   * The method's target test accuracy (mean over seeds). Optional: when absent it is taken as source-only + gain,
   * which is exact whenever the gain is measured against source-only (every method that uses no target labels).
   */
  readonly methodTestAccuracy?: number | null;
}

export const ADVICE_THRESHOLDS = {
  /** Accuracy differences below this (2 points) are not called a difference. */
  materialGap: 0.02,
  /** Adaptation counts as inert when the method's feature distance is still ≥ this fraction of source-only's. */
  inertRatio: 0.9,
  /** Below this source-only feature distance there is no gap for adaptation to close (nothing to call inert). */
  minDistanceToClose: 0.05,
  /** The adaptation loss diverged when its last quarter's mean is above this multiple of its first quarter's. */
  divergenceRatio: 3,
  /** A domain classifier at or above this accuracy over the whole last half of training is "stuck at 1". */
  stuckDomainAccuracy: 0.98,
} as const;

/** Source-validation accuracy below this is "does not fit the source": halfway from chance to perfect. */
export function underfitThreshold(classes: number): number {
  const chance = 1 / Math.max(2, classes);
  return chance + 0.5 * (1 - chance);
}

const pct = (v: number): string => `${(v * 100).toFixed(1)}%`;
const points = (v: number): string => `${(Math.abs(v) * 100).toFixed(1)} points`;
const signedPoints = (v: number): string => `${v < 0 ? '−' : '+'}${points(v)}`;
const dist = (v: number): string => v.toFixed(Math.abs(v) < 0.1 ? 3 : 2);
const mean = (xs: readonly number[]): number => xs.reduce((s, x) => s + x, 0) / xs.length;

function underfit(e: AdviceEvidence): Advice | null {
  const acc = e.methodSourceValAccuracy;
  const threshold = underfitThreshold(e.classes);
  if (acc === null || acc >= threshold) return null;
  return {
    code: 'underfit',
    message: `The model does not fit the source: ${pct(acc)} on source validation (below ${pct(threshold)}, halfway from chance to perfect). Raise epochs, the learning rate or the extractor's capacity before touching λ.`,
  };
}

/** The feature distance did not drop: null when there is no evidence either way. */
function inertDistance(e: AdviceEvidence): { sourceOnly: number; method: number } | null {
  const fd = e.featureDistance;
  if (!e.usesAdaptation || fd === null || !(fd.sourceOnly > ADVICE_THRESHOLDS.minDistanceToClose)) return null;
  return fd.method >= ADVICE_THRESHOLDS.inertRatio * fd.sourceOnly ? fd : null;
}

type Divergence = { readonly seed: number; readonly nonFinite: true } | { readonly seed: number; readonly from: number; readonly to: number };

/** A seed's adaptation loss that turned non-finite, or whose last quarter is far above its first and still rising. */
function divergence(curve: readonly number[], seed: number): Divergence | null {
  if (curve.some((v) => !Number.isFinite(v))) return { seed, nonFinite: true };
  const q = Math.floor(curve.length / 4);
  if (q < 1) return null;
  const first = mean(curve.slice(0, q));
  const before = mean(curve.slice(curve.length - 2 * q, curve.length - q));
  const last = mean(curve.slice(curve.length - q));
  // Unbiased MMD² can sit at or below 0: a ratio to it says nothing.
  if (!(first > 1e-8)) return null;
  return last > ADVICE_THRESHOLDS.divergenceRatio * first && last > before ? { seed, from: first, to: last } : null;
}

/** Seeds whose domain accuracy stayed ≥ the stuck level over the whole last half: their last-half means, of how many. */
function stuckDomainAccuracy(e: AdviceEvidence): { readonly accuracy: number; readonly seeds: number; readonly of: number } | null {
  if (!e.adversarial) return null;
  const withData = e.domainAccuracyCurves.filter((c) => c.length >= 2);
  const stuck = withData.map((c) => c.slice(Math.floor(c.length / 2))).filter((h) => h.every((v) => v >= ADVICE_THRESHOLDS.stuckDomainAccuracy));
  // Half of the seeds or more: one seed stuck is not yet a pattern.
  if (withData.length === 0 || stuck.length * 2 < withData.length) return null;
  return { accuracy: mean(stuck.map(mean)), seeds: stuck.length, of: withData.length };
}

function lambdaTooStrong(e: AdviceEvidence): Advice | null {
  // No adaptation term, no λ to lower; and never a smaller λ when the features did not move.
  if (!e.usesAdaptation || inertDistance(e) !== null) return null;
  const diverged = e.adaptationLossCurves.map((c, i) => divergence(c, i + 1)).filter((d): d is Divergence => d !== null);
  const nonFinite = diverged.find((d) => 'nonFinite' in d);
  const rising = diverged.filter((d): d is Extract<Divergence, { from: number }> => 'from' in d);
  const lower = e.adversarial ? 'Lower λ (or λ_max of the schedule) or the learning rate.' : 'Lower λ or the learning rate.';
  if (nonFinite) return { code: 'lambda-too-strong', message: `The adaptation loss became non-finite (seed ${nonFinite.seed}): training diverged. ${lower}` };
  const withCurves = e.adaptationLossCurves.filter((c) => c.length >= 4).length;
  if (rising.length > 0 && rising.length * 2 >= withCurves) {
    const d = rising[0]!;
    return {
      code: 'lambda-too-strong',
      message: `The adaptation loss diverged: it rose from ${dist(d.from)} to ${dist(d.to)} (first → last quarter of training${rising.length > 1 ? `, ${rising.length} of ${withCurves} seeds` : ''}). ${lower}`,
    };
  }
  const stuck = stuckDomainAccuracy(e);
  if (stuck === null) return null;
  // Without a feature distance we cannot rule out the opposite cause (too weak to move the features at all).
  const unless = e.featureDistance === null ? ' If the features turn out not to move at all, raise λ instead.' : '';
  return {
    code: 'lambda-too-strong',
    message: `The domain classifier stayed at ${pct(stuck.accuracy)} on its batches over the last half of training (${stuck.seeds} of ${stuck.of} seeds): the adversarial game never balanced, the extractor chases it without confusing it. ${lower}${unless}`,
  };
}

function adaptationInert(e: AdviceEvidence): Advice | null {
  // A transfer that demonstrably worked needs no "raise λ", whatever the distance says.
  const fd = e.verdict === 'positive' ? null : inertDistance(e);
  if (fd === null) return null;
  const stuck = stuckDomainAccuracy(e);
  const classifier = stuck ? `, and the domain classifier stayed at ${pct(stuck.accuracy)}` : '';
  const check = e.adversarial ? 'that the gradient-reversal layer sits between the features and the domain classifier' : 'the MMD bandwidths and which layer is aligned';
  return {
    code: 'adaptation-inert',
    message: `Adaptation did not move the features: source–target feature distance ${dist(fd.method)} with it, ${dist(fd.sourceOnly)} without${classifier}. Raise λ, check ${check}, and that the adaptation pair connects the source and the target.`,
  };
}

function littleToTransfer(e: AdviceEvidence): Advice | null {
  const so = e.sourceOnlyTestAccuracy;
  const to = e.targetOnlyTestAccuracy;
  // Source-only far above target-only says the target labels are few, not that the shift is small.
  if (so === null || to === null || Math.abs(to - so) >= ADVICE_THRESHOLDS.materialGap) return null;
  return {
    code: 'little-to-transfer',
    message: `Little to transfer: source-only already scores ${pct(so)} on the target test split, within ${points(to - so)} of target-only (${pct(to)}). The shift costs this task almost nothing, so adaptation has little to gain.`,
  };
}

function targetLabelsBeatTransfer(e: AdviceEvidence): Advice | null {
  const to = e.targetOnlyTestAccuracy;
  const method = e.methodTestAccuracy ?? (e.sourceOnlyTestAccuracy !== null && e.gainMean !== null ? e.sourceOnlyTestAccuracy + e.gainMean : null);
  if (to === null || method === null || to - method <= ADVICE_THRESHOLDS.materialGap) return null;
  return {
    code: 'target-labels-beat-transfer',
    message: `Training on the target's own labels beats this transfer: target-only ${pct(to)} vs the method ${pct(method)} (${points(to - method)}). With these labels, train on the target, or fine-tune on it after the transfer.`,
  };
}

function verdictAdvice(e: AdviceEvidence): Advice | null {
  const gain = e.gainMean === null ? '' : ` (mean gain ${signedPoints(e.gainMean)})`;
  if (e.verdict === 'inconclusive') {
    return { code: 'noisy', message: `The gain's 95% interval straddles 0 over ${e.seeds} seeds${gain}: run more seeds or use a larger target test split to tell it from noise.` };
  }
  if (e.verdict === 'single-seed') {
    return { code: 'more-seeds', message: `One seed${gain} cannot tell a gain from seed-to-seed noise: run at least 3 seeds for an interval.` };
  }
  return null;
}

/**
 * The verdict's advice, chosen from what the run measured — only where the evidence supports it — most
 * actionable first: fit the source, then fix or strengthen adaptation, then whether transfer is worth it, then
 * how sure the figure is.
 */
export function advise(e: AdviceEvidence): Advice[] {
  const rules = [underfit, lambdaTooStrong, adaptationInert, littleToTransfer, targetLabelsBeatTransfer, verdictAdvice];
  return rules.map((rule) => rule(e)).filter((a): a is Advice => a !== null);
}
