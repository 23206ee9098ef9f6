import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { GraphDocument } from '../../formats/graph-document';
import { openHarness, type Harness } from '../api/routers/testing/router-harness';
import { compileGraph } from '../compiler/compile-graph';
import { templateDoc } from '../compiler/test-support';
import { loadOptdigitsAll } from '../datasets/shipped/optdigits';
import { uploadResolver } from '../jobs/upload-resolver';
import { stageUpload } from '../storage/staged-upload';
import { streamToFile } from '../storage/stream-to-file';
import { uploadTempPaths, type UploadParams } from '../storage/store-upload';
import { uploadMetas } from '../storage/upload-meta';
import { selectBackend } from './backend/select-backend';
import { runPlan } from './run-plan';
import { miniMobileNet, pretrain, savedModelZip } from './test-support/mini-mobilenet';

let h: Harness;
beforeAll(async () => {
  await selectBackend('wasm');
  h = await openHarness('pglite');
});
afterAll(async () => h.close());

async function* once(bytes: Uint8Array) {
  yield bytes;
}

/** Through the real upload path: streamed in, staged (parsed in the child process), then kept by datasets.confirm. */
async function upload(bytes: Uint8Array, params: UploadParams): Promise<string> {
  const paths = await uploadTempPaths(h.services.dataDir);
  const file = await streamToFile(once(bytes), paths.tmp, 64e6, params.name);
  const staged = await stageUpload({ db: h.services.db, dataDir: h.services.dataDir, params, ...paths, hasLabels: false, ...file });
  return (await h.caller.datasets.confirm({ stagedId: staged.stagedId })).id;
}

/** Digits rows as a CSV with class names d5…d9 (classes aligned by name between the two domains). */
function digitsCsv(x: Float32Array, y: Int32Array, rows: number[]): Uint8Array {
  const header = [...Array.from({ length: 64 }, (_, i) => `p${i}`), 'label'].join(',');
  const lines = rows.map((r) => [...Array.from(x.subarray(r * 64, r * 64 + 64), (v) => v.toFixed(4)), `d${y[r]}`].join(','));
  return new TextEncoder().encode([header, ...lines].join('\n'));
}

/** Rows of the given classes, `perClass` of each starting at `skip` within the class. */
function rowsOf(y: Int32Array, classes: number[], perClass: number, skip = 0): number[] {
  return classes.flatMap((c) => [...y.keys()].filter((r) => y[r] === c).slice(skip, skip + perClass));
}

/** Few labels of the new classes as the source, other rows of them as the target's test split. */
function transferGraph(modelId: string, sourceId: string, targetId: string, freeze: 'all' | 'none' | 'from', seeds: number): GraphDocument {
  const doc = templateDoc('fine-tune');
  doc.nodes = doc.nodes.filter((n) => n.id !== 'finetune');
  doc.edges = doc.edges.filter((e) => e.source !== 'finetune' && e.target !== 'finetune');
  doc.edges.push({ id: 'trainer.trained--evaluate.trained', source: 'trainer', sourcePort: 'trained', target: 'evaluate', targetPort: 'trained' });
  for (const n of doc.nodes) {
    if (n.id === 'source') n.params = { dataset: `upload:${sourceId}`, options: {}, scaling: 'none', name: 'few labels' };
    if (n.id === 'target') n.params = { dataset: `upload:${targetId}`, options: {}, scaling: 'none', name: 'held out', labelledCount: 0, testFraction: 0.5 };
    if (n.id === 'extractor') Object.assign(n, { type: 'pretrainedExtractor', typeVersion: 2, params: { source: 'upload', model: `upload:${modelId}`, featureLayer: 'features', freeze, trainFrom: 'dw2' } });
    if (n.id === 'trainer') n.params = { optimizer: 'adam', learningRate: 0.01, schedule: 'constant', epochs: 20, batchSize: 16, seed: 0 };
    if (n.id === 'evaluate') n.params = { metrics: ['accuracy'], targetOnly: false, domainDistances: [], featureProjection: 'none', repeats: seeds };
  }
  return doc;
}

describe('bring your own pre-trained model', () => {
  it('a MobileNet-style model pre-trained on digits 0–4, uploaded, fine-tuned on 5–9 with 6 labels a class, beats the same architecture from scratch', async () => {
    const digits = await loadOptdigitsAll();
    const pre = rowsOf(digits.y, [0, 1, 2, 3, 4], 1000);
    const model = miniMobileNet(5);
    const x = new Float32Array(pre.flatMap((r) => Array.from(digits.x.subarray(r * 64, r * 64 + 64))));
    await pretrain(model, x, Int32Array.from(pre, (r) => digits.y[r]!), 5, 4);
    const modelId = await upload(await savedModelZip(model), { name: 'mini-mobilenet.zip', format: 'model' });
    model.dispose();
    const listed = (await h.caller.datasets.get({ id: modelId })).upload;
    expect(listed.format).toBe('model');
    expect(listed.metadata.model?.layers.map((l) => l.className)).toEqual(expect.arrayContaining(['Conv2D', 'DepthwiseConv2D', 'BatchNormalization', 'ReLU', 'GlobalAveragePooling2D', 'Dense']));
    const sourceId = await upload(digitsCsv(digits.x, digits.y, rowsOf(digits.y, [5, 6, 7, 8, 9], 6)), { name: 'few.csv', format: 'csv' });
    const targetId = await upload(digitsCsv(digits.x, digits.y, rowsOf(digits.y, [5, 6, 7, 8, 9], 60, 6)), { name: 'held-out.csv', format: 'csv' });

    const compiled = compileGraph(transferGraph(modelId, sourceId, targetId, 'none', 3), { uploads: await uploadMetas(h.services.db) });
    if (!compiled.ok) throw new Error(JSON.stringify(compiled.errors));
    expect(compiled.plan.model.extractor.upload).toMatchObject({ featureLayer: 'features', inputShape: [8, 8, 1] });
    const result = await runPlan(compiled.plan, { backend: 'wasm', onEvent: () => undefined, resolveUpload: uploadResolver(h.services.db) });
    const method = result.models.method.splits.test!.accuracy.perSeed;
    const scratch = result.models.sourceOnly!.splits.test!.accuracy.perSeed;
    const diffs = method.map((m, i) => m - scratch[i]!);
    console.log(`uploaded-model transfer: pretrained ${method.map((v) => v.toFixed(3)).join(' ')} vs scratch ${scratch.map((v) => v.toFixed(3)).join(' ')}`);
    expect(method).toHaveLength(3);
    // Paired over seeds: better on every seed and by a clear margin on average.
    expect(diffs.every((d) => d > 0)).toBe(true);
    expect(diffs.reduce((a, d) => a + d, 0) / diffs.length).toBeGreaterThan(0.1);
  }, 400_000);
});
