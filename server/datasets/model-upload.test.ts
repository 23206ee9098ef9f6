import { mkdtemp, readdir, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import * as tf from '@tensorflow/tfjs';
import { count } from 'drizzle-orm';
import { zipSync } from 'fflate';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase, type DbHandle } from '../../db/client';
import { datasets } from '../../db/schema';
import { savedModelZip } from '../runtime/test-support/mini-mobilenet';
import { storeUpload, UploadError } from '../storage/store-upload';
import { inspectUpload } from './inspect-upload';

let handle: DbHandle;
let dataDir: string;
beforeAll(async () => {
  await tf.setBackend('cpu');
  handle = await openDatabase({ dataDir: 'memory://', databaseUrl: '' });
  dataDir = await mkdtemp(path.join(os.tmpdir(), 'stepstone-model-'));
});
afterAll(async () => handle.close());

async function* once(bytes: Uint8Array) {
  yield bytes;
}

/** A small layers model: 4×4×1 images → conv → flatten → dense ('features') → dense; `extra` adds one layer. */
function tinyModel(extra?: (h: tf.SymbolicTensor) => tf.SymbolicTensor): tf.LayersModel {
  const input = tf.input({ shape: [4, 4, 1], name: 'image' });
  let h = tf.layers.conv2d({ filters: 2, kernelSize: 3, padding: 'same', name: 'conv' }).apply(input) as tf.SymbolicTensor;
  h = tf.layers.flatten({ name: 'flat' }).apply(h) as tf.SymbolicTensor;
  if (extra) h = extra(h);
  h = tf.layers.dense({ units: 6, name: 'features' }).apply(h) as tf.SymbolicTensor;
  return tf.model({ inputs: input, outputs: tf.layers.dense({ units: 3, activation: 'softmax', name: 'out' }).apply(h) as tf.SymbolicTensor });
}

async function write(bytes: Uint8Array): Promise<string> {
  const p = path.join(dataDir, `${Date.now()}-${Math.random()}.zip`);
  await writeFile(p, bytes);
  return p;
}

const rows = async () => (await handle.db.select({ n: count() }).from(datasets))[0]!.n;
const stored = async () => (await readdir(path.join(dataDir, 'uploads'))).filter((f) => f !== '.tmp');
const tmpLeft = async () => readdir(path.join(dataDir, 'uploads', '.tmp'));
const inspect = async (bytes: Uint8Array, limits: Record<string, number> = {}) => inspectUpload(await write(bytes), 'model', undefined, undefined, { limits, fileName: 'm.zip' });

describe('pre-trained model uploads', () => {
  it('is stored with its layer list (name, class, output shape, params) and input shape', async () => {
    const row = await storeUpload({ db: handle.db, dataDir, params: { name: 'tiny.zip', format: 'model' }, body: once(await savedModelZip(tinyModel())) });
    const model = (row.metadata as { model: { inputShape: number[]; layers: { name: string; className: string; outputShape: number[]; params: number }[] } }).model;
    expect(model.inputShape).toEqual([4, 4, 1]);
    expect(model.layers.map((l) => [l.name, l.className, l.outputShape.join('x'), l.params])).toEqual([
      ['image', 'InputLayer', '4x4x1', 0],
      ['conv', 'Conv2D', '4x4x2', 20],
      ['flat', 'Flatten', '32', 0],
      ['features', 'Dense', '6', 198],
      ['out', 'Dense', '3', 21],
    ]);
  });

  it('refuses a layer class it does not run, naming the layer and its class, and stores nothing', async () => {
    const before = { rows: await rows(), files: await stored() };
    const zip = await savedModelZip(tinyModel((h) => tf.layers.layerNormalization({ name: 'odd_norm' }).apply(h) as tf.SymbolicTensor));
    await expect(inspect(zip)).rejects.toThrow(/layer "odd_norm" is a LayerNormalization, which Stepstone does not run/);
    const err = await storeUpload({ db: handle.db, dataDir, params: { name: 'odd.zip', format: 'model' }, body: once(zip) }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(UploadError);
    expect((err as Error).message).toMatch(/odd_norm.*LayerNormalization/);
    expect({ rows: await rows(), files: await stored(), tmp: await tmpLeft() }).toEqual({ ...before, tmp: [] });
  });

  it.each([
    ['../weights.bin', /must not leave the upload/],
    ['/etc/passwd', /relative path inside the upload/],
    ['https://example.com/w.bin', /relative path inside the upload/],
    ['C:/w.bin', /relative path inside the upload/],
    ['other.bin', /names the weight file "other.bin", which is not in the upload/],
  ])('refuses the weight path %s', async (weightPath, message) => {
    const zip = await savedModelZip(tinyModel(), {}, (json) => ((json.weightsManifest as { paths: string[] }[])[0]!.paths = [weightPath]));
    await expect(inspect(zip)).rejects.toThrow(message);
  });

  it('refuses archive entries outside the archive and a graph model', async () => {
    await expect(inspect(zipSync({ '../model.json': new Uint8Array(2) }))).rejects.toThrow(/points outside the archive/);
    const graph = await savedModelZip(tinyModel(), {}, (json) => (json.format = 'graph-model'));
    await expect(inspect(graph)).rejects.toThrow(/format must be "layers-model"/);
  });

  it('refuses each size limit as the bytes inflate, and stores nothing', async () => {
    const before = { rows: await rows(), files: await stored() };
    const zip = await savedModelZip(tinyModel());
    await expect(inspect(zip, { maxModelWeightBytes: 500 })).rejects.toThrow(/weight files add up to more than 500 bytes/);
    await expect(inspect(zip, { maxModelJsonBytes: 1000 })).rejects.toThrow(/model.json is larger than 1000 bytes/);
    await expect(inspect(await savedModelZip(tinyModel(), { 'a.txt': new Uint8Array(1), 'b.txt': new Uint8Array(1) }), { maxModelFiles: 3 })).rejects.toThrow(/more than 3 files/);
    // A zero bomb beside the model: stopped at the limit, whatever the zip's headers claim.
    const bomb = await savedModelZip(tinyModel(), { 'zeros.bin': new Uint8Array(50_000_000) });
    await expect(inspect(bomb, { maxDecompressedBytes: 1_000_000 })).rejects.toThrow(/decompresses to more than 976.6 KB/);
    // The upload itself, counted as it streams in.
    await expect(storeUpload({ db: handle.db, dataDir, params: { name: 'big.zip', format: 'model' }, body: once(zip), maxBytes: 1000 })).rejects.toThrow(/larger than the upload limit of 1000 bytes/);
    await expect(storeUpload({ db: handle.db, dataDir, params: { name: 'bomb.zip', format: 'model' }, body: once(await savedModelZip(tinyModel(), { 'z.bin': new Uint8Array(200_000_000) })) })).rejects.toThrow(/weight files add up to more than 128.0 MB/);
    expect({ rows: await rows(), files: await stored(), tmp: await tmpLeft() }).toEqual({ ...before, tmp: [] });
  }, 120_000);
});
