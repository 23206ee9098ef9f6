import path from 'node:path';
import { zipSync } from 'fflate';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Dataset } from '../../datasets/dataset';
import { loadMnist8x8All } from '../../datasets/shipped/mnist-8x8';
import { loadOptdigitsAll } from '../../datasets/shipped/optdigits';
import { templateDoc } from '../../compiler/test-support';
import { runPlan } from '../../runtime/run-plan';
import { createServices, type Services } from '../../services';
import { stageUpload } from '../../storage/staged-upload';
import { streamToFile } from '../../storage/stream-to-file';
import { uploadTempPaths } from '../../storage/store-upload';
import { createCallerFactory, createTRPCContext } from '../trpc';
import { testRouter } from './testing/router-harness';

// Folders of images all the way through: two zips of digit PNGs (source: the MNIST-derived 8×8 rendering; target:
// optdigits, drawn differently) staged and confirmed through the upload path, a CNN extractor trained on the source
// and fine-tuned on 50 target labels by the real runtime, predictions named by the folders.

const NAMES = ['zero', 'one', 'two', 'three', 'four', 'five', 'six', 'seven', 'eight', 'nine'];

/** `perClass` images of every digit as 8×8 grey PNGs in <class name>/<row>.png, zipped. */
async function digitZip(d: Dataset, perClass: number): Promise<Uint8Array> {
  const files: Record<string, Uint8Array> = {};
  const taken = new Array<number>(10).fill(0);
  for (let i = 0; i < d.n; i++) {
    const c = d.y[i]!;
    if (taken[c]! >= perClass) continue;
    taken[c]!++;
    const pixels = Buffer.from(Array.from(d.x.subarray(i * 64, (i + 1) * 64), (v) => Math.round(Math.min(1, v) * 255)));
    files[`${NAMES[c]}/${i}.png`] = await sharp(pixels, { raw: { width: 8, height: 8, channels: 1 } }).png().toBuffer();
  }
  return zipSync(files);
}

const createCaller = createCallerFactory(testRouter);
let services: Services;
let caller: ReturnType<typeof createCaller>;
beforeAll(async () => {
  const dataDir = path.join(process.env.TMPDIR ?? '/tmp', `stepstone-zip-train-${process.pid}-${Date.now()}`);
  services = await createServices({ databaseUrl: '', pgliteDir: 'memory://', dataDir, runPlan, heartbeatMs: 200 });
  caller = createCaller(createTRPCContext({ services }));
});
afterAll(async () => services.close());

/** Receives a zip as POST /api/uploads?stage=1 does (8×8 grey), then keeps it under `name` (datasets.confirm). */
async function upload(bytes: Uint8Array, name: string): Promise<string> {
  const params = { name: `${name}.zip`, format: 'zip' as const, image: { version: 1 as const, size: 8, color: 'grayscale' as const } };
  const paths = await uploadTempPaths(services.dataDir);
  const file = await streamToFile((async function* () { yield bytes; })(), paths.tmp, 50e6, params.name);
  const staged = await stageUpload({ db: services.db, dataDir: services.dataDir, params, ...paths, hasLabels: false, ...file });
  expect(staged.info).toMatchObject({ imageShape: [8, 8, 1], labelNames: [...NAMES].sort() });
  return (await caller.datasets.confirm({ stagedId: staged.stagedId, name })).id;
}

/** The fine-tune template with a CNN extractor, on the two uploads; few epochs, one seed, source-only baseline only. */
function cnnFineTune(sourceId: string, targetId: string) {
  const doc = templateDoc('fine-tune');
  const byId = (id: string) => doc.nodes.find((n) => n.id === id)!;
  byId('source').params = { dataset: `upload:${sourceId}`, name: 'MNIST rendering' };
  Object.assign(byId('target').params, { dataset: `upload:${targetId}`, name: 'optdigits rendering', labelledCount: 50, testFraction: 0.4 });
  delete byId('target').params.options;
  Object.assign(byId('extractor'), { type: 'cnnExtractor', typeVersion: 1, params: { filters: [8], kernelSize: 3, poolSize: 2, featureWidth: 32, activation: 'relu' } });
  Object.assign(byId('trainer').params, { epochs: 12, learningRate: 0.005 });
  Object.assign(byId('finetune').params, { epochs: 20, learningRate: 0.002, frozen: 'first-k', k: 1 });
  Object.assign(byId('evaluate').params, { domainDistances: [], featureProjection: 'none', repeats: 1, targetOnly: false });
  return doc;
}

async function finished(runId: string) {
  for (;;) {
    const run = await caller.runs.get({ id: runId });
    if (run.status !== 'queued' && run.status !== 'running') return run;
    await new Promise((r) => setTimeout(r, 250));
  }
}

describe('an uploaded image zip trains a CNN and fine-tunes it', () => {
  it('learns the target far above chance; classes and predictions carry the folder names', async () => {
    const source = await upload(await digitZip(await loadMnist8x8All(), 30), 'mnist digits');
    const target = await upload(await digitZip(await loadOptdigitsAll(), 30), 'optdigits');
    const { runId } = await caller.runs.start({ document: cnnFineTune(source, target) });
    const run = await finished(runId);
    expect(run.status).toBe('succeeded');
    expect(run.plan.model.extractor.kind).toBe('cnn');
    expect(run.plan.stages.map((s) => s.kind)).toEqual(['train', 'fineTune']);
    expect(run.plan.domains.map((d) => d.classNames)).toEqual([[...NAMES].sort(), [...NAMES].sort()]);
    const result = run.result!;
    expect(result.testLabels).toBe('labelled');
    // Ten classes: chance is 10 %. 120 held-out target rows, scored once at the end.
    const acc = result.models.method.splits.test!.accuracy.mean;
    expect(acc).toBeGreaterThan(0.6);
    const csv = (await caller.runs.predictions({ id: runId })).csv.trim().split('\n');
    expect(csv[0]).toBe(`row,split,predicted,${[...NAMES].sort().map((n) => `p(${n})`).join(',')}`);
    const rows = csv.slice(1).map((l) => l.split(','));
    expect(rows).toHaveLength(120);
    // Predicted classes are folder names, the predicted one the most probable, and the right one as often as reported.
    const predicted = rows.map((r) => r[2]!);
    expect(new Set(predicted).size).toBeGreaterThan(5);
    for (const p of predicted) expect(NAMES).toContain(p);
    console.info(`uploaded zips, CNN + fine-tune (${result.backend}, ${(result.durationMs / 1000).toFixed(1)} s of training): target test accuracy ${(acc * 100).toFixed(1)}% (source-only ${((result.models.sourceOnly?.splits.test?.accuracy.mean ?? NaN) * 100).toFixed(1)}%)`);
  }, 300_000);
});
