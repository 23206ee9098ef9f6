import { describe, expect, it } from 'vitest';
import type { RunEvent, RunResult } from '../../formats/run-events';
import { runEventSchema } from '../../formats/run-events';
import { formatGain, formatPercent, initialRunView, isNegativeTransfer, lossTermKeys, metricSeries, reduceRunEvent, resultRows, type RunViewState } from './run-view-state';

const result = (over: Partial<RunResult> = {}): RunResult => ({
  backend: 'wasm',
  seed: 0,
  durationMs: 1234,
  method: { accuracy: 0.9, macroF1: 0.89 },
  baselines: { sourceOnly: { accuracy: 0.7 }, targetOnly: { accuracy: 0.8 } },
  gain: 0.2,
  negativeTransfer: false,
  domainDistances: [{ a: 'source', b: 'target', mmd: 0.3, proxyA: 1.2 }],
  artifacts: [],
  ...over,
});

const events: RunEvent[] = [
  { type: 'status', status: 'running', attempt: 1 },
  { type: 'started', backend: 'wasm', domains: [{ nodeId: 's', name: 'source', role: 'source', samples: 100, labelled: 100, width: 2 }] },
  { type: 'domainDistances', distances: [{ a: 'source', b: 'target', mmd: 0.5 }] },
  { type: 'stage', track: 'method', index: 0, name: 'Trainer', kind: 'train' },
  { type: 'epoch', track: 'method', stage: 0, epoch: 1, epochs: 2, metrics: { loss: 1, classification: 0.8, mmd: 0.2, targetAccuracy: 0.5, learningRate: 0.01 } },
  { type: 'stage', track: 'sourceOnly', index: 0, name: 'Trainer', kind: 'train' },
  { type: 'epoch', track: 'sourceOnly', stage: 0, epoch: 1, epochs: 2, metrics: { loss: 1.1, targetAccuracy: 0.45 } },
  { type: 'epoch', track: 'method', stage: 0, epoch: 2, epochs: 2, metrics: { loss: 0.6, classification: 0.5, mmd: 0.1, targetAccuracy: 0.7, learningRate: 0.01 } },
  { type: 'stage', track: 'method', index: 1, name: 'Fine-tune', kind: 'fineTune' },
  { type: 'epoch', track: 'method', stage: 1, epoch: 1, epochs: 4, metrics: { loss: 0.4, targetAccuracy: 0.8 } },
  { type: 'warning', message: 'Few target samples', nodeId: 't' },
  { type: 'projection', track: 'method', points: [{ x: 0, y: 1, domain: 'source', label: 0 }] },
  { type: 'final', result: result() },
];

const fold = (evs: readonly RunEvent[]): RunViewState => evs.reduce((s, e, i) => reduceRunEvent(s, e, String(i + 1)), initialRunView);

describe('reduceRunEvent', () => {
  it('the fixture events are valid run events', () => {
    for (const e of events) expect(runEventSchema.parse(e)).toEqual(e);
  });

  it('folds the stream into tracks, stages, warnings, projections and the result', () => {
    const s = fold(events);
    expect(s.backend).toBe('wasm');
    expect(s.eventCount).toBe(events.length);
    expect(s.lastEventId).toBe(String(events.length));
    expect(s.status).toBe('succeeded'); // a final result ends a running run
    expect(s.stages.map((x) => `${x.track}:${x.name}`)).toEqual(['method:Trainer', 'sourceOnly:Trainer', 'method:Fine-tune']);
    const m = s.tracks.method!;
    // Steps count epochs across stages.
    expect(m.points.map((p) => [p.step, p.stage, p.epoch])).toEqual([
      [1, 0, 1],
      [2, 0, 2],
      [3, 1, 1],
    ]);
    expect(m.stageName).toBe('Fine-tune');
    expect(m.progress).toBe(0.25);
    expect(s.warnings).toEqual([{ message: 'Few target samples', nodeId: 't' }]);
    expect(s.projections.method).toHaveLength(1);
    expect(s.result?.gain).toBe(0.2);
    // The final result's distances replace the early estimate.
    expect(s.distances).toEqual([{ a: 'source', b: 'target', mmd: 0.3, proxyA: 1.2 }]);
  });

  it('marks a run succeeded on its final event when no status said otherwise', () => {
    const s = fold(events.filter((e) => e.type !== 'status'));
    expect(s.status).toBe('succeeded');
    const cancelled = fold([{ type: 'status', status: 'cancelled', message: 'by user' }]);
    expect(cancelled).toMatchObject({ status: 'cancelled', statusMessage: 'by user' });
  });

  it('replaying the same events gives the same state (reconnect)', () => {
    expect(fold(events)).toEqual(fold([...events]));
  });
});

describe('chart helpers', () => {
  it('aligns one metric across tracks by step', () => {
    const s = fold(events);
    expect(metricSeries(s, ['targetAccuracy'])).toEqual([
      { step: 1, method: 0.5, sourceOnly: 0.45 },
      { step: 2, method: 0.7 },
      { step: 3, method: 0.8 },
    ]);
    expect(metricSeries(s, ['nothing'])).toEqual([]);
  });

  it('lists the loss terms, not accuracies or rates', () => {
    expect(lossTermKeys(fold(events)).sort()).toEqual(['classification', 'loss', 'mmd']);
  });
});

describe('results', () => {
  it('lists method and present baselines with the method’s margin over each', () => {
    const rows = resultRows(result());
    expect(rows.map((r) => r.track)).toEqual(['method', 'sourceOnly', 'targetOnly']);
    expect(rows[1]!.delta).toBeCloseTo(0.2);
    expect(rows[2]!.delta).toBeCloseTo(0.1);
    expect(rows[0]!.delta).toBeNull();
  });

  it('flags negative transfer by flag or by a negative gain', () => {
    expect(isNegativeTransfer(result())).toBe(false);
    expect(isNegativeTransfer(result({ gain: -0.05 }))).toBe(true);
    expect(isNegativeTransfer(result({ negativeTransfer: true, gain: null }))).toBe(true);
    expect(isNegativeTransfer(result({ gain: null }))).toBe(false);
  });

  it('formats percentages and gains', () => {
    expect(formatPercent(0.9123)).toBe('91.2%');
    expect(formatPercent(null)).toBe('—');
    expect(formatGain(0.123)).toBe('+12.3 pts');
    expect(formatGain(-0.05)).toBe('−5.0 pts');
    expect(formatGain(null)).toBe('—');
  });
});
