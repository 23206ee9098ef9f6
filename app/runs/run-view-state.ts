import { epochAccuracyKeys, type Boundary, type DomainDistance, type ModelScores, type RunEvent, type RunResult, type RunTrack } from '../../formats/run-events';

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

/** A model training now on one seed (units of several seeds and tracks may train at once). */
export interface UnitProgress {
  /** Null on streams without seeds. */
  readonly seed: number | null;
  readonly stageName: string | null;
  readonly stageIndex: number | null;
  /** Progress of the current stage, 0..1. */
  readonly progress: number;
}

export interface TrackView {
  readonly track: RunTrack;
  /** The seed whose curve is kept: the first one seen, so each track stays one readable line. */
  readonly curveSeed: number | null;
  readonly points: readonly EpochPoint[];
  /** Seeds of this track started and not yet finished (by a `model` event), in start order. */
  readonly running: readonly UnitProgress[];
}

/** One model finished on one seed (a `model` event). */
export interface ModelDone {
  readonly track: RunTrack;
  readonly seed: number;
  readonly steps: number;
  readonly scores: ModelScores;
  readonly featureDistance?: { mmd?: number; proxyA?: number };
}

export type ProjectionPoints = ReadonlyArray<{ x: number; y: number; domain: string; label: number }>;

export interface RunViewState {
  readonly status: 'queued' | 'running' | 'succeeded' | 'failed' | 'cancelled' | null;
  readonly statusMessage: string | null;
  readonly backend: string | null;
  readonly domains: ReadonlyArray<{ nodeId: string; name: string; role: string; samples: number; labelled: number; width: number }>;
  readonly tracks: Readonly<Partial<Record<RunTrack, TrackView>>>;
  readonly stages: ReadonlyArray<{ track: RunTrack; seed: number | null; index: number; name: string; kind: string }>;
  readonly warnings: ReadonlyArray<{ message: string; nodeId?: string }>;
  /** Finished models, one per (track, seed). */
  readonly models: readonly ModelDone[];
  readonly projections: Readonly<Partial<Record<RunTrack, ProjectionPoints>>>;
  readonly boundaries: Readonly<Partial<Record<RunTrack, Boundary>>>;
  /** Domain distances on the inputs, before training, and the classifier that measured proxy A. */
  readonly distances: readonly DomainDistance[];
  readonly distanceClassifier: string | null;
  readonly result: RunResult | null;
  readonly artifacts: ReadonlyArray<{ name: string; path: string }>;
  /** Rows the run predicted for its target (held-out and unlabelled), downloadable as CSV. */
  readonly predictionRows: number;
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
  models: [],
  projections: {},
  boundaries: {},
  distances: [],
  distanceClassifier: null,
  result: null,
  artifacts: [],
  predictionRows: 0,
  lastEventId: null,
  eventCount: 0,
};

export const trackOrder: readonly RunTrack[] = ['method', 'sourceOnly', 'targetOnly', 'sourcePlusTarget'];

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

type Ev<T extends RunEvent['type']> = Extract<RunEvent, { type: T }>;

function trackOf(s: RunViewState, track: RunTrack): TrackView {
  return s.tracks[track] ?? { track, curveSeed: null, points: [], running: [] };
}

/** The track with one seed's progress replaced (or added). */
function withUnit(t: TrackView, seed: number | null, update: (u: UnitProgress) => UnitProgress): TrackView {
  const i = t.running.findIndex((u) => u.seed === seed);
  const unit = update(t.running[i] ?? { seed, stageName: null, stageIndex: null, progress: 0 });
  return { ...t, running: i < 0 ? [...t.running, unit] : t.running.map((u, k) => (k === i ? unit : u)) };
}

function onStage(s: RunViewState, e: Ev<'stage'>): Partial<RunViewState> {
  const seed = e.seed ?? null;
  const t = withUnit(trackOf(s, e.track), seed, (u) => ({ ...u, stageName: e.name, stageIndex: e.index, progress: 0 }));
  return {
    stages: [...s.stages, { track: e.track, seed, index: e.index, name: e.name, kind: e.kind }],
    tracks: { ...s.tracks, [e.track]: t },
  };
}

function onEpoch(s: RunViewState, e: Ev<'epoch'>): Partial<RunViewState> {
  const seed = e.seed ?? null;
  const progress = e.epochs > 0 ? Math.min(1, e.epoch / e.epochs) : 0;
  const t = withUnit(trackOf(s, e.track), seed, (u) => ({ ...u, progress }));
  const curveSeed = t.points.length > 0 ? t.curveSeed : seed;
  // Other seeds move their progress bars but do not add to the curve.
  const points = seed === curveSeed ? [...t.points, { step: t.points.length + 1, stage: e.stage, epoch: e.epoch, metrics: e.metrics }] : t.points;
  return { tracks: { ...s.tracks, [e.track]: { ...t, curveSeed, points } } };
}

