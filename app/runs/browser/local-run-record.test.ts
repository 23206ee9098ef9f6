import { describe, expect, it } from 'vitest';
import { RUN_EVENT_VERSION, type RunEvent } from '../../../formats/run-events';
import { moonsPlan } from '../../../server/runtime/test-support/moons-plan';
import { makeResult } from '../run-fixtures.test-util';
import { LOCAL_RUN_VERSION, localRunRecord, readLocalRun, summarise } from './local-run-record';

const plan = moonsPlan({ epochs: 2 });
const events: RunEvent[] = [
  { type: 'started', version: RUN_EVENT_VERSION, backend: 'browser-wasm', domains: [] },
  { type: 'final', result: makeResult({ backend: 'browser-wasm' }) },
];
const record = localRunRecord({ id: 'r1', endedAt: '2026-12-01T23:00:00.000Z', status: 'succeeded', error: null, canSave: false, graphId: null, graphVersion: null, plan, events });

describe('local-run-record (a browser run kept in IndexedDB)', () => {
  it('reads back its own version, and summarises backend and method accuracy', () => {
    expect(record).toMatchObject({ format: 'stepstone.local-run', version: LOCAL_RUN_VERSION });
    // IndexedDB stores a structured clone: what comes back is a copy.
    const back = readLocalRun(structuredClone(record));
    expect(back).toEqual({ ok: true, record });
    expect(summarise(record)).toEqual({ id: 'r1', graphName: plan.graphName, endedAt: record.endedAt, status: 'succeeded', backend: 'browser-wasm', accuracy: expect.closeTo(0.9033, 3) });
  });

  it('refuses by name what it cannot read: another format, a newer version, a record without events', () => {
    expect(readLocalRun({ format: 'other' })).toEqual({ ok: false, reason: 'This is not a run kept by Stepstone.' });
    expect(readLocalRun({ ...record, version: LOCAL_RUN_VERSION + 1 })).toMatchObject({ ok: false, reason: expect.stringMatching(/newer Stepstone \(record version 2; this one reads up to 1\)/) });
    expect(readLocalRun({ ...record, events: undefined })).toMatchObject({ ok: false, reason: expect.stringMatching(/incomplete/) });
  });
});
