import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createCallerFactory, createTRPCContext } from '../../../../../server/api/trpc';
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
});
