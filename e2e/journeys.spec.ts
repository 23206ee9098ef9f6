import { expect, test } from '@playwright/test';
import { readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { node, openTemplate, shot } from './helpers';

test('gallery → DANN template validates, shows shapes and its objective', async ({ page }) => {
  await page.goto('/templates');
  await expect(page.getByRole('heading', { name: 'Method templates' })).toBeVisible();
  // The first request opens the throwaway database (migrations), hence the longer wait.
  await expect(page.getByTestId('template-dann')).toBeVisible({ timeout: 45_000 });
  await expect(page.locator('[data-testid^="template-"]')).toHaveCount(13);
  await shot(page, 'gallery');
  await page.getByTestId('template-dann').getByRole('link', { name: /open/i }).click();
  await expect(page.getByTestId('status-valid')).toBeVisible();
  await expect(page.locator('.react-flow__node')).toHaveCount(7);
  await expect(page.getByTestId('node-error-badge')).toHaveCount(0);
  // Shapes propagated from the data set: two-moons is 2-D, the extractor outputs its last hidden width.
  await expect(node(page, 'source').getByTestId('node-shape')).toContainText('width 2');
  await expect(node(page, 'extractor').getByTestId('node-shape')).toContainText('width 32');
  await expect(page.getByTestId('objective')).toContainText('λ');
  await shot(page, 'editor-dann');
});

test('breaking a connection and an out-of-bounds param put the error on the node', async ({ page }) => {
  await openTemplate(page, 'dann');
  // Remove the model → trainer edge: the trainer now misses its required input.
  await page.getByTestId('rf__edge-head.model--trainer.model').click();
  await page.keyboard.press('Delete');
  await expect(page.getByTestId('rf__edge-head.model--trainer.model')).toHaveCount(0);
  await expect(node(page, 'trainer').getByTestId('node-error-badge')).toBeVisible();
  await expect(node(page, 'trainer').getByTestId('node-errors')).toContainText(/model/i);
  await expect(page.getByTestId('status-errors')).toBeVisible();
  // Undo restores the edge and the graph is valid again.
  await page.keyboard.press('Control+z');
  await expect(page.getByTestId('rf__edge-head.model--trainer.model')).toHaveCount(1);
  await expect(page.getByTestId('status-valid')).toBeVisible();

  // λ_max is bounded to [0, 100]: the form says so at once, the server's message lands on the node.
  await node(page, 'dann').click();
  const field = page.getByLabel('Lambda max');
  await field.fill('1000');
  await expect(page.getByTestId('field-error-lambdaMax')).toHaveText('Must be at most 100.');
  await expect(node(page, 'dann').getByTestId('node-errors')).toContainText('lambdaMax');
  await expect(page.getByRole('button', { name: '▶ Run', exact: true })).toBeDisabled();
  await shot(page, 'editor-errors');
  await field.fill('0.5');
  await expect(page.getByTestId('status-valid')).toBeVisible();
  await expect(node(page, 'dann').getByTestId('node-error-badge')).toHaveCount(0);
});

test('connections between different port types are refused', async ({ page }) => {
  await openTemplate(page, 'dann');
  // Drag from the source domain's output (domain) to the trainer's model input (model).
  const from = node(page, 'source').locator('.react-flow__handle.source');
  const to = node(page, 'trainer').locator('.react-flow__handle[data-handleid="model"]');
  const edges = await page.locator('.react-flow__edge').count();
  await from.dragTo(to);
  await expect(page.locator('.react-flow__edge')).toHaveCount(edges);
});

test('search palette adds a node; copy, paste and undo', async ({ page }) => {
  await openTemplate(page, 'dann');
  await page.locator('.react-flow__pane').click({ position: { x: 50, y: 50 } });
  await page.keyboard.press('/');
  const search = page.getByRole('searchbox', { name: 'Search nodes' });
  await expect(search).toBeFocused();
  await search.fill('maximum mean');
  await shot(page, 'palette');
  await search.press('Enter');
  await expect(page.locator('[data-node-type="mmdAdaptation"]')).toHaveCount(1);
  // The new node is selected: its form and docs are in the side panel.
  await expect(page.getByTestId('inspector')).toContainText('MMD');
  await expect(page.getByTestId('inspector')).toContainText('When it hurts');
  await page.keyboard.press('Control+c');
  await page.keyboard.press('Control+v');
  await expect(page.locator('[data-node-type="mmdAdaptation"]')).toHaveCount(2);
  await page.keyboard.press('Control+z');
  await page.keyboard.press('Control+z');
  await expect(page.locator('[data-node-type="mmdAdaptation"]')).toHaveCount(0);
  await page.keyboard.press('Control+Shift+z');
  await expect(page.locator('[data-node-type="mmdAdaptation"]')).toHaveCount(1);
  // A new graph survives a reload (kept as a draft in the browser).
  await page.goto('/editor');
  await page.locator('.react-flow__pane').click({ position: { x: 50, y: 50 } });
  await page.keyboard.press('Control+k');
  await search.fill('target domain');
  await search.press('Enter');
  await expect(page.locator('[data-node-type="targetDomain"]')).toHaveCount(1);
  await page.waitForTimeout(600);
  await page.reload();
  await expect(page.locator('[data-node-type="targetDomain"]')).toHaveCount(1);
  // Ctrl+K opens the palette too.
  await page.locator('.react-flow__pane').click({ position: { x: 50, y: 50 } });
  await page.keyboard.press('Control+k');
  await expect(search).toBeVisible();
  await search.press('Escape');
  await expect(search).toHaveCount(0);
});

test('export to a file and import it back; a broken file is refused with its reason', async ({ page }) => {
  await openTemplate(page, 'ddc');
  await page.getByLabel('Graph name').fill('Round trip graph');
  const download = page.waitForEvent('download');
  await page.getByRole('button', { name: 'Export' }).click();
  const file = await download;
  expect(file.suggestedFilename()).toBe('round-trip-graph.stepstone.json');
  const path = join(tmpdir(), `e2e-${Date.now()}.json`);
  await file.saveAs(path);
  const exported = JSON.parse(await readFile(path, 'utf8')) as { name: string; nodes: unknown[]; format: string };
  expect(exported).toMatchObject({ format: 'stepstone.graph', name: 'Round trip graph' });

  await page.goto('/editor');
  await page.getByTestId('import-file').setInputFiles(path);
  await expect(page.getByTestId('notice-ok')).toContainText('Round trip graph');
  await page.getByRole('button', { name: 'Close' }).click();
  await expect(page.getByLabel('Graph name')).toHaveValue('Round trip graph');
  await expect(page.locator('.react-flow__node')).toHaveCount(exported.nodes.length);
  await expect(page.getByTestId('status-valid')).toBeVisible();

  const broken = join(tmpdir(), `e2e-broken-${Date.now()}.json`);
  await writeFile(broken, '{"format": "stepstone.graph", "version": 1, "name": ');
  // Importing over a graph asks first: declining keeps the canvas as it is.
  await page.getByLabel('Graph name').fill('Edited on the canvas');
  const asked = page.waitForEvent('dialog');
  page.once('dialog', (d) => void d.dismiss());
  await page.getByTestId('import-file').setInputFiles(path);
  expect((await asked).message()).toMatch(/^Replace the graph on the canvas/);
  await page.waitForTimeout(300);
  await expect(page.getByLabel('Graph name')).toHaveValue('Edited on the canvas');
  page.once('dialog', (d) => void d.accept());
  await page.getByTestId('import-file').setInputFiles(broken);
  await expect(page.getByTestId('notice-error')).toBeVisible();
  await shot(page, 'import-error');
  await page.getByRole('button', { name: 'Close' }).click();
  // Nothing was lost.
  await expect(page.getByLabel('Graph name')).toHaveValue('Edited on the canvas');
});

test('save and share: the link opens a read-only view, without the access token', async ({ page, browser }) => {
  await openTemplate(page, 'dan');
  await page.getByRole('button', { name: 'Share' }).click();
  await expect(page.getByTestId('share-url')).toHaveValue(/\/share\//);
  const url = await page.getByTestId('share-url').inputValue();
  expect(url).toMatch(/\/share\/[A-Za-z0-9_-]+$/);

  // A visitor without the token: the share page works, the rest of the app does not.
  const origin = new URL(url).origin;
  // Playwright applies the config's options to new contexts too: drop the token header explicitly.
  const anon = await browser.newContext({ viewport: { width: 1440, height: 900 }, extraHTTPHeaders: {} });
  const visitor = await anon.newPage();
  expect((await visitor.goto(`${origin}/templates`))?.status()).toBe(401);
  await visitor.goto(url);
  await expect(visitor.getByTestId('read-only-note')).toBeVisible();
  await expect(visitor.locator('.react-flow__node')).toHaveCount(7);
  await expect(visitor.getByRole('button', { name: /add node/i })).toHaveCount(0);
  await expect(visitor.getByRole('button', { name: '▶ Run', exact: true })).toHaveCount(0);
  await expect(visitor.getByLabel('Graph name')).toHaveAttribute('readonly', '');
  // Keyboard edits do nothing.
  await visitor.getByTestId('node-mmd').click();
  await visitor.keyboard.press('Delete');
  await expect(visitor.locator('.react-flow__node')).toHaveCount(7);
  await expect(visitor.getByTestId('inspector').locator('fieldset input').first()).toBeDisabled();
  await shot(visitor, 'share-view');
  // Writes are refused by the server, not just hidden by the page.
  const save = await visitor.request.post(`${origin}/api/trpc/graphs.save`, { data: { document: {} } });
  expect(save.status()).toBe(401);
  await anon.close();
});

test('save keeps versions: history lists them and opens an older one', async ({ page }) => {
  await openTemplate(page, 'ddc');
  await page.getByLabel('Graph name').fill('Versioned graph');
  await page.getByRole('button', { name: 'Save', exact: true }).click();
  await expect(page.getByTestId('notice-ok')).toContainText('version 1');
  await page.getByRole('button', { name: 'Close' }).click();
  await expect(page).toHaveURL(/\?graph=/);
  // Second version with a renamed node.
  await node(page, 'mmd').click();
  await page.getByLabel('Label').fill('MMD on features');
  await page.getByLabel('Label').press('Enter');
  await expect(node(page, 'mmd')).toContainText('MMD on features');
  await page.getByRole('button', { name: 'Save', exact: true }).click();
  await expect(page.getByTestId('notice-ok')).toContainText('version 2');
  await page.getByRole('button', { name: 'Close' }).click();
  await page.getByRole('button', { name: 'History' }).click();
  const versions = page.getByRole('dialog', { name: 'Versions' });
  await expect(versions.getByRole('row')).toHaveCount(2);
  await shot(page, 'history');
  await versions.getByRole('row', { name: /v1/ }).getByRole('link', { name: 'Open' }).click();
  await expect(page).toHaveURL(/version=1/);
  await expect(node(page, 'mmd')).not.toContainText('MMD on features');
  await page.goto('/graphs');
  await expect(page.getByRole('link', { name: 'Versioned graph' })).toBeVisible();
  await shot(page, 'saved-graphs');
});
