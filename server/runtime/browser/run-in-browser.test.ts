import { mkdtemp, readFile, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunEvent } from '../../../formats/run-events';
import { buildBrowserRuntime } from '../../../scripts/build-browser-runtime';
import { selectBackend } from '../backend/select-backend';
import { PlanInputError } from '../plan-input-error';
import { runPlan } from '../run-plan';
import { dannLoss, moonsPlan } from '../test-support/moons-plan';
import { runInBrowser } from './run-in-browser';

beforeAll(async () => {
  await selectBackend('wasm');
});

const collect = () => {
  const events: RunEvent[] = [];
  return { events, onEvent: (e: RunEvent) => events.push(e) };
};

describe('runInBrowser (the browser run, here on Node WASM)', () => {
  it('gives the same events and result as the server run of the same plan and seed', async () => {
    const plan = { ...moonsPlan({ losses: [dannLoss], epochs: 10 }), evaluation: { ...moonsPlan().evaluation, repeats: 2 } };
    const browser = collect();
    const server = collect();
    const a = await runInBrowser(plan, { backend: { name: 'browser-wasm', notes: [] }, onEvent: browser.onEvent });
    const b = await runPlan(plan, { backend: 'wasm', onEvent: server.onEvent, parallelism: 1 });
    expect(a.backend).toBe('browser-wasm');
    expect(a.seeds).toEqual(b.seeds);
    // Same units on the same seeds: identical scores (same kernels, same order), whatever the process layout.
    expect(a.models.method.splits.test!.accuracy.perSeed).toEqual(b.models.method.splits.test!.accuracy.perSeed);
    expect(a.models.sourceOnly!.splits.test!.accuracy.perSeed).toEqual(b.models.sourceOnly!.splits.test!.accuracy.perSeed);
    const losses = (events: RunEvent[]) => events.flatMap((e) => (e.type === 'epoch' && e.track === 'method' && e.seed === plan.seed ? [e.metrics.classification] : []));
    expect(losses(browser.events).length).toBeGreaterThan(3);
    expect(losses(browser.events)).toEqual(losses(server.events));
    const types = browser.events.map((e) => e.type);
    expect(types[0]).toBe('started');
    expect(types.at(-1)).toBe('final');
    expect(types).toContain('projection');
  }, 120_000);

  it('an export node hands its files over (no artifact folder): the same bytes the server writes', async () => {
    const plan = { ...moonsPlan({ losses: [dannLoss], epochs: 4 }), evaluation: { ...moonsPlan().evaluation, repeats: 1 }, export: { nodeId: 'export', name: 'moons model' } };
    const handed: { name: string; files: { name: string; data: Uint8Array }[] }[] = [];
    const events = collect();
    await runInBrowser(plan, { backend: { name: 'browser-wasm', notes: [] }, onEvent: events.onEvent, onModelFiles: (name, files) => handed.push({ name, files }) });
    expect(events.events.filter((e) => e.type === 'warning' && /Export skipped/.test(e.message))).toEqual([]);
    expect(handed.map((h) => [h.name, h.files.map((f) => f.name).sort()])).toEqual([['moons model', ['model.json', 'preprocessing.json', 'weights.bin']]]);
    const dir = await mkdtemp(path.join(tmpdir(), 'stepstone-export-'));
    try {
      await runPlan(plan, { backend: 'wasm', onEvent: () => {}, parallelism: 1, artifactDir: dir });
      for (const f of handed[0]!.files) {
        const written = new Uint8Array(await readFile(path.join(dir, 'moons-model', f.name)));
        if (f.name !== 'model.json') expect(f.data, f.name).toEqual(written);
        // TF.js numbers layer names per process (dense_Dense3 …): the topology is compared without them.
        else expect(JSON.parse(new TextDecoder().decode(f.data).replace(/_\d+"/g, '"'))).toEqual(JSON.parse(new TextDecoder().decode(written).replace(/_\d+"/g, '"')));
      }
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  }, 120_000);

  it('refuses a plan whose uploaded data set it was not given, up front, naming the domain node', async () => {
    const plan = moonsPlan({ losses: [dannLoss], epochs: 2 });
    const withUpload = { ...plan, domains: plan.domains.map((d) => (d.role === 'target' ? { ...d, dataset: { kind: 'upload' as const, id: 'u1' } } : d)) };
    const err = await runInBrowser(withUpload, { backend: { name: 'browser-wasm', notes: [] }, onEvent: () => {} }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(PlanInputError);
    expect((err as PlanInputError).nodeId).toBe(plan.domains.find((d) => d.role === 'target')!.nodeId);
    expect((err as Error).message).toMatch(/uploaded data set that this browser run was not given: read it from the server \(with access\) or pick its file/);
  });
});

describe('the worker bundle (scripts/build-browser-runtime.ts)', () => {
  let dir = '';
  afterAll(async () => rm(dir, { recursive: true, force: true }));
  it('bundles for the browser with the Node-only modules swapped, plus the .wasm binaries and the data files', async () => {
    dir = await mkdtemp(path.join(tmpdir(), 'stepstone-runtime-'));
    await buildBrowserRuntime(dir);
    const files = await readdir(dir);
    expect(files).toEqual(expect.arrayContaining(['stepstone-worker.js', 'tfjs-backend-wasm.wasm', 'tfjs-backend-wasm-simd.wasm', 'data']));
    expect(await readdir(path.join(dir, 'data'))).toContain('optdigits.csv.gz');
    const js = await readFile(path.join(dir, 'stepstone-worker.js'), 'utf8');
    // The browser reader (fetch + DecompressionStream) is in, Node's (readFile + gunzipSync) is not.
    expect(js).toContain('DecompressionStream');
    expect(js).not.toMatch(/gunzipSync|child_process/);
    // Uploads: the browser's reader (Blobs under "browser-upload:" keys, the server's parse of zips) is in, not the old refusal.
    expect(js).toContain('browser-upload:');
    expect(js).toContain('stepstone.dataset');
    expect(js).not.toContain('is read on the server only');
  }, 120_000);
});
