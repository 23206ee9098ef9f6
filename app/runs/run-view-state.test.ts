import { describe, expect, it } from 'vitest';
import type { RunEvent, Verdict } from '../../formats/run-events';
import { epochAccuracyKeys, runEventSchema } from '../../formats/run-events';
import { toRunResult, verdictDisplay } from './result-view';
import { boundary, makeResult, methodAcc, seeds } from './run-fixtures.test-util';
import { accuracyCurves, initialRunView, lossTermKeys, metricSeries, modelProgress, plannedModels, reduceRunEvent, type RunViewState } from './run-view-state';

const { sourceValidation: SV, targetValidation: TV, test: TEST } = epochAccuracyKeys;

const epoch = (track: 'method' | 'sourceOnly', seed: number, stage: number, e: number, epochs: number, metrics: Record<string, number>): RunEvent => ({
  type: 'epoch', track, seed, stage, epoch: e, epochs, metrics,
});

const modelEvent = (track: 'method' | 'sourceOnly', seed: number, acc: number): RunEvent => ({
  type: 'model', track, seed, steps: 10, scores: { test: { accuracy: acc }, targetValidation: { accuracy: acc } }, featureDistance: { proxyA: 0.5 },
});

const events: RunEvent[] = [
  { type: 'status', status: 'running', attempt: 1 },
  { type: 'started', backend: 'wasm', domains: [{ nodeId: 's', name: 'source', role: 'source', samples: 100, labelled: 100, width: 2 }] },
  { type: 'domainDistances', distances: [{ a: 'source', b: 'target', mmd: 0.5 }], classifier: 'logistic regression' },
  { type: 'stage', track: 'method', seed: 0, index: 0, name: 'Trainer', kind: 'train' },
  epoch('method', 0, 0, 1, 2, { total: 1, classification: 0.8, mmd: 0.2, [SV]: 0.6, [TV]: 0.5, lr: 0.01, lambda: 0.1 }),
  { type: 'stage', track: 'sourceOnly', seed: 0, index: 0, name: 'Trainer', kind: 'train' },
  epoch('sourceOnly', 0, 0, 1, 2, { total: 1.1, [SV]: 0.62, [TV]: 0.45 }),
  epoch('method', 0, 0, 2, 2, { total: 0.6, classification: 0.5, mmd: 0.1, [SV]: 0.7, [TV]: 0.7, [TEST]: 0.66, lr: 0.01 }),
  { type: 'stage', track: 'method', seed: 0, index: 1, name: 'Fine-tune', kind: 'fineTune' },
  epoch('method', 0, 1, 1, 4, { total: 0.4, [TV]: 0.8 }),
  modelEvent('method', 0, methodAcc[0]!),
  { type: 'stage', track: 'method', seed: 1, index: 0, name: 'Trainer', kind: 'train' },
  // A later seed: moves the progress bar, not the curve.
  epoch('method', 1, 0, 1, 2, { total: 0.9, [TV]: 0.55 }),
  { type: 'warning', message: 'Few target samples', nodeId: 't' },
  { type: 'projection', track: 'method', seed: 0, points: [{ x: 0, y: 1, domain: 'source', label: 0 }] },
  { type: 'projection', track: 'sourceOnly', seed: 0, points: [{ x: 2, y: -1, domain: 'target', label: 1 }] },
  { type: 'boundary', track: 'method', seed: 0, boundary: boundary(4, 3) },
  { type: 'final', result: makeResult() },
];

const fold = (evs: readonly RunEvent[]): RunViewState => evs.reduce((s, e, i) => reduceRunEvent(s, e, String(i + 1)), initialRunView);

describe('reduceRunEvent', () => {
  it('the fixture events are valid run events', () => {
    for (const e of events) expect(runEventSchema.parse(e)).toEqual(e);
  });

  it('folds the stream into tracks, stages, warnings, pictures and the result', () => {
    const s = fold(events);
    expect(s.backend).toBe('wasm');
    expect(s.eventCount).toBe(events.length);
    expect(s.lastEventId).toBe(String(events.length));
    expect(s.status).toBe('succeeded'); // a final result ends a running run
    expect(s.stages.map((x) => `${x.track}:${x.seed}:${x.name}`)).toEqual(['method:0:Trainer', 'sourceOnly:0:Trainer', 'method:0:Fine-tune', 'method:1:Trainer']);
    const m = s.tracks.method!;
    // The curve is the first seed's, its steps counting epochs across stages.
    expect(m.curveSeed).toBe(0);
    expect(m.points.map((p) => [p.step, p.stage, p.epoch])).toEqual([[1, 0, 1], [2, 0, 2], [3, 1, 1]]);
    // Seed 0 finished (its model event); seed 1 is training.
    expect(m.running).toEqual([{ seed: 1, stageName: 'Trainer', stageIndex: 0, progress: 0.5 }]);
    expect(s.warnings).toEqual([{ message: 'Few target samples', nodeId: 't' }]);
    expect(Object.keys(s.projections).sort()).toEqual(['method', 'sourceOnly']);
    expect(s.boundaries.method?.classes).toHaveLength(12);
    expect(s.result?.verdict).toBe('positive');
    // The final result's input distances and classifier replace the early estimate.
    expect(s.distances).toEqual(makeResult().distances.inputs);
    expect(s.distanceClassifier).toBe(makeResult().distances.proxyAClassifier.inputs);
  });

  it('marks a run succeeded on its final event when no status said otherwise', () => {
    expect(fold(events.filter((e) => e.type !== 'status')).status).toBe('succeeded');
    expect(fold([{ type: 'status', status: 'cancelled', message: 'by user' }])).toMatchObject({ status: 'cancelled', statusMessage: 'by user' });
  });

  it('replaying the same events gives the same state (reconnect)', () => {
    expect(fold(events)).toEqual(fold([...events]));
  });
});

