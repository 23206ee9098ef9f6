import type { RunEvent, RunResult, RunTrack } from '../../formats/run-events';

/**
 * Folds a run's event stream into what the run page shows. Pure, so that replaying stored
 * events after a reconnect gives the same picture as watching them live.
 */

export interface EpochPoint {
  /** Epoch count across every stage of the track (1-based). */
  readonly step: number;
  readonly stage: number;
  readonly epoch: number;
  readonly metrics: Readonly<Record<string, number>>;
}

export interface TrackView {
  readonly track: RunTrack;
  readonly stageName: string | null;
  readonly stageIndex: number | null;
  readonly points: readonly EpochPoint[];
  /** Progress of the current stage, 0..1. */
  readonly progress: number;
}

export interface RunViewState {
  readonly status: 'queued' | 'running' | 'succeeded' | 'failed' | 'cancelled' | null;
  readonly statusMessage: string | null;
  readonly backend: string | null;
  readonly domains: ReadonlyArray<{ nodeId: string; name: string; role: string; samples: number; labelled: number; width: number }>;
  readonly tracks: Readonly<Partial<Record<RunTrack, TrackView>>>;
  readonly stages: ReadonlyArray<{ track: RunTrack; index: number; name: string; kind: string }>;
  readonly warnings: ReadonlyArray<{ message: string; nodeId?: string }>;
  readonly projections: Readonly<Partial<Record<RunTrack, ReadonlyArray<{ x: number; y: number; domain: string; label: number }>>>>;
  readonly distances: RunResult['domainDistances'];
  readonly result: RunResult | null;
  readonly artifacts: ReadonlyArray<{ name: string; path: string }>;
  /** Id of the last event folded in (to resume a subscription). */
  readonly lastEventId: string | null;
  readonly eventCount: number;
}

export const initialRunView: RunViewState = {
  status: null,
  statusMessage: null,
  backend: null,
  domains: [],
  tracks: {},
  stages: [],
  warnings: [],
  projections: {},
  distances: [],
  result: null,
  artifacts: [],
  lastEventId: null,
  eventCount: 0,
};

export const trackLabels: Record<RunTrack, string> = {
  method: 'Method',
  sourceOnly: 'Source only',
  targetOnly: 'Target only',
  sourcePlusTarget: 'Source + target',
};

export const trackColors: Record<RunTrack, string> = {
  method: '#2563eb',
  sourceOnly: '#64748b',
  targetOnly: '#ea580c',
  sourcePlusTarget: '#9333ea',
};

function trackOf(s: RunViewState, track: RunTrack): TrackView {
  return s.tracks[track] ?? { track, stageName: null, stageIndex: null, points: [], progress: 0 };
}

export function reduceRunEvent(s: RunViewState, event: RunEvent, eventId: string | null = null): RunViewState {
  const base = { ...s, lastEventId: eventId ?? s.lastEventId, eventCount: s.eventCount + 1 };
  switch (event.type) {
    case 'started':
      return { ...base, backend: event.backend, domains: event.domains, status: 'running' };
    case 'status':
      return { ...base, status: event.status, statusMessage: event.message ?? null };
    case 'domainDistances':
      return { ...base, distances: event.distances };
    case 'stage': {
      const t = trackOf(s, event.track);
      return {
        ...base,
        stages: [...s.stages, { track: event.track, index: event.index, name: event.name, kind: event.kind }],
        tracks: { ...s.tracks, [event.track]: { ...t, stageName: event.name, stageIndex: event.index, progress: 0 } },
      };
    }
    case 'epoch': {
      const t = trackOf(s, event.track);
      const point: EpochPoint = { step: t.points.length + 1, stage: event.stage, epoch: event.epoch, metrics: event.metrics };
      const progress = event.epochs > 0 ? Math.min(1, event.epoch / event.epochs) : 0;
      return { ...base, tracks: { ...s.tracks, [event.track]: { ...t, points: [...t.points, point], progress } } };
    }
    case 'warning':
      return { ...base, warnings: [...s.warnings, { message: event.message, nodeId: event.nodeId }] };
    case 'projection':
      return { ...base, projections: { ...s.projections, [event.track]: event.points } };
    case 'artifact':
      return { ...base, artifacts: [...s.artifacts, { name: event.name, path: event.path }] };
    case 'final':
      return { ...base, result: event.result, distances: event.result.domainDistances.length ? event.result.domainDistances : s.distances, status: s.status === 'running' || s.status === null ? 'succeeded' : s.status };
  }
}

/** The first metric present among `keys`. */
export function pickMetric(metrics: Readonly<Record<string, number>>, keys: readonly string[]): number | undefined {
  for (const k of keys) {
    const v = metrics[k];
    if (typeof v === 'number' && Number.isFinite(v)) return v;
  }
  return undefined;
}

export const LOSS_KEYS = ['loss', 'total', 'totalLoss', 'classification'] as const;
export const TARGET_ACC_KEYS = ['targetAccuracy', 'targetAcc', 'target_accuracy', 'accuracy'] as const;

/**
 * Rows for a chart of one metric across tracks, aligned on the step: [{ step, method, sourceOnly, ... }].
 */
export function metricSeries(s: RunViewState, keys: readonly string[]): Array<Record<string, number>> {
  const rows = new Map<number, Record<string, number>>();
  for (const [track, view] of Object.entries(s.tracks) as Array<[RunTrack, TrackView]>) {
    for (const p of view.points) {
      const v = pickMetric(p.metrics, keys);
      if (v === undefined) continue;
      const row = rows.get(p.step) ?? { step: p.step };
      row[track] = v;
      rows.set(p.step, row);
    }
  }
  return [...rows.values()].sort((a, b) => a.step! - b.step!);
}

/** The loss terms of the method's track (every metric but accuracies, rates and λ), for a stacked view. */
export function lossTermKeys(s: RunViewState): string[] {
  const keys = new Set<string>();
  for (const p of s.tracks.method?.points ?? []) for (const k of Object.keys(p.metrics)) keys.add(k);
  return [...keys].filter((k) => !/acc|learningRate|^lr$|lambda|λ|f1/i.test(k));
}

export interface ResultRow {
  readonly track: RunTrack;
  readonly accuracy: number;
  readonly macroF1?: number;
  /** Method accuracy minus this row's accuracy (null for the method row). */
  readonly delta: number | null;
}

export function resultRows(r: RunResult): ResultRow[] {
  const rows: ResultRow[] = [{ track: 'method', accuracy: r.method.accuracy, macroF1: r.method.macroF1, delta: null }];
  for (const k of ['sourceOnly', 'targetOnly', 'sourcePlusTarget'] as const) {
    const m = r.baselines[k];
    if (m) rows.push({ track: k, accuracy: m.accuracy, macroF1: m.macroF1, delta: r.method.accuracy - m.accuracy });
  }
  return rows;
}

/** Negative transfer: the run says so, or the gain is below zero. */
export function isNegativeTransfer(r: RunResult): boolean {
  return r.negativeTransfer || (r.gain !== null && r.gain < 0);
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
