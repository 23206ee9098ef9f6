import { readFile } from 'node:fs/promises';
import { expect, test, type APIRequestContext, type Page } from '@playwright/test';
import { unzipSync } from 'fflate';
import type { BrowserRunFile } from '../app/runs/browser/browser-run-file';
import type { RunEvent, RunResult } from '../formats/run-events';
import { shot } from './helpers';

/**
 * "Run in this browser" on a graph whose domains are uploaded CSVs (browser WASM): from the editor (a visitor with
 * access: the stored files and options are read from the server), and from a share link (the token-less visitor
 * picks their own copy of each file; it is read in the browser and never sent). The kept run has a page,
 * /runs/local/<id>, that survives a reload.
 */
test.describe.configure({ mode: 'serial' });

function moons(n: number, angle: number, seed: number): [number, number, number][] {
  let s = seed;
  const rnd = () => ((s = (s * 16807) % 2147483647) / 2147483647);
  return Array.from({ length: n }, (_, i) => {
    const c = i % 2;
    const t = Math.PI * rnd();
    const [x, y] = c === 0 ? [Math.cos(t), Math.sin(t)] : [1 - Math.cos(t), 0.5 - Math.sin(t)];
    const a = (angle * Math.PI) / 180;
    const [px, py] = [x + 0.1 * (rnd() - 0.5), y + 0.1 * (rnd() - 0.5)];
    return [c, px * Math.cos(a) - py * Math.sin(a), px * Math.sin(a) + py * Math.cos(a)];
  });
}
/** The source: semicolons, an id column to ignore, the label in "shape" (stored options the browser must apply). */
const sourceCsv = `id;x1;x2;shape\n${moons(120, 0, 7).map(([c, x, y], i) => `s${i};${x.toFixed(4)};${y.toFixed(4)};${c ? 'outer' : 'inner'}`).join('\n')}\n`;
const targetCsv = `x1,x2,label\n${moons(160, 30, 11).map(([c, x, y]) => `${x.toFixed(4)},${y.toFixed(4)},${c ? 'outer' : 'inner'}`).join('\n')}\n`;
const sourceOptions = { delimiter: 'semicolon', label: { by: 'column', column: 'shape' }, ignore: ['id'] };

let graphId = '';
let shareUrl = '';
let editorResult: RunResult;

async function upload(request: APIRequestContext, name: string, text: string, options?: unknown): Promise<string> {
  const query = `name=${name}&format=csv${options ? `&options=${encodeURIComponent(JSON.stringify(options))}` : ''}`;
  const res = await request.post(`/api/uploads?${query}`, { data: text, headers: { 'content-type': 'text/csv' } });
  expect(res.status(), await res.text()).toBe(201);
  return ((await res.json()) as { dataset: { id: string } }).dataset.id;
}

async function trpc<T>(request: APIRequestContext, proc: string, input: unknown): Promise<T> {
  const res = await request.post(`/api/trpc/${proc}`, { data: input });
  expect(res.ok(), await res.text()).toBe(true);
  return ((await res.json()) as { result: { data: T } }).result.data;
}

async function exported(page: Page): Promise<BrowserRunFile> {
  const download = page.waitForEvent('download');
  await page.getByTestId('browser-run-view').getByRole('button', { name: 'Export', exact: true }).click();
  return JSON.parse(await readFile((await (await download).path())!, 'utf8')) as BrowserRunFile;
}

const finalOf = (file: BrowserRunFile) => (file.events.find((e) => e.type === 'final') as Extract<RunEvent, { type: 'final' }>).result;

