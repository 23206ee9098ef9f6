import { mkdtemp, readdir, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { zipSync } from 'fflate';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { count } from 'drizzle-orm';
import { openDatabase, type DbHandle } from '../../db/client';
import { datasets } from '../../db/schema';
import { storeUpload, UploadError } from '../storage/store-upload';
import { inspectUpload } from './inspect-upload';
import { loadOptdigitsAll } from './shipped/optdigits';

let handle: DbHandle;
let dataDir: string;
beforeAll(async () => {
  handle = await openDatabase({ dataDir: 'memory://', databaseUrl: '' });
  dataDir = await mkdtemp(path.join(os.tmpdir(), 'stepstone-zip-'));
});
afterAll(async () => handle.close());

/** The shipped optdigits (8×8, scaled to 0–1) as PNG files, `perClass` per digit in `digits`, in <top>/<digit>/<i>.png. */
async function digitZip(digits: number[], perClass: number, top = 'digits'): Promise<Uint8Array> {
  const d = await loadOptdigitsAll();
  const files: Record<string, Uint8Array> = {};
  const taken = new Map<number, number>();
  for (let i = 0; i < d.n; i++) {
    const c = d.y[i]!;
    if (!digits.includes(c) || (taken.get(c) ?? 0) >= perClass) continue;
    taken.set(c, (taken.get(c) ?? 0) + 1);
    const pixels = Buffer.from(Array.from(d.x.subarray(i * 64, (i + 1) * 64), (v) => Math.round(Math.min(1, v) * 255)));
    files[`${top ? `${top}/` : ''}${c}/${i}.png`] = await sharp(pixels, { raw: { width: 8, height: 8, channels: 1 } }).png().toBuffer();
  }
  return zipSync(files);
}

async function write(bytes: Uint8Array | string, name = 'up.zip'): Promise<string> {
  const p = path.join(dataDir, `${Date.now()}-${name}`);
  await writeFile(p, bytes);
  return p;
}

const rows = async () => (await handle.db.select({ n: count() }).from(datasets))[0]!.n;
const stored = async () => (await readdir(path.join(dataDir, 'uploads'))).filter((f) => f !== '.tmp');

async function* once(bytes: Uint8Array) {
  yield bytes;
}

describe('image zips: one folder per class of PNG/JPEG files', () => {
  it('becomes an image data set: folders are classes, resized, grayscale or RGB, pixels in [0, 1]', async () => {
    const p = await write(await digitZip([0, 1, 7], 5));
    const grey = await inspectUpload(p, 'zip', undefined, undefined, { image: { version: 1, size: 16, color: 'grayscale' }, preview: true });
    expect(grey).toMatchObject({ rows: 15, classes: 3, width: 256, imageShape: [16, 16, 1], labelNames: ['0', '1', '7'], labelled: true });
    expect(grey.preview?.images?.samples).toHaveLength(12);
    expect(grey.preview?.classes).toEqual([{ name: '0', count: 5 }, { name: '1', count: 5 }, { name: '7', count: 5 }]);
    const pixels = grey.preview!.images!.samples.flatMap((s) => s.pixels);
    expect(Math.max(...pixels)).toBeGreaterThan(0.5);
    expect(Math.min(...pixels)).toBeGreaterThanOrEqual(0);
    const rgb = await inspectUpload(p, 'zip', undefined, undefined, { image: { version: 1, size: 8, color: 'rgb' } });
    expect(rgb.imageShape).toEqual([8, 8, 3]);
  });

  it('is stored through the upload path, then refused with nothing stored for each limit', async () => {
    const ok = await storeUpload({ db: handle.db, dataDir, params: { name: 'digits.zip', format: 'zip', image: { version: 1, size: 8, color: 'grayscale' } }, body: once(await digitZip([3, 4], 4, '')) });
    expect(ok.metadata).toMatchObject({ rows: 8, imageShape: [8, 8, 1], image: { size: 8 } });
    const before = { rows: await rows(), files: await stored() };
    const refuse = async (bytes: Uint8Array, limits: Record<string, number>, message: RegExp) => {
      const p = await write(bytes);
      await expect(inspectUpload(p, 'zip', undefined, undefined, { limits })).rejects.toThrow(message);
    };
    await refuse(await digitZip([0, 1], 10), { maxZipEntries: 12 }, /has more than 12 files/);
    // A bomb: 50 MB of zeros in a few kilobytes; stopped once 1 MB has inflated, whatever the header says.
    await refuse(zipSync({ 'a/zeros.png': new Uint8Array(50_000_000), 'b/x.png': new Uint8Array(1) }, { level: 9 }), { maxDecompressedBytes: 1_000_000 }, /decompresses to more than 976.6 KB/);
    const big = await sharp({ create: { width: 300, height: 200, channels: 3, background: { r: 0, g: 0, b: 0 } } }).png().toBuffer();
    await refuse(zipSync({ 'a/big.png': big, 'b/small.png': big }), { maxImagePixels: 50_000 }, /"a\/big.png" is 300×200 pixels; images may have at most 50,000 pixels/);
    await refuse(zipSync({ '../evil/x.png': big }), {}, /points outside the archive/);
    await refuse(zipSync({ 'only/x.png': big }), {}, /one class folder/);
    await expect(storeUpload({ db: handle.db, dataDir, params: { name: 'bomb.zip', format: 'zip' }, body: once(zipSync({ 'a/z.png': new Uint8Array(300_000_000), 'b/y.png': big }, { level: 9 })) })).rejects.toBeInstanceOf(UploadError);
    expect({ rows: await rows(), files: await stored() }).toEqual(before);
  }, 120_000);
});
