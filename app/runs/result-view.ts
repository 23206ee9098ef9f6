import { migrateRunResult, UNLABELLED_TEST_TEXT, type Gain, type RunResult, type RunTrack, type SeedStat, type SplitMetrics, type SplitName, type Verdict } from '../../formats/run-events';
import { trackLabels, trackOrder } from './run-view-state';

/**
 * Pure display helpers for a finished run's result. The verdict is the server's: nothing here decides
 * whether transfer helped, it only says what the server measured and where each figure comes from.
 */

/** A stored result of any format, lifted to the current one; null when absent or unreadable. */
export function toRunResult(raw: unknown): RunResult | null {
  if (!raw) return null;
  try {
    return migrateRunResult(raw);
  } catch {
    return null;
  }
}

export function formatPercent(x: number | null | undefined, digits = 1): string {
  if (x === null || x === undefined || !Number.isFinite(x)) return '—';
  return `${(x * 100).toFixed(digits)}%`;
}

export function formatGain(x: number | null | undefined): string {
  if (x === null || x === undefined || !Number.isFinite(x)) return '—';
  const pts = x * 100;
  return `${pts >= 0 ? '+' : '−'}${Math.abs(pts).toFixed(1)} pts`;
}

/** "90.1% ± 1.2" (std in percentage points); the bare mean for one seed, where std says nothing. */
export function formatStat(stat: SeedStat | undefined): string {
  if (!stat) return '—';
  return stat.perSeed.length > 1 ? `${formatPercent(stat.mean)} ± ${(stat.std * 100).toFixed(1)}` : formatPercent(stat.mean);
}

/** A figure on the target test split: "— (unlabelled target)" when its rows carry no labels, never a number. */
export function formatTestStat(r: Pick<RunResult, 'testLabels'>, stat: SeedStat | undefined): string {
  return r.testLabels === 'none' ? UNLABELLED_TEST_TEXT : formatStat(stat);
}

/** A distance (MMD², proxy A) over seeds: "0.220 ± 0.031". */
export function formatDistance(stat: SeedStat | number | undefined, digits = 3): string {
  if (stat === undefined) return '—';
  if (typeof stat === 'number') return Number.isFinite(stat) ? stat.toFixed(digits) : '—';
  return stat.perSeed.length > 1 ? `${stat.mean.toFixed(digits)} ± ${stat.std.toFixed(digits)}` : stat.mean.toFixed(digits);
}

export const splitLabels: Record<SplitName, string> = {
  test: 'target test',
  sourceValidation: 'source validation',
  targetValidation: 'target validation',
};

export const seedsLabel = (n: number): string => (n === 1 ? '1 seed' : `${n} seeds`);

/** "target test, 3 seeds": every figure names its split. */
export const splitCaption = (split: SplitName, seeds: number): string => `${splitLabels[split]}, ${seedsLabel(seeds)}`;

export interface VerdictDisplay {
  /** negative: red; positive: green; inconclusive: amber; neutral: grey. */
  readonly tone: 'negative' | 'positive' | 'inconclusive' | 'neutral';
  readonly title: string;
  /** For tables. */
  readonly short: string;
  readonly detail: string;
}

/** How the server's verdict reads on the page. */
export function verdictDisplay(verdict: Verdict | null, gain: Gain | null): VerdictDisplay {
  const against = gain ? trackLabels[gain.baseline].toLowerCase() : 'the baseline';
  switch (verdict) {
    case 'negative':
      return { tone: 'negative', title: 'Negative transfer', short: 'Negative transfer', detail: `The method is worse than ${against} on the target test split, beyond seed-to-seed noise.` };
    case 'positive':
      return { tone: 'positive', title: 'Positive transfer', short: 'Positive', detail: `The method beats ${against} on the target test split, beyond seed-to-seed noise.` };
    case 'inconclusive':
      return { tone: 'inconclusive', title: 'Inconclusive: the interval straddles 0', short: 'Inconclusive', detail: `The difference to ${against} is within seed-to-seed noise; more seeds narrow the interval.` };
    case 'single-seed':
      return { tone: 'neutral', title: 'One seed — no interval', short: 'One seed', detail: 'One seed cannot tell a gain from noise: run more seeds for a verdict.' };
    default:
      return { tone: 'neutral', title: 'No verdict', short: '—', detail: 'The target has no labelled test rows, so there is no gain to measure.' };
  }
}