function onModel(s: RunViewState, e: Ev<'model'>): Partial<RunViewState> {
  const done: ModelDone = { track: e.track, seed: e.seed, steps: e.steps, scores: e.scores, featureDistance: e.featureDistance };
  // A re-run attempt reports the same (track, seed) again: the newer one counts, once.
  const others = s.models.filter((m) => m.track !== e.track || m.seed !== e.seed);
  const t = trackOf(s, e.track);
  return { models: [...others, done], tracks: { ...s.tracks, [e.track]: { ...t, running: t.running.filter((u) => u.seed !== e.seed) } } };
}

function onFinal(s: RunViewState, e: Ev<'final'>): Partial<RunViewState> {
  const d = e.result.distances;
  return {
    result: e.result,
    // The final result's input distances replace the early estimate.
    distances: d.inputs.length ? d.inputs : s.distances,
    distanceClassifier: d.inputs.length ? d.proxyAClassifier.inputs : s.distanceClassifier,
    status: s.status === 'running' || s.status === null ? 'succeeded' : s.status,
  };
}

function fold(s: RunViewState, event: RunEvent): Partial<RunViewState> {
  switch (event.type) {
    case 'started':
      return { backend: event.backend, domains: event.domains, status: 'running' };
    case 'status':
      return { status: event.status, statusMessage: event.message ?? null };
    case 'domainDistances':
      return { distances: event.distances, distanceClassifier: event.classifier ?? s.distanceClassifier };
    case 'stage':
      return onStage(s, event);
    case 'epoch':
      return onEpoch(s, event);
    case 'model':
      return onModel(s, event);
    case 'warning':
      return { warnings: [...s.warnings, { message: event.message, nodeId: event.nodeId }] };
    case 'projection':
      return { projections: { ...s.projections, [event.track]: event.points } };
    case 'boundary':
      return { boundaries: { ...s.boundaries, [event.track]: event.boundary } };
    case 'artifact':
      return { artifacts: [...s.artifacts, { name: event.name, path: event.path }] };
    case 'validators':
      return {}; // the final result carries them (model table); the sweep page compares them across members
    case 'predictions':
      return { predictionRows: event.rows.length };
    case 'final':
      return onFinal(s, event);
  }
}

export function reduceRunEvent(s: RunViewState, event: RunEvent, eventId: string | null = null): RunViewState {
  return { ...s, ...fold(s, event), lastEventId: eventId ?? s.lastEventId, eventCount: s.eventCount + 1 };
}

/** Finished models so far, and how many the run trains (null while unknown). */
export function modelProgress(s: RunViewState, plan: unknown): { done: number; total: number | null; seedsByTrack: Partial<Record<RunTrack, number[]>> } {
  const seedsByTrack: Partial<Record<RunTrack, number[]>> = {};
  for (const m of s.models) (seedsByTrack[m.track] ??= []).push(m.seed);
  for (const seeds of Object.values(seedsByTrack)) seeds.sort((a, b) => a - b);
  const r = s.result;
  const total = r ? r.seeds.length * trackOrder.filter((t) => r.models[t]).length : plannedModels(plan);
  return { done: s.models.length, total, seedsByTrack };
}

/** Models a plan trains: (method + baselines) × seeds (`evaluation.repeats`; plans of version 1 train one seed). */
export function plannedModels(plan: unknown): number | null {
  if (!plan || typeof plan !== 'object') return null;
  const p = plan as { baselines?: unknown; evaluation?: { repeats?: unknown } };
  if (!Array.isArray(p.baselines)) return null;
  const repeats = p.evaluation?.repeats;
  return (1 + p.baselines.length) * (typeof repeats === 'number' ? repeats : 1);
}

export const LOSS_KEYS = ['loss', 'total', 'totalLoss', 'classification'] as const;

/** The first metric present among `keys`. */
export function pickMetric(metrics: Readonly<Record<string, number>>, keys: readonly string[]): number | undefined {
  for (const k of keys) {
    const v = metrics[k];
    if (typeof v === 'number' && Number.isFinite(v)) return v;
  }
  return undefined;
}

/**
 * Rows for a chart of one metric across tracks, aligned on the step: [{ step, method, sourceOnly, ... }].
 * Only points that carry one of `keys` appear, so a curve never borrows another split's figure.
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

/** Live accuracy curves per split, each under its own key from the event format. */
export function accuracyCurves(s: RunViewState): Record<keyof typeof epochAccuracyKeys, Array<Record<string, number>>> {
  return {
    sourceValidation: metricSeries(s, [epochAccuracyKeys.sourceValidation]),
    targetValidation: metricSeries(s, [epochAccuracyKeys.targetValidation]),
    test: metricSeries(s, [epochAccuracyKeys.test]),
  };
}

/** The loss terms of the method's track (every metric but accuracies, rates, λ and boosting weights). */
export function lossTermKeys(s: RunViewState): string[] {
  const keys = new Set<string>();
  for (const p of s.tracks.method?.points ?? []) for (const k of Object.keys(p.metrics)) keys.add(k);
  return [...keys].filter((k) => !/acc|learningRate|^lr$|lambda|λ|f1|epsilon|beta/i.test(k));
}
