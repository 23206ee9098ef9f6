import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { freePort, spawnServe } from '../testing/serve-process';
import { bindRefusal, decide, hostAllowed, isLoopbackHost, sessionValue } from './gate';

const root = path.resolve(import.meta.dirname, '..', '..');
const TOKEN = 'test-token-0123456789abcdef';

describe('gate', () => {
  it('knows loopback addresses', () => {
    for (const h of ['127.0.0.1', '127.1.2.3', '::1', '[::1]', 'localhost', '::ffff:127.0.0.1']) expect(isLoopbackHost(h)).toBe(true);
    for (const h of ['0.0.0.0', '::', '192.168.1.5', '10.0.0.1', 'example.com', '::ffff:10.0.0.1']) expect(isLoopbackHost(h)).toBe(false);
  });

  it('refuses a non-loopback bind without a (long enough) token', () => {
    expect(bindRefusal('127.0.0.1', undefined)).toBeUndefined();
    expect(bindRefusal('0.0.0.0', undefined)).toMatch(/Refusing to listen on 0\.0\.0\.0 without authentication/);
    expect(bindRefusal('0.0.0.0', 'short')).toMatch(/too short/);
    expect(bindRefusal('0.0.0.0', TOKEN)).toBeUndefined();
  });

  it('lets through the bearer, the cookie, ?token= (as a login), and read-only share requests only', () => {
    const h = (headers: Record<string, string>) => headers;
    expect(decide({ url: '/runs', headers: { host: '127.0.0.1:3000' } }, undefined)).toEqual({ kind: 'pass', access: 'full' });
    expect(decide({ url: '/runs', headers: {} }, TOKEN)).toEqual({ kind: 'deny' });
    expect(decide({ url: '/runs', headers: h({ authorization: `Bearer ${TOKEN}` }) }, TOKEN)).toEqual({ kind: 'pass', access: 'full' });
    expect(decide({ url: '/runs', headers: h({ authorization: 'Bearer wrong' }) }, TOKEN)).toEqual({ kind: 'deny' });
    // The cookie holds an HMAC of the token, not the token: the raw token in a cookie is refused.
    expect(decide({ url: '/runs', headers: h({ cookie: `a=1; stepstone_token=${sessionValue(TOKEN)}` }) }, TOKEN)).toEqual({ kind: 'pass', access: 'full' });
    expect(decide({ url: '/runs', headers: h({ cookie: `stepstone_token=${TOKEN}` }) }, TOKEN)).toEqual({ kind: 'deny' });
    const login = decide({ url: `/runs?x=1&token=${TOKEN}`, headers: {} }, TOKEN);
    expect(login).toMatchObject({ kind: 'login', location: '/runs?x=1' });
    expect(login.kind === 'login' && login.setCookie).toMatch(/^stepstone_token=[\w-]{43}; Path=\/; HttpOnly; SameSite=Strict; Max-Age=\d+$/);
    expect(login.kind === 'login' && login.setCookie).not.toContain(TOKEN);
    const overTls = decide({ url: `/?token=${TOKEN}`, headers: {}, secure: true }, TOKEN);
    expect(overTls.kind === 'login' && overTls.setCookie).toMatch(/; Secure$/);
    expect(decide({ url: '/share/abc', headers: {} }, TOKEN)).toEqual({ kind: 'pass', access: 'readOnly' });
    expect(decide({ url: '/api/trpc/graphs.getShared,nodes.list?batch=1', method: 'GET', headers: {} }, TOKEN)).toEqual({ kind: 'pass', access: 'readOnly' });
    expect(decide({ url: '/api/trpc/graphs.getShared,graphs.list?batch=1', headers: {} }, TOKEN)).toEqual({ kind: 'deny' });
    expect(decide({ url: '/api/trpc/runs.start', method: 'POST', headers: {} }, TOKEN)).toEqual({ kind: 'deny' });
    expect(decide({ url: '/api/uploads', method: 'POST', headers: {} }, TOKEN)).toEqual({ kind: 'deny' });
    // "Run in this browser" from a share link: the worker bundle, .wasm and data files are static and public.
    expect(decide({ url: '/runtime/stepstone-worker.js', headers: {} }, TOKEN)).toEqual({ kind: 'pass', access: 'readOnly' });
    expect(decide({ url: '/runtime/data/optdigits.csv.gz', method: 'POST', headers: {} }, TOKEN)).toEqual({ kind: 'deny' });
    expect(decide({ url: '/api/trpc/runs.saveBrowserRun', method: 'POST', headers: {} }, TOKEN)).toEqual({ kind: 'deny' });
    // A run kept in the visitor's browser has a page they can open (its data is in their IndexedDB, not here).
    expect(decide({ url: '/runs/local/0b7c', headers: {} }, TOKEN)).toEqual({ kind: 'pass', access: 'readOnly' });
    expect(decide({ url: '/runs/0b7c', headers: {} }, TOKEN)).toEqual({ kind: 'deny' });
    // A browser run of a share link never reads the owner's uploads from the server: it picks local files.
    expect(decide({ url: '/api/uploads/u1/file', headers: {} }, TOKEN)).toEqual({ kind: 'deny' });
    expect(decide({ url: '/api/trpc/datasets.readOptions?input=%7B%7D', headers: {} }, TOKEN)).toEqual({ kind: 'deny' });
    expect(decide({ url: '/api/uploads/u1/file', headers: { authorization: `Bearer ${TOKEN}` } }, TOKEN)).toEqual({ kind: 'pass', access: 'full' });
  });

  it('loopback mode answers only loopback Host names (and the allow-list): no DNS rebinding', () => {
    for (const host of ['127.0.0.1:3000', 'localhost:3000', 'LOCALHOST', '[::1]:3000', '127.0.0.1']) expect(hostAllowed(host, [])).toBe(true);
    for (const host of ['evil.example:3000', 'evil.example', '127.0.0.1.evil.example', '[::2]:3000', '']) expect(hostAllowed(host, [])).toBe(false);
    expect(hostAllowed('studio.lan:3000', ['studio.lan'])).toBe(true);
    const rebound = decide({ url: '/api/trpc/graphs.list', headers: { host: 'attacker.example:3000' } }, undefined);
    expect(rebound).toMatchObject({ kind: 'refuse', status: 400 });
    expect(decide({ url: '/', headers: { host: 'studio.lan' } }, undefined, { allowedHosts: ['studio.lan'] })).toEqual({ kind: 'pass', access: 'full' });
    // With a token the token is the gate (any Host; a reverse proxy may name the server anything).
    expect(decide({ url: '/', headers: { host: 'studio.example', authorization: `Bearer ${TOKEN}` } }, TOKEN)).toEqual({ kind: 'pass', access: 'full' });
  });

  it('refuses cross-site writes (Sec-Fetch-Site, else Origin) and the image optimiser, token or not', () => {
    const host = '127.0.0.1:3000';
    const post = (headers: Record<string, string>, token?: string) => decide({ url: '/api/uploads', method: 'POST', headers: { host, ...headers } }, token);
    expect(post({ 'sec-fetch-site': 'cross-site' })).toMatchObject({ kind: 'refuse', status: 403 });
    expect(post({ 'sec-fetch-site': 'same-site' })).toMatchObject({ kind: 'refuse', status: 403 });
    expect(post({ origin: 'https://evil.example' })).toMatchObject({ kind: 'refuse', status: 403 });
    expect(post({ origin: 'null' })).toMatchObject({ kind: 'refuse', status: 403 });
    expect(post({ 'sec-fetch-site': 'cross-site', authorization: `Bearer ${TOKEN}` }, TOKEN)).toMatchObject({ kind: 'refuse', status: 403 });
    expect(post({ 'sec-fetch-site': 'same-origin', origin: 'http://127.0.0.1:3000' })).toEqual({ kind: 'pass', access: 'full' });
    expect(post({})).toEqual({ kind: 'pass', access: 'full' }); // scripts and the CLI send neither
    expect(decide({ url: '/runs', headers: { host, 'sec-fetch-site': 'cross-site' } }, undefined)).toEqual({ kind: 'pass', access: 'full' }); // a link is fine
    expect(decide({ url: '/_next/image?url=http://169.254.169.254/&w=64&q=75', headers: { host } }, undefined)).toMatchObject({ kind: 'refuse', status: 404 });
  });
});

