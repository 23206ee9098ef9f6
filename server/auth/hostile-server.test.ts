import { existsSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { freePort, spawnServe } from '../testing/serve-process';
import { bytesWithoutLength, deepJson, duplicateHeaderCsv, giantLineCsv, multipartStream, nulCsv, writeGzipBomb } from '../testing/hostile-files';
import { uploadLimits } from '../datasets/limits';

const root = path.resolve(import.meta.dirname, '..', '..');
const distDir = `data-store/next-hostile-test-${process.pid}`;

function serve(env: Record<string, string>) {
  return spawnServe({ STEPSTONE_TOKEN: '', HOST: '127.0.0.1', DATABASE_URL: '', ...env });
}

interface Reply {
  status: number;
  headers: http.IncomingHttpHeaders;
  body: string;
}

/** node:http, not fetch: the tests need to send any Host header and bodies without a length. */
function request(port: number, opts: { path: string; method?: string; headers?: Record<string, string>; body?: string | Buffer | AsyncIterable<Uint8Array> }): Promise<Reply> {
  return new Promise((resolve, reject) => {
    const req = http.request({ host: '127.0.0.1', port, path: opts.path, method: opts.method ?? 'GET', headers: { host: `127.0.0.1:${port}`, ...opts.headers } }, (res) => {
      let body = '';
      res.on('data', (d: Buffer) => (body += d.toString()));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body }));
    });
    req.on('error', (err) => ((err as NodeJS.ErrnoException).code === 'EPIPE' || (err as NodeJS.ErrnoException).code === 'ECONNRESET' ? undefined : reject(err)));
    if (opts.body === undefined || typeof opts.body === 'string' || Buffer.isBuffer(opts.body)) req.end(opts.body);
    else {
      void (async () => {
        for await (const chunk of opts.body as AsyncIterable<Uint8Array>) if (!req.write(chunk)) await new Promise((r) => req.once('drain', r));
        req.end();
      })().catch(() => undefined);
    }
  });
}

async function* fromWeb(stream: ReadableStream<Uint8Array>): AsyncGenerator<Uint8Array> {
  const reader = stream.getReader();
  for (;;) {
    const { done, value } = await reader.read();
    if (done) return;
    yield value;
  }
}

