import { describe, expect, it } from 'vitest';
import { firstLosses, browserRunFile, finalResult } from '../app/runs/browser/browser-run-file';
import { moonsPlan } from '../server/runtime/test-support/moons-plan';
import { browserRunSchema } from './browser-run';
import type { RunEvent, RunResult } from './run-events';
import { RUN_EVENT_VERSION } from './run-events';
import { RUN_RESULT_VERSION } from './run-result';

const plan = moonsPlan({ epochs: 2 });
const stat = (v: number) => ({ mean: v, std: 0, perSeed: [v] });
const result = (backend: RunResult['backend']): RunResult =>
  ({
    version: RUN_RESULT_VERSION, backend, durationMs: 10, seeds: [0], advice: [], verdict: 'single-seed', testLabels: 'labelled', gain: null, artifacts: [],
    models: { method: { steps: 2, splits: { test: { accuracy: stat(0.9) } } } },
    distances: { inputs: [], proxyAClassifier: { inputs: 'mlp', features: 'mlp' }, features: null },
  }) as unknown as RunResult;
const started = (backend: RunResult['backend']): RunEvent => ({ type: 'started', version: RUN_EVENT_VERSION, backend, domains: [] });
const epoch = (seed: number, loss: number, track: 'method' | 'sourceOnly' = 'method'): RunEvent => ({ type: 'epoch', track, seed, stage: 0, epoch: 1, epochs: 2, metrics: { classification: loss } });

describe('browserRunSchema (Save to server)', () => {
  const valid = { plan, events: [started('browser-webgl'), epoch(0, 0.7), { type: 'final', result: result('browser-webgl') }] };
  it('accepts a finished browser run', () => {
    const parsed = browserRunSchema.safeParse(valid);
    expect(parsed.success, JSON.stringify(parsed.error?.issues)).toBe(true);
  });
  it('refuses a server backend, a mismatched result, a missing final, and status events', () => {
    const issues = (v: unknown) => (browserRunSchema.safeParse(v).error?.issues ?? []).map((i) => i.message).join(' | ');
    expect(issues({ plan, events: [started('wasm'), { type: 'final', result: result('wasm') }] })).toMatch(/"wasm" is not a browser backend/);
    expect(issues({ plan, events: [started('browser-webgl'), { type: 'final', result: result('browser-wasm') }] })).toMatch(/result says backend "browser-wasm"/);
    expect(issues({ plan, events: [started('browser-wasm'), epoch(0, 1)] })).toMatch(/exactly one "final"/);
    expect(issues({ ...valid, events: [...valid.events, { type: 'status', status: 'succeeded' }] })).toMatch(/status events are written by the server/);
  });
});

describe('browser-run-file', () => {
  const events: RunEvent[] = [started('browser-wasm'), epoch(1, 0.9, 'sourceOnly'), epoch(0, 0.8), epoch(1, 0.5), epoch(0, 0.7), epoch(0, 0.6)];
  it('firstLosses: the method\'s first seed only, in order, at most n', () => {
    expect(firstLosses(events, 2)).toEqual([0.8, 0.7]);
    expect(firstLosses(events, 10)).toEqual([0.8, 0.7, 0.6]);
  });
  it('the export carries format, version, backend and whether it finished', () => {
    const file = browserRunFile(plan, events);
    expect(file).toMatchObject({ format: 'stepstone.browser-run', version: 1, backend: 'browser-wasm', finished: false });
    expect(finalResult(events)).toBeNull();
    const done = [...events, { type: 'final', result: result('browser-wasm') } as RunEvent];
    expect(browserRunFile(plan, done).finished).toBe(true);
    expect(finalResult(done)?.backend).toBe('browser-wasm');
  });
});
