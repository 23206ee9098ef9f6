import { readdir } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { csvOptionsSchema } from '../../../formats/csv-options';
import { templateDoc } from '../../compiler/test-support';
import { stageUpload } from '../../storage/staged-upload';
import { streamToFile } from '../../storage/stream-to-file';
import { uploadTempPaths, type UploadParams } from '../../storage/store-upload';
import { openHarness, type Harness } from './testing/router-harness';

let h: Harness;
beforeAll(async () => {
  h = await openHarness('pglite');
});
afterAll(async () => h.close());

async function* once(text: string) {
  yield new TextEncoder().encode(text);
}

/** Receives a file and stages it, as POST /api/uploads?stage=1 does. */
async function stage(text: string, params: UploadParams) {
  const paths = await uploadTempPaths(h.services.dataDir);
  const file = await streamToFile(once(text), paths.tmp, 1e6, params.name);
  return stageUpload({ db: h.services.db, dataDir: h.services.dataDir, params, ...paths, hasLabels: false, ...file });
}

const unlabelled = 'id,x1,x2\nr1,0.1,0.2\nr2,0.4,0.1\nr3,0.9,0.7\nr4,0.3,0.3\n';
const stagedFiles = async () => (await readdir(path.join(h.services.dataDir, 'uploads', '.staged'))).sort();

describe('staged uploads: preview, other options, confirm', () => {
  it('a staged file is previewed, parsed again with other options, and kept only when confirmed', async () => {
    const before = (await h.caller.datasets.list()).uploads.length;
    // With the defaults the id column is a feature: refused with its line and column, nothing staged.
    await expect(stage(unlabelled, { name: 'target.csv', format: 'csv' })).rejects.toThrow(/target.csv, line 2, column 1 \(id\): "r1" is not a number/);
    const none = csvOptionsSchema.parse({ label: { by: 'none' }, ignore: ['id'] });
    const staged = await stage(unlabelled, { name: 'target.csv', format: 'csv', csv: none });
    expect(staged.info.preview?.head.rows[0]).toEqual(['r1', '0.1', '0.2']);
    expect(await stagedFiles()).toEqual([staged.stagedId, `${staged.stagedId}.json`].sort());
    // x2 holds fractions: as a label it is refused (restage or confirm), and the staged file stays for another try.
    const x2 = csvOptionsSchema.parse({ label: { by: 'column', column: 'x2' }, ignore: ['id'] });
    await expect(h.caller.datasets.restage({ stagedId: staged.stagedId, csv: x2 })).rejects.toThrow(/line 2, column 3 \(x2\): the label "0.2" is not a whole number/);
    await expect(h.caller.datasets.confirm({ stagedId: staged.stagedId, csv: x2 })).rejects.toThrow(/line 2, column 3 \(x2\)/);
    const info = await h.caller.datasets.restage({ stagedId: staged.stagedId, csv: none });
    expect(info).toMatchObject({ width: 2, classes: 0, labelled: false, rows: 4 });
    expect(info.preview?.columns.map((c) => [c.name, c.role])).toEqual([['x1', 'feature'], ['x2', 'feature'], ['id', 'ignored']]);
    expect(info.preview?.columns[0]).toMatchObject({ min: expect.closeTo(0.1, 5), max: expect.closeTo(0.9, 5), mean: expect.closeTo(0.425, 5), missing: 0 });
    expect(info.preview?.scatter?.points).toHaveLength(4);
    expect((await h.caller.datasets.list()).uploads.length).toBe(before);
    const kept = await h.caller.datasets.confirm({ stagedId: staged.stagedId, name: 'My target' });
    expect(kept).toMatchObject({ name: 'My target', metadata: { width: 2, labelled: false, csv: { label: { by: 'none' }, ignore: ['id'] } } });
    expect(await stagedFiles()).toEqual([]);
    await expect(h.caller.datasets.confirm({ stagedId: staged.stagedId })).rejects.toThrow(/staged upload is gone/);
    const { upload } = await h.caller.datasets.get({ id: kept.id });
    expect(upload.preview?.unlabelled).toBe(4);
  });

  it('discard removes the staged file; ids are uuids, never paths', async () => {
    const staged = await stage('x,label\n1,a\n2,b\n', { name: 'd.csv', format: 'csv' });
    expect(staged.info.preview?.classes).toEqual([{ name: 'a', count: 1 }, { name: 'b', count: 1 }]);
    await h.caller.datasets.discard({ stagedId: staged.stagedId });
    expect(await stagedFiles()).toEqual([]);
    await expect(h.caller.datasets.discard({ stagedId: '../../db' })).rejects.toThrow(/not a staged upload id/);
    await expect(h.readOnly.datasets.discard({ stagedId: staged.stagedId })).rejects.toThrow(/read-only/);
  });
});

describe('the uploads page: rename, delete refused while graphs use it', () => {
  it('renames; refuses deletion naming the graphs that use it; deletes with force', async () => {
    const staged = await stage('x1,x2,label\n0,1,a\n1,0,b\n1,1,a\n', { name: 'src.csv', format: 'csv' });
    const row = await h.caller.datasets.confirm({ stagedId: staged.stagedId });
    expect((await h.caller.datasets.rename({ id: row.id, name: 'Sensors 2024' })).name).toBe('Sensors 2024');
    const doc = templateDoc('dann');
    doc.name = 'Uses the upload';
    doc.nodes.find((n) => n.id === 'source')!.params.dataset = `upload:${row.id}`;
    const saved = await h.caller.graphs.save({ document: doc });
    expect((await h.caller.datasets.get({ id: row.id })).usedBy).toEqual([{ id: saved.id, name: 'Uses the upload' }]);
    await expect(h.caller.datasets.delete({ id: row.id })).rejects.toThrow(/used by 1 saved graph: “Uses the upload”/);
    expect((await h.caller.datasets.list()).uploads.some((u) => u.id === row.id)).toBe(true);
    const done = await h.caller.datasets.delete({ id: row.id, force: true });
    expect(done.usedBy).toHaveLength(1);
    expect((await h.caller.datasets.list()).uploads.some((u) => u.id === row.id)).toBe(false);
  });
});