describe('model events', () => {
  const stream = [modelEvent('method', 0, 0.9), modelEvent('sourceOnly', 0, 0.7), modelEvent('method', 1, 0.8), modelEvent('method', 0, 0.91)];

  it('count once per track and seed; a repeated (track, seed) replaces the earlier one', () => {
    const s = fold(stream);
    expect(s.models).toHaveLength(3);
    expect(s.models.find((m) => m.track === 'method' && m.seed === 0)?.scores.test?.accuracy).toBe(0.91);
    const p = modelProgress(s, { baselines: [{ kind: 'sourceOnly' }], evaluation: { repeats: 3 } });
    expect(p).toEqual({ done: 3, total: 6, seedsByTrack: { method: [0, 1], sourceOnly: [0] } });
  });

  it('end the progress bar of their (track, seed) only; seeds training at once each keep theirs', () => {
    const s = fold([
      epoch('method', 0, 0, 1, 4, { total: 1 }),
      epoch('method', 1, 0, 3, 4, { total: 1 }),
      epoch('sourceOnly', 0, 0, 2, 4, { total: 1 }),
      modelEvent('method', 0, 0.9),
    ]);
    expect(s.tracks.method!.running.map((u) => [u.seed, u.progress])).toEqual([[1, 0.75]]);
    expect(s.tracks.sourceOnly!.running.map((u) => [u.seed, u.progress])).toEqual([[0, 0.5]]);
  });

  it('take the total from the plan while training and from the result once finished', () => {
    expect(plannedModels({ baselines: [{ kind: 'sourceOnly' }, { kind: 'targetOnly' }], evaluation: { repeats: 5 } })).toBe(15);
    expect(plannedModels({ baselines: [], seed: 0, evaluation: {} })).toBe(1); // a version-1 plan: one seed
    expect(plannedModels(null)).toBeNull();
    const done = fold([...stream, { type: 'final', result: makeResult() }]);
    expect(modelProgress(done, null).total).toBe(seeds.length * 3);
  });
});

describe('format 1 results', () => {
  const v1 = {
    backend: 'cpu', seed: 7, durationMs: 10,
    method: { accuracy: 0.8 }, baselines: { sourceOnly: { accuracy: 0.85 } },
    gain: -0.05, negativeTransfer: true, domainDistances: [{ a: 'source', b: 'target', mmd: 0.2 }], artifacts: [],
  };

  it('a stored v1 final event is migrated: one seed, no interval, no red verdict', () => {
    const event = runEventSchema.parse({ type: 'final', result: v1 });
    const s = fold([event]);
    expect(s.result).toMatchObject({ version: 3, seeds: [v1.seed], verdict: 'single-seed' });
    expect(s.result?.models.method.splits.test?.accuracy.mean).toBe(v1.method.accuracy);
    expect(s.result?.gain).toMatchObject({ mean: v1.gain, ci95: null, baseline: 'sourceOnly' });
    expect(s.distances).toEqual(v1.domainDistances);
    expect(verdictDisplay(s.result!.verdict, s.result!.gain).tone).not.toBe('negative');
  });

  it('toRunResult lifts stored results of either format and drops unreadable ones', () => {
    expect(toRunResult(v1)?.version).toBe(3);
    expect(toRunResult(makeResult())).toEqual(makeResult());
    expect(toRunResult(null)).toBeNull();
    expect(toRunResult({ nonsense: true })).toBeNull();
  });
});

describe('verdict display', () => {
  const gain = makeResult().gain;
  const cases: Array<[Verdict | null, string, RegExp]> = [
    ['negative', 'negative', /^Negative transfer$/],
    ['positive', 'positive', /^Positive transfer$/],
    ['inconclusive', 'inconclusive', /straddles 0/],
    ['single-seed', 'neutral', /one seed — no interval/i],
    [null, 'neutral', /no verdict/i],
  ];
  it.each(cases)('%s → %s tone', (verdict, tone, title) => {
    const d = verdictDisplay(verdict, gain);
    expect(d.tone).toBe(tone);
    expect(d.title).toMatch(title);
  });

  it('only a negative verdict is shown as negative transfer', () => {
    const negatives = cases.filter(([v]) => verdictDisplay(v, gain).tone === 'negative').map(([v]) => v);
    expect(negatives).toEqual(['negative']);
  });
});

describe('live curves', () => {
  it('each split under its own key; the test curve only where the test key is present', () => {
    const c = accuracyCurves(fold(events));
    expect(c.targetValidation.map((r) => r.method)).toEqual([0.5, 0.7, 0.8]);
    expect(c.sourceValidation).toEqual([{ step: 1, method: 0.6, sourceOnly: 0.62 }, { step: 2, method: 0.7 }]);
    expect(c.test).toEqual([{ step: 2, method: 0.66 }]);
    const noTest = accuracyCurves(fold(events.map((e) => (e.type === 'epoch' ? { ...e, metrics: Object.fromEntries(Object.entries(e.metrics).filter(([k]) => k !== TEST)) } : e))));
    expect(noTest.test).toEqual([]);
    expect(noTest.targetValidation).toEqual(c.targetValidation);
  });

  it('aligns the total loss across tracks by step', () => {
    expect(metricSeries(fold(events), ['total'])).toEqual([{ step: 1, method: 1, sourceOnly: 1.1 }, { step: 2, method: 0.6 }, { step: 3, method: 0.4 }]);
    expect(metricSeries(fold(events), ['nothing'])).toEqual([]);
  });

  it('lists the loss terms, not accuracies, rates or λ', () => {
    expect(lossTermKeys(fold(events)).sort()).toEqual(['classification', 'mmd', 'total']);
  });
});