test('the owner uploads two CSVs, saves DDC on them and runs it in the browser: read from the server, kept with a URL', async ({ page, request }) => {
  test.setTimeout(600_000);
  const [source, target] = [await upload(request, 'source.csv', sourceCsv, sourceOptions), await upload(request, 'target.csv', targetCsv)];
  const doc = JSON.parse(await readFile('templates/ddc.json', 'utf8')) as { name: string; nodes: { id: string; params: Record<string, unknown> }[]; edges: unknown[] };
  doc.name = 'DDC on my CSVs';
  // An export node: a browser run has no artifact folder, so the model is offered as a download.
  doc.nodes.push({ id: 'export', type: 'exportModel', typeVersion: 1, params: { name: 'csv-model' }, position: { x: 1080, y: 360 } } as (typeof doc.nodes)[number]);
  doc.edges.push({ id: 'trainer.trained--export.trained', source: 'trainer', sourcePort: 'trained', target: 'export', targetPort: 'trained' });
  for (const n of doc.nodes) {
    if (n.id === 'source') n.params = { ...n.params, dataset: `upload:${source}`, options: {} };
    if (n.id === 'target') n.params = { ...n.params, dataset: `upload:${target}`, options: {} };
    if (n.id === 'trainer') n.params = { ...n.params, epochs: 100 };
  }
  graphId = (await trpc<{ id: string }>(request, 'graphs.save', { document: doc })).id;
  shareUrl = `/share/${(await trpc<{ token: string }>(request, 'graphs.share', { id: graphId })).token}`;
  await page.goto(`/editor?graph=${graphId}`);
  await expect(page.getByTestId('status-valid')).toBeVisible();
  await page.getByRole('button', { name: 'Run in this browser' }).click();
  const view = page.getByTestId('browser-run-view');
  await view.getByTestId('browser-backend').selectOption('wasm');
  await expect(view.getByTestId('run-status')).toHaveText('succeeded', { timeout: 540_000 });
  const file = await exported(page);
  const started = file.events.find((e) => e.type === 'started') as Extract<RunEvent, { type: 'started' }>;
  // The uploads as stored, read with their stored options: 120 source rows (id ignored, 2 features), 160 target rows.
  expect(started.domains.map((d) => [d.samples, d.width])).toEqual([[120, 2], [160, 2]]);
  editorResult = finalOf(file);
  expect(editorResult.backend).toBe('browser-wasm');
  expect(editorResult.models.method.splits.test!.accuracy.mean).toBeGreaterThan(0.6);
  await shot(page, 'browser-run-upload-editor');
  const zipDownload = page.waitForEvent('download');
  await view.getByTestId('browser-run-model-download').click();
  const zip = unzipSync(new Uint8Array(await readFile((await (await zipDownload).path())!)));
  expect(Object.keys(zip).sort()).toEqual(['csv-model/model.json', 'csv-model/preprocessing.json', 'csv-model/weights.bin']);
  const modelJson = JSON.parse(new TextDecoder().decode(zip['csv-model/model.json'])) as { userDefinedMetadata: { classes: number }; weightsManifest: { weights: { shape: number[] }[] }[] };
  expect(modelJson.userDefinedMetadata.classes).toBe(2);
  // 2 inputs → 32 → 32 → 2 classes: (2·32 + 32) + (32·32 + 32) + (32·2 + 2) float32 weights.
  expect(zip['csv-model/weights.bin']!.byteLength).toBe(4 * (2 * 32 + 32 + 32 * 32 + 32 + 32 * 2 + 2));
  // Kept in this browser: its page survives a reload and the runs page lists it.
  await view.getByTestId('browser-run-local-link').click();
  await page.waitForURL(/\/runs\/local\/[0-9a-f-]{36}$/);
  await page.reload();
  await expect(page.getByTestId('local-run-page')).toContainText('DDC on my CSVs');
  await expect(page.getByTestId('run-status')).toHaveText('succeeded');
  await expect(page.getByTestId('browser-run-backend')).toHaveText('browser-wasm');
  await expect(page.getByTestId('gain-big')).toBeVisible();
  await shot(page, 'browser-run-local-page');
  await page.goto('/runs');
  await expect(page.getByTestId('local-run-list')).toContainText('DDC on my CSVs');
});

test('a token-less visitor of the share link picks the files: a bad cell names the domain and line; the right files give the same run', async ({ browser }) => {
  test.setTimeout(600_000);
  const ctx = await browser.newContext({ baseURL: `http://127.0.0.1:${process.env.E2E_PORT}`, extraHTTPHeaders: {}, acceptDownloads: true });
  const page = await ctx.newPage();
  const uploadReads: string[] = [];
  page.on('request', (r) => (r.url().includes('/api/uploads') ? uploadReads.push(r.url()) : undefined));
  await page.goto(shareUrl);
  await expect(page.getByTestId('read-only-note')).toBeVisible();
  const pickAndRun = async (target: string) => {
    await page.getByRole('button', { name: 'Run in this browser' }).click();
    await expect(page.getByTestId('browser-upload-picker')).toContainText('semicolon delimiter, label shape, ignoring id');
    await page.getByTestId('browser-upload-file-source').setInputFiles({ name: 'my-source.csv', mimeType: 'text/csv', buffer: Buffer.from(sourceCsv) });
    await page.getByTestId('browser-upload-file-target').setInputFiles({ name: 'my-target.csv', mimeType: 'text/csv', buffer: Buffer.from(target) });
    await page.getByRole('button', { name: 'Run with these files' }).click();
    await page.getByTestId('browser-backend').selectOption('wasm');
  };
  await pickAndRun(targetCsv.replace(/\n[^,\n]+,/, '\noops,'));
  await expect(page.getByTestId('browser-run-error')).toContainText(/Domain "moons rotated 30°": my-target\.csv, line 2, column 1 \(x1\): "oops" is not a number/, { timeout: 120_000 });
  await shot(page, 'browser-run-upload-bad-file');
  await page.getByRole('button', { name: 'Close' }).click();
  await pickAndRun(targetCsv);
  await expect(page.getByTestId('run-status')).toHaveText('succeeded', { timeout: 540_000 });
  await expect(page.getByRole('button', { name: 'Save to server' })).toHaveCount(0);
  const mine = finalOf(await exported(page));
  // The same plan, seed, rows and options on the same backend: the same accuracies as the owner's run.
  expect(mine.models.method.splits.test!.accuracy.perSeed).toEqual(editorResult.models.method.splits.test!.accuracy.perSeed);
  expect(uploadReads).toEqual([]);
  await shot(page, 'browser-run-upload-share');
  await page.getByTestId('browser-run-local-link').click();
  await page.waitForURL(/\/runs\/local\//);
  await page.reload();
  await expect(page.getByTestId('run-status')).toHaveText('succeeded');
  await ctx.close();
});
