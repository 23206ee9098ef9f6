/**
 * The editor in a real browser (production build, server started here, cold Chromium):
 * - first load of the home page (Navigation Timing: TTFB, DOMContentLoaded, load) and the time until
 *   its templates are on screen; a second cold browser after the server has warmed up;
 * - a 300-node graph: time from navigation to all 300 cards rendered, then requestAnimationFrame deltas
 *   while dragging one node and while dragging all 300.
 * Needs `npm run build` first. Run: `npm run bench -- editor` (CHROMIUM_PATH, default /usr/bin/chromium).
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { chromium, type Page } from '@playwright/test';
import { GRAPH_VERSION, type GraphDocument } from '../formats/graph-document';
import { chainGraph } from './compile-bench';

const NODES = 300;
const DRAFT_KEY = 'stepstone.draft.v1';

function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const s = createServer().listen(0, '127.0.0.1', () => {
      const port = (s.address() as { port: number }).port;
      s.close(() => resolve(port));
    });
  });
}

async function startServer(dataDir: string): Promise<{ url: string; proc: ChildProcess }> {
  const port = await freePort();
  const env = { ...process.env, HOST: '127.0.0.1', PORT: String(port), NODE_ENV: 'production' as const, STEPSTONE_DATA_DIR: dataDir, STEPSTONE_TOKEN: '' };
  const proc = spawn(process.execPath, ['--import', 'tsx', 'scripts/serve.ts'], { env, stdio: ['ignore', 'pipe', 'inherit'] });
  await new Promise<void>((resolve, reject) => {
    proc.stdout!.on('data', (d: Buffer) => String(d).includes('ready on') && resolve());
    proc.on('exit', (code) => reject(new Error(`server exited (${code}); run \`npm run build\` first`)));
  });
  return { url: `http://127.0.0.1:${port}`, proc };
}

/** A 300-node graph laid out in a 20-column grid (the compile bench's chain, shortened). */
function bigGraph(): GraphDocument {
  const g = chainGraph(NODES - 8);
  return { ...g, version: GRAPH_VERSION, nodes: g.nodes.map((n, i) => ({ ...n, position: { x: (i % 20) * 300, y: Math.floor(i / 20) * 220 } })) };
}

const stats = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  const q = (p: number) => s[Math.min(s.length - 1, Math.floor(p * s.length))] ?? NaN;
  const r = (x: number) => Math.round(x * 10) / 10;
  return { frames: s.length, p50Ms: r(q(0.5)), p95Ms: r(q(0.95)), maxMs: r(s[s.length - 1] ?? NaN), meanFps: r(1000 / (s.reduce((a, b) => a + b, 0) / s.length)) };
};

async function firstLoad(url: string) {
  const browser = await chromium.launch({ executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium', args: ['--no-sandbox', '--disable-gpu'] });
  const page = await browser.newPage({ viewport: { width: 1440, height: 900 } });
  const started = Date.now();
  await page.goto(`${url}/`, { waitUntil: 'load' });
  await page.getByRole('link', { name: /Open template/ }).first().waitFor({ timeout: 120_000 });
  const contentMs = Date.now() - started;
  const nav = await page.evaluate<{ ttfbMs: number; domContentLoadedMs: number; loadMs: number; transferKb: number }>(`(() => {
    const n = performance.getEntriesByType('navigation')[0];
    const kb = performance.getEntriesByType('resource').reduce((a, r) => a + r.transferSize, 0) / 1024;
    return { ttfbMs: Math.round(n.responseStart), domContentLoadedMs: Math.round(n.domContentLoadedEventEnd), loadMs: Math.round(n.loadEventEnd), transferKb: Math.round(kb) };
  })()`);
  await browser.close();
  return { ...nav, templatesVisibleMs: contentMs };
}

// In-page code as text: tsx compiles functions with helpers (`__name`) that do not exist in the page.
const START_FRAMES = `(() => {
  window.__deltas = []; window.__stop = false; let last = performance.now();
  const tick = (t) => { window.__deltas.push(t - last); last = t; if (!window.__stop) requestAnimationFrame(tick); };
  requestAnimationFrame(tick);
})()`;
const STOP_FRAMES = '(() => { window.__stop = true; return window.__deltas.slice(1); })()';

/** rAF deltas in the page while `act` runs. */
async function frameTimes(page: Page, act: () => Promise<void>): Promise<number[]> {
  await page.evaluate(START_FRAMES);
  await act();
  return page.evaluate<number[]>(STOP_FRAMES);
}

async function drag(page: Page, from: { x: number; y: number }, by: { x: number; y: number }) {
  await page.mouse.move(from.x, from.y);
  await page.mouse.down();
  for (let i = 1; i <= 60; i++) await page.mouse.move(from.x + (by.x * i) / 60, from.y + (by.y * i) / 60);
  await page.mouse.up();
}

async function bigGraphBench(url: string) {
  const browser = await chromium.launch({ executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium', args: ['--no-sandbox', '--disable-gpu'] });
  const page = await browser.newPage({ viewport: { width: 1440, height: 900 } });
  const doc = JSON.stringify(bigGraph());
  await page.addInitScript(`window.localStorage.setItem(${JSON.stringify(DRAFT_KEY)}, ${JSON.stringify(doc)})`);
  await page.goto(`${url}/editor`);
  await page.waitForFunction(`document.querySelectorAll('.react-flow__node').length >= ${NODES}`, undefined, { timeout: 120_000, polling: 50 });
  const openMs = Math.round(await page.evaluate<number>('performance.now()'));
  await page.waitForTimeout(1500);
  const box = (await page.locator('.react-flow__node').nth(5).boundingBox())!;
  const one = await frameTimes(page, () => drag(page, { x: box.x + 40, y: box.y + 8 }, { x: 200, y: 120 }));
  await page.locator('.react-flow__pane').click({ position: { x: 5, y: 5 } });
  await page.keyboard.press('Control+a');
  const box2 = (await page.locator('.react-flow__node').nth(5).boundingBox())!;
  const all = await frameTimes(page, () => drag(page, { x: box2.x + 40, y: box2.y + 8 }, { x: 150, y: 80 }));
  await browser.close();
  return { nodes: NODES, openMs, dragOne: stats(one), dragAll: stats(all) };
}

async function stop(proc: ChildProcess): Promise<void> {
  await new Promise<void>((resolve) => {
    proc.once('exit', () => resolve());
    proc.kill('SIGTERM');
  });
}

/**
 * First loads: a first-ever start (fresh data directory: the embedded database is created), a restart on that
 * directory, and a cold browser once the server is warm. The 300-node graph on the warm server.
 */
export async function editorBench() {
  const dataDir = mkdtempSync(join(tmpdir(), 'stepstone-bench-'));
  const first = await startServer(dataDir);
  let firstStart;
  try {
    firstStart = await firstLoad(first.url);
  } finally {
    await stop(first.proc);
  }
  const { url, proc } = await startServer(dataDir);
  try {
    const restart = await firstLoad(url);
    const warm = await firstLoad(url);
    const graph = await bigGraphBench(url);
    return { name: 'editor', firstLoad: { firstEverStart: firstStart, restartColdBrowser: restart, warmServerColdBrowser: warm }, graph300: graph };
  } finally {
    await stop(proc);
  }
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) console.log(JSON.stringify(await editorBench(), null, 2));
