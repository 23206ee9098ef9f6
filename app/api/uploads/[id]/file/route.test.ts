import os from 'node:os';
import { zipSync } from 'fflate';
import sharp from 'sharp';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createCallerFactory, createTRPCContext } from '../../../../../server/api/trpc';
import { parseUpload } from '../../../../../server/datasets/parse-upload';
import { uploadResolver } from '../../../../../server/jobs/upload-resolver';
import { parseUpload as parseInBrowser } from '../../../../../server/runtime/browser/parse-upload.browser';
import { registerUploadBlobs } from '../../../../../server/runtime/browser/upload-blobs';
import { testRouter } from '../../../../../server/api/routers/testing/router-harness';
import { createServices, setServices, type Services } from '../../../../../server/services';
import { templates } from '../../../../../templates';
import { POST } from '../../route';
import { GET } from './route';

const csv = 'id;x1;x2;kind\nr1;0.1;0.2;a\nr2;0.3;0.1;b\nr3;0.5;0.9;b\nr4;0.7;0.4;a\n';
const options = { delimiter: 'semicolon', label: { by: 'column', column: 'kind' }, ignore: ['id'] };
let services: Services;
const dataDir = path.join(os.tmpdir(), `stepstone-upload-file-${process.pid}`);
const caller = (access: 'full' | 'readOnly') => createCallerFactory(testRouter)(createTRPCContext({ services, access }));

beforeAll(async () => {
  services = await createServices({ databaseUrl: '', pgliteDir: 'memory://', dataDir });
  setServices(services);
});
afterAll(async () => {
  setServices(undefined);
  await services.close();
});

async function upload(): Promise<string> {
  const url = `http://x/api/uploads?name=pets.csv&format=csv&options=${encodeURIComponent(JSON.stringify(options))}`;
  const res = await POST(new Request(url, { method: 'POST', body: csv, headers: { 'content-type': 'text/csv' } }));
  expect(res.status).toBe(201);
  return ((await res.json()) as { dataset: { id: string } }).dataset.id;
}
const get = (id: string, query = '', headers: Record<string, string> = {}) => GET(new Request(`http://x/api/uploads/${id}/file${query}`, { headers }), { params: Promise.resolve({ id }) });

describe('GET /api/uploads/<id>/file and the read options (a browser run reads uploads)', () => {
  it('serves the stored bytes to a visitor with access, and refuses read-only visitors', async () => {
    const id = await upload();
    const res = await get(id);
    expect(res.status).toBe(200);
    expect(await res.text()).toBe(csv);
    expect(res.headers.get('cache-control')).toContain('no-store');
    expect((await get(id, '', { 'x-stepstone-access': 'readOnly' })).status).toBe(403);
    expect((await get(id, '?part=labels')).status).toBe(404);
    expect((await get('nope')).status).toBe(404);
  });

  it('datasets.readOptions gives the stored options (full access only); getShared gives those of the shared graph', async () => {
    const id = await upload();
    const { uploads } = await caller('full').datasets.readOptions({ ids: [id, 'missing'] });
    expect(uploads).toEqual([{ id, name: 'pets.csv', format: 'csv', csv: { version: 1, header: true, ...options }, hasLabelsFile: false }]);
    await expect(caller('readOnly').datasets.readOptions({ ids: [id] })).rejects.toThrow(/read-only/);
    const doc = structuredClone(templates.find((t) => t.id === 'ddc')!.document);
    const target = doc.nodes.find((n) => n.type === 'targetDomain')!;
    target.params = { ...target.params, dataset: `upload:${id}` };
    const saved = await caller('full').graphs.save({ document: doc });
    const { token } = await caller('full').graphs.share({ id: saved.id });
    const shared = await caller('readOnly').graphs.getShared({ token });
    expect(shared.uploads).toEqual(uploads);
    const plain = await caller('full').graphs.save({ document: templates.find((t) => t.id === 'ddc')!.document });
    expect((await caller('readOnly').graphs.getShared({ token: (await caller('full').graphs.share({ id: plain.id })).token })).uploads).toEqual([]);
  });

  it('a zip of images is sent as the server\'s own parse (?as=dataset), which the browser reads as the same data set', async () => {
    const png = (v: number) => sharp(Buffer.alloc(36 * 3, v), { raw: { width: 6, height: 6, channels: 3 } }).png().toBuffer();
    const zip = zipSync({ 'cats/a.png': await png(10), 'cats/b.png': await png(40), 'dogs/c.png': await png(200) });
    const res = await POST(new Request(`http://x/api/uploads?name=pets.zip&format=zip&image=${encodeURIComponent('{"size":4,"color":"rgb"}')}`, { method: 'POST', body: zip as BlobPart }));
    expect(res.status, await res.clone().text()).toBe(201);
    const id = ((await res.json()) as { dataset: { id: string } }).dataset.id;
    const served = await get(id, '?as=dataset');
    expect(served.status).toBe(200);
    const resolved = (await uploadResolver(services.db)(id))!;
    const browser = registerUploadBlobs({ [id]: { format: 'zip', fileName: 'pets.zip', file: await served.blob() } })[id]!;
    const [s, b] = [await parseUpload(resolved), await parseInBrowser(browser)];
    expect(b.dataset).toEqual(s.dataset);
    expect(b.dataset).toMatchObject({ n: 3, width: 48, imageShape: [4, 4, 3], labelNames: ['cats', 'dogs'] });
    // A zip picked from disk is not decoded in the browser (sharp's resizing is not reproduced there): refused by name.
    const picked = registerUploadBlobs({ [id]: { format: 'zip', fileName: 'mine.zip', file: new Blob([zip as BlobPart]) } })[id]!;
    await expect(parseInBrowser(picked)).rejects.toThrow(/mine\.zip: is a zip of images.*decoded on the server/);
    expect((await get(id, '?as=dataset', { 'x-stepstone-access': 'readOnly' })).status).toBe(403);
  });
});