/** An interval in percentage points: "[−1.0, +5.4] pts". */
export function formatCi(ci: readonly [number, number] | null | undefined): string {
  if (!ci) return '—';
  return `[${formatGain(ci[0]).replace(' pts', '')}, ${formatGain(ci[1]).replace(' pts', '')}] pts`;
}

/** "95 % t-interval over 5 seeds, paired by seed: +1.0 pts to +5.4 pts", or why there is none. */
export function gainIntervalText(gain: Gain): string {
  const n = gain.perSeed.length;
  if (!gain.ci95) return 'one seed — no interval';
  return `95 % t-interval over ${seedsLabel(n)}, paired by seed: ${formatGain(gain.ci95[0])} to ${formatGain(gain.ci95[1])}`;
}

/** Each seed's paired difference, labelled with its seed. */
export function perSeedGains(r: RunResult): Array<{ seed: number; diff: number }> {
  return (r.gain?.perSeed ?? []).map((diff, i) => ({ seed: r.seeds[i] ?? i, diff }));
}

/** Source-only beside a gain measured against another baseline: its test accuracy and the method's margin. */
export function sourceOnlyBeside(r: RunResult): { stat: SeedStat; diff: number } | null {
  const so = r.models.sourceOnly?.splits.test?.accuracy;
  const m = r.models.method.splits.test?.accuracy;
  if (!r.gain || r.gain.baseline === 'sourceOnly' || !so || !m) return null;
  return { stat: so, diff: m.mean - so.mean };
}

export interface ModelRow {
  readonly track: RunTrack;
  readonly steps: number;
  readonly splits: Partial<Record<SplitName, SplitMetrics>>;
}

export function modelRows(r: RunResult): ModelRow[] {
  return trackOrder.flatMap((t) => {
    const m = r.models[t];
    return m ? [{ track: t, steps: m.steps, splits: m.splits }] : [];
  });
}

export interface DistanceLine {
  readonly metric: 'proxyA' | 'mmd';
  readonly label: string;
  readonly steps: ReadonlyArray<{ label: string; value: SeedStat | number | undefined }>;
}

/**
 * Distance of the adapted pair before training (inputs) and after (each model's features), per measure:
 * "proxy A: inputs 0.31 → source-only features 0.90 → method features 0.22".
 */
export function beforeAfter(r: RunResult): { a: string; b: string; lines: DistanceLine[] } | null {
  const pair = r.distances.features;
  if (!pair) return null;
  const input = r.distances.inputs.find((d) => (d.a === pair.a && d.b === pair.b) || (d.a === pair.b && d.b === pair.a));
  const lines: DistanceLine[] = [];
  for (const [metric, label] of [['proxyA', 'proxy A'], ['mmd', 'MMD²']] as const) {
    const steps = [
      { label: 'inputs', value: input?.[metric] },
      ...(r.models.sourceOnly ? [{ label: 'source-only features', value: r.models.sourceOnly.featureDistance?.[metric] }] : []),
      { label: 'method features', value: r.models.method.featureDistance?.[metric] },
    ];
    if (steps.some((s) => s.value !== undefined)) lines.push({ metric, label, steps });
  }
  return { a: pair.a, b: pair.b, lines };
}

export function distanceLineText(line: DistanceLine): string {
  return `${line.label}: ${line.steps.map((s) => `${s.label} ${formatDistance(s.value, line.metric === 'mmd' ? 4 : 2)}`).join(' → ')}`;
}

/** One x and one y range covering every list, padded: plots side by side compare only on equal axes. */
export function sharedExtent(lists: ReadonlyArray<ReadonlyArray<{ x: number; y: number }>>): { x: [number, number]; y: [number, number] } | null {
  const pts = lists.flat().filter((p) => Number.isFinite(p.x) && Number.isFinite(p.y));
  if (pts.length === 0) return null;
  const range = (vs: number[]): [number, number] => {
    // reduce, not Math.min(...vs): projections can hold more points than a call takes arguments.
    const lo = vs.reduce((a, v) => Math.min(a, v), Infinity);
    const hi = vs.reduce((a, v) => Math.max(a, v), -Infinity);
    const pad = hi > lo ? (hi - lo) * 0.05 : 1;
    // Round outward to a tidy step so the axis ends read well.
    const step = 10 ** Math.floor(Math.log10(hi - lo + 2 * pad)) / 10;
    return [Math.floor((lo - pad) / step) * step, Math.ceil((hi + pad) / step) * step];
  };
  return { x: range(pts.map((p) => p.x)), y: range(pts.map((p) => p.y)) };
}