describe('the real server against hostile input (loopback mode)', () => {
  const dataDir = mkdtempSync(path.join(os.tmpdir(), 'stepstone-hostile-server-'));
  const started: ReturnType<typeof serve>[] = [];
  afterAll(async () => {
    for (const s of started) if (s.child.exitCode === null) s.child.kill('SIGKILL');
    rmSync(path.join(root, distDir), { recursive: true, force: true });
  });

  it('refuses every hostile input with a 4xx, stays up after each, stores nothing, and drains on SIGTERM', async () => {
    const port = await freePort();
    const tsconfig = path.join(dataDir, 'tsconfig.json');
    writeFileSync(tsconfig, JSON.stringify({ extends: path.join(root, 'tsconfig.json') }));
    const s = serve({ PORT: String(port), STEPSTONE_DATA_DIR: dataDir, STEPSTONE_DIST_DIR: distDir, STEPSTONE_TSCONFIG: tsconfig });
    started.push(s);
    for (let i = 0; i < 900 && !/ready on/.test(s.output()); i++) {
      if (s.child.exitCode !== null) throw new Error(`server exited: ${s.output()}`);
      await new Promise((r) => setTimeout(r, 100));
    }
    const healthy = async (after: string) => {
      const h = await request(port, { path: '/api/health' });
      expect(h.status, `health after ${after}`).toBe(200);
    };
    await healthy('start');

    // Headers and the Host allow-list.
    const h = await request(port, { path: '/api/health' });
    expect(h.headers['content-security-policy']).toMatch(/frame-ancestors 'none'/);
    expect(h.headers['x-content-type-options']).toBe('nosniff');
    expect(h.headers['x-powered-by']).toBeUndefined();
    expect((await request(port, { path: '/api/trpc/graphs.list', headers: { host: `rebound.example:${port}` } })).status).toBe(400);
    expect((await request(port, { path: '/_next/image?url=%2Ficon.svg&w=64&q=75' })).status).toBe(404);

    const upload = (name: string, body: string | Buffer, headers: Record<string, string> = {}) =>
      request(port, { path: `/api/uploads?name=${encodeURIComponent(name)}&format=csv`, method: 'POST', body, headers });
    const bomb = path.join(dataDir, 'bomb.csv.gz');
    await writeGzipBomb(bomb, 'a,label\n', '\n'.repeat(1 << 20), 300);
    const cases: [string, () => Promise<Reply>, number, RegExp][] = [
      ['gzip bomb of newlines', async () => upload('bomb.csv.gz', await readFile(bomb)), 400, /more than 200000 lines/],
      ['one giant line', () => upload('line.csv', giantLineCsv(2 * 1024 * 1024)), 400, /line is longer than/],
      ['NUL in a CSV', () => upload('nul.csv', nulCsv), 400, /NUL character/],
      ['duplicate headers', () => upload('dup.csv', duplicateHeaderCsv), 400, /used twice/],
      ['multipart without content-length past the limit', () => request(port, {
        path: '/api/uploads',
        method: 'POST',
        headers: { 'content-type': 'multipart/form-data; boundary=B0undary', 'transfer-encoding': 'chunked' },
        body: fromWeb(multipartStream('B0undary', { name: 'big.csv', body: bytesWithoutLength(uploadLimits.maxBytes + (2 << 20)) }, { format: 'csv' })),
      }), 413, /larger than the upload limit/],
      ['a cross-site upload', () => upload('x.csv', 'a,label\n1,0\n2,1\n', { 'sec-fetch-site': 'cross-site', origin: 'https://evil.example' }), 403, /Cross-site/],
      ['NUL in a tRPC string', () => request(port, { path: '/api/trpc/graphs.importFile', method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ text: 'x\u0000' }) }), 400, /text: contains a NUL/],
      ['a lone surrogate in a tRPC string', () => request(port, { path: '/api/trpc/graphs.importFile', method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"text":"\\ud800"}' }), 400, /unpaired surrogate/],
      ['100,000-deep JSON', () => request(port, { path: '/api/trpc/graphs.importFile', method: 'POST', headers: { 'content-type': 'application/json' }, body: deepJson(100_000) }), 400, /nested more than 64 levels/],
    ];
    for (const [what, send, status, message] of cases) {
      const r = await send();
      expect(r.status, what).toBe(status);
      expect(r.body, what).toMatch(message);
      expect(r.body, what).not.toMatch(/insert into|select .* from|Maximum call stack|at .*\.ts:\d+/i);
      await healthy(what);
    }
    // Nothing stored, no temporary file left.
    expect(readdirSync(path.join(dataDir, 'uploads'), { recursive: true }).filter((f) => f !== '.tmp')).toEqual([]);

    // A second server on the same data folder stops at once, naming the first one's pid.
    const second = serve({ PORT: String(await freePort()), STEPSTONE_DATA_DIR: dataDir, STEPSTONE_DIST_DIR: `${distDir}-b`, STEPSTONE_TSCONFIG: tsconfig });
    started.push(second);
    expect(await second.exited).toBe(1);
    expect(second.output()).toContain(`in use by another Stepstone process (pid ${s.child.pid}`);
    await healthy('a second server tried the folder');

    // SIGTERM: drains and exits cleanly, releasing the folder.
    s.child.kill('SIGTERM');
    expect(await s.exited).toBe(0);
    expect(s.output()).toMatch(/SIGTERM: draining/);
    expect(existsSync(path.join(dataDir, 'db.lock'))).toBe(false);
  }, 400_000);
});
