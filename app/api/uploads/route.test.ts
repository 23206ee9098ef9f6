import { readdir } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createServices, setServices, type Services } from '../../../server/services';
import { bytesWithoutLength, multipartStream, nulCsv } from '../../../server/testing/hostile-files';
import { uploadLimits } from '../../../server/datasets/limits';
import { POST } from './route';

const csv = 'x1,x2,label\n0.1,0.2,0\n0.3,0.1,1\n0.5,0.9,1\n0.7,0.4,0\n';
let services: Services;
const dataDir = path.join(os.tmpdir(), `stepstone-route-${process.pid}`);

beforeAll(async () => {
  services = await createServices({ databaseUrl: '', pgliteDir: 'memory://', dataDir });
  setServices(services);
});
afterAll(async () => {
  setServices(undefined);
  await services.close();
});

describe('POST /api/uploads', () => {
  it('accepts a raw body with name/format in the query', async () => {
    const res = await POST(new Request('http://x/api/uploads?name=raw.csv&format=csv', { method: 'POST', body: csv, headers: { 'content-type': 'text/csv' } }));
    expect(res.status).toBe(201);
    const { dataset } = (await res.json()) as { dataset: Record<string, unknown> };
    expect(dataset).toMatchObject({ name: 'raw.csv', format: 'csv', sizeBytes: csv.length });
    expect(dataset.path).toBeUndefined();
  });

  it('accepts multipart form data', async () => {
    const form = new FormData();
    form.set('file', new File([csv], 'form.csv'));
    form.set('format', 'csv');
    const res = await POST(new Request('http://x/api/uploads', { method: 'POST', body: form }));
    expect(res.status).toBe(201);
    expect(((await res.json()) as { dataset: { name: string } }).dataset.name).toBe('form.csv');
  });

  it('refuses bad parameters, bad data (with line/column) and read-only callers, storing nothing', async () => {
    const before = (await readdir(path.join(dataDir, 'uploads'))).length;
    const noFormat = await POST(new Request('http://x/api/uploads?name=a.csv', { method: 'POST', body: csv }));
    expect(noFormat.status).toBe(400);
    expect(((await noFormat.json()) as { error: string }).error).toMatch(/format/);
    const bad = await POST(new Request('http://x/api/uploads?name=bad.csv&format=csv', { method: 'POST', body: 'a,label\n1,0\nx,1\n' }));
    expect(bad.status).toBe(400);
    expect(await bad.json()).toMatchObject({ line: 3, column: 1, file: 'bad.csv' });
    const ro = await POST(new Request('http://x/api/uploads?name=a.csv&format=csv', { method: 'POST', body: csv, headers: { 'x-stepstone-access': 'readOnly' } }));
    expect(ro.status).toBe(403);
    expect((await readdir(path.join(dataDir, 'uploads'))).length).toBe(before);
    expect((await services.db.query.datasets.findMany()).map((d) => d.name).sort()).toEqual(['form.csv', 'raw.csv']);
  });

  it('streams a multipart upload without content-length to disk and stops it at the limit (413, nothing left behind)', async () => {
    const before = (await readdir(path.join(dataDir, 'uploads'), { recursive: true })).sort();
    const body = multipartStream('XyZ', { name: 'huge.csv', body: bytesWithoutLength(uploadLimits.maxBytes + (4 << 20)) }, { format: 'csv' });
    const rssBefore = process.memoryUsage().rss;
    const res = await POST(new Request('http://x/api/uploads', { method: 'POST', body, headers: { 'content-type': 'multipart/form-data; boundary=XyZ' }, duplex: 'half' } as RequestInit));
    expect(res.status).toBe(413);
    expect(((await res.json()) as { error: string }).error).toMatch(/huge\.csv is larger than the upload limit of 64\.0 MB/);
    // Streamed, not buffered: memory grew by far less than the 68 MB sent.
    expect(process.memoryUsage().rss - rssBefore).toBeLessThan(48 * 1024 * 1024);
    expect((await readdir(path.join(dataDir, 'uploads'), { recursive: true })).sort()).toEqual(before);
  });

  it('refuses a NUL byte in the file (400 with its line) and in the name (400 naming the field)', async () => {
    const bad = await POST(new Request('http://x/api/uploads?name=nul.csv&format=csv', { method: 'POST', body: nulCsv }));
    expect(bad.status).toBe(400);
    expect(await bad.json()).toMatchObject({ line: 3, file: 'nul.csv' });
    const name = await POST(new Request('http://x/api/uploads?name=a%00b.csv&format=csv', { method: 'POST', body: csv }));
    expect(name.status).toBe(400);
    expect(((await name.json()) as { error: string }).error).toMatch(/^name: .*NUL/);
  });
});