const serve = spawnServe;

describe('scripts/serve.ts', () => {
  const started: ReturnType<typeof serve>[] = [];
  afterAll(async () => {
    for (const s of started) {
      if (s.child.exitCode === null) {
        s.child.kill('SIGTERM');
        await Promise.race([s.exited, new Promise((r) => setTimeout(r, 5000))]);
        if (s.child.exitCode === null) s.child.kill('SIGKILL');
      }
    }
    rmSync(path.join(root, 'data-store', `next-serve-test-${process.pid}`), { recursive: true, force: true });
  });

  it('refuses to start beyond loopback without a token', async () => {
    const s = serve({ HOST: '0.0.0.0', PORT: String(await freePort()), STEPSTONE_TOKEN: '' });
    started.push(s);
    expect(await s.exited).toBe(1);
    expect(s.output()).toMatch(/Refusing to listen on 0\.0\.0\.0 without authentication/);
  });

  it('with a token: 401 without it, 200 with the bearer or the cookie from /?token=', async () => {
    const port = await freePort();
    const tmp = mkdtempSync(path.join(os.tmpdir(), 'stepstone-serve-'));
    const tsconfig = path.join(tmp, 'tsconfig.json');
    writeFileSync(tsconfig, JSON.stringify({ extends: path.join(root, 'tsconfig.json') }));
    const s = serve({
      HOST: '0.0.0.0',
      PORT: String(port),
      STEPSTONE_TOKEN: TOKEN,
      STEPSTONE_DATA_DIR: tmp,
      // Outside .next (a concurrent `next build` would wipe it) in an ignored folder.
      STEPSTONE_DIST_DIR: `data-store/next-serve-test-${process.pid}`,
      STEPSTONE_TSCONFIG: tsconfig,
    });
    started.push(s);
    const base = `http://127.0.0.1:${port}`;
    for (let i = 0; i < 600 && !/ready on/.test(s.output()); i++) {
      if (s.child.exitCode !== null) throw new Error(`server exited: ${s.output()}`);
      await new Promise((r) => setTimeout(r, 100));
    }
    const denied = await fetch(`${base}/api/health`);
    expect(denied.status).toBe(401);
    expect(await denied.text()).toMatch(/Authentication required/);
    expect((await fetch(`${base}/api/health`, { headers: { authorization: 'Bearer nope' } })).status).toBe(401);
    expect((await fetch(`${base}/api/trpc/graphs.list`)).status).toBe(401);
    const ok = await fetch(`${base}/api/health`, { headers: { authorization: `Bearer ${TOKEN}` } });
    expect(ok.status).toBe(200);
    expect(await ok.json()).toEqual({ ok: true });
    const login = await fetch(`${base}/api/health?token=${TOKEN}`, { redirect: 'manual' });
    expect(login.status).toBe(302);
    const cookie = login.headers.get('set-cookie')!.split(';')[0]!;
    expect((await fetch(`${base}/api/health`, { headers: { cookie } })).status).toBe(200);
  }, 180_000);
});
