import http from 'node:http';
import { mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { GET as health } from '../app/api/health/route';
import { POST as trpcPost } from '../app/api/trpc/[trpc]/route';
import { followRun } from '../server/jobs/follow-run';
import { terminalStatuses } from '../server/jobs/run-store';
import { treeRss } from '../server/jobs/process-memory';
import { createServices, setServices } from '../server/services';
import { templates } from '../templates';

/**
 * The web process under load, as a user would load it: the real health and tRPC route handlers behind a
 * plain HTTP server in this process (the embedded services: PGlite, the queue, training child
 * processes), 30 concurrent `runs.start` requests while a DDC template run trains and a subscriber
 * follows its events. /api/health is sampled every 25 ms throughout; idle figures first for reference.
 */
export interface LoadBenchResult {
  idle: Latency;
  underLoad: Latency;
  /** After the 30 starts were answered: the training run (and the queued runs) alone. */
  whileTraining: Latency;
  startRequests: Latency;
  trainingRunMs: number;
  webRssMaxMb: number;
  runTreeRssMaxMb: number | null;
}
type Latency = { n: number; p50: number; p95: number; p99: number; max: number };

function latency(xs: number[]): Latency {
  const s = [...xs].sort((a, b) => a - b);
  const at = (p: number) => Number((s[Math.min(s.length - 1, Math.floor((p / 100) * s.length))] ?? NaN).toFixed(1));
  return { n: s.length, p50: at(50), p95: at(95), p99: at(99), max: at(100) };
}

/** node:http → the route handlers (what Next does for these two routes, minus its router). */
function serve(): Promise<{ port: number; close: () => void }> {
  const server = http.createServer((req, res) => {
    void (async () => {
      const chunks: Buffer[] = [];
      for await (const c of req) chunks.push(c as Buffer);
      const request = new Request(`http://127.0.0.1${req.url}`, { method: req.method, headers: req.headers as Record<string, string>, body: req.method === 'POST' ? Buffer.concat(chunks) : undefined });
      const response = req.url?.startsWith('/api/health') ? await health() : await trpcPost(request);
      res.writeHead(response.status, { 'content-type': 'application/json' });
      res.end(Buffer.from(await response.arrayBuffer()));
    })();
  });
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve({ port: (server.address() as { port: number }).port, close: () => server.close() })));
}

const agent = new http.Agent({ keepAlive: true, maxSockets: 64 });
function call(port: number, urlPath: string, body?: string): Promise<{ ms: number; status: number; text: string }> {
  const t0 = performance.now();
  return new Promise((resolve, reject) => {
    const req = http.request({ host: '127.0.0.1', port, path: urlPath, method: body ? 'POST' : 'GET', agent, headers: body ? { 'content-type': 'application/json' } : {} }, (res) => {
      let text = '';
      res.on('data', (d: Buffer) => (text += d.toString()));
      res.on('end', () => resolve({ ms: performance.now() - t0, status: res.statusCode ?? 0, text }));
    });
    req.on('error', reject);
    req.end(body);
  });
}

/** Samples /api/health every `everyMs` until stopped. */
function sampler(port: number, everyMs = 25) {
  const samples: number[] = [];
  let on = true;
  const loop = (async () => {
    while (on) {
      samples.push((await call(port, '/api/health')).ms);
      await new Promise((r) => setTimeout(r, everyMs));
    }
  })();
  return { samples, stop: async () => ((on = false), await loop) };
}

export async function loadBench(): Promise<LoadBenchResult> {
  const dataDir = mkdtempSync(path.join(os.tmpdir(), 'stepstone-load-'));
  const services = await createServices({ databaseUrl: '', dataDir, concurrency: 1 });
  setServices(services);
  const { port, close } = await serve();
  try {
    const idle = sampler(port);
    await new Promise((r) => setTimeout(r, 3000));
    await idle.stop();
    let webRss = process.memoryUsage().rss;
    let treeMax: number | null = null;
    const rssTimer = setInterval(() => {
      const own = process.memoryUsage.rss();
      webRss = Math.max(webRss, own);
      // Everything below this process: the training child and its model workers.
      const tree = treeRss(process.pid);
      if (tree !== undefined) treeMax = Math.max(treeMax ?? 0, tree - own);
    }, 1000);
    const busy = sampler(port);
    const ddc = templates.find((t) => t.id === 'ddc')!.document;
    const t0 = performance.now();
    const first = JSON.parse((await call(port, '/api/trpc/runs.start', JSON.stringify({ document: ddc }))).text) as { result: { data: { runId: string } } };
    const runId = first.result.data.runId;
    const follower = (async () => {
      for await (const e of followRun(services.store, services.events, runId, { pollMs: 1000 })) void e;
    })();
    const starts = await Promise.all(Array.from({ length: 30 }, () => call(port, '/api/trpc/runs.start', JSON.stringify({ document: ddc }))));
    if (starts.some((s) => s.status !== 200)) throw new Error(`a start failed: ${starts.find((s) => s.status !== 200)!.text}`);
    const afterStarts = busy.samples.length;
    for (;;) {
      const row = await services.store.get(runId);
      if (row && terminalStatuses.includes(row.status)) break;
      await new Promise((r) => setTimeout(r, 1000));
    }
    const trainingRunMs = performance.now() - t0;
    await busy.stop();
    clearInterval(rssTimer);
    await follower;
    return {
      idle: latency(idle.samples),
      underLoad: latency(busy.samples),
      whileTraining: latency(busy.samples.slice(afterStarts)),
      startRequests: latency(starts.map((s) => s.ms)),
      trainingRunMs: Math.round(trainingRunMs),
      webRssMaxMb: Math.round(webRss / 1024 / 1024),
      runTreeRssMaxMb: treeMax === null ? null : Math.round(treeMax / 1024 / 1024),
    };
  } finally {
    close();
    agent.destroy();
    setServices(undefined);
    await services.close();
  }
}
