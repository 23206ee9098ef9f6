import { expect, test, type Page } from '@playwright/test';
import { readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** Screenshots for a human to look at (layout, spacing, colours); not compared by the tests. */
async function shot(page: Page, name: string): Promise<void> {
  await page.screenshot({ path: join('test-results', 'screens', `${name}.png`) });
}

async function openTemplate(page: Page, id: string): Promise<void> {
  await page.goto('/templates');
  await page.getByTestId(`template-${id}`).getByRole('link', { name: /open/i }).click();
  await expect(page.getByTestId('graph-editor')).toBeVisible();
  await expect(page.getByTestId('status-valid')).toBeVisible();
}

const node = (page: Page, id: string) => page.getByTestId(`node-${id}`);

test('gallery → DANN template validates, shows shapes and its objective', async ({ page }) => {
  await page.goto('/templates');
  await expect(page.getByRole('heading', { name: 'Method templates' })).toBeVisible();
  // The first request opens the throwaway database (migrations), hence the longer wait.
  await expect(page.getByTestId('template-dann')).toBeVisible({ timeout: 45_000 });
  await expect(page.locator('[data-testid^="template-"]')).toHaveCount(10);
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
  await expect(page.getByRole('button', { name: /run/i })).toBeDisabled();
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
  await page.goto('/');
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

  await page.goto('/');
  await page.getByTestId('import-file').setInputFiles(path);
  await expect(page.getByTestId('notice-ok')).toContainText('Round trip graph');
  await page.getByRole('button', { name: 'Close' }).click();
  await expect(page.getByLabel('Graph name')).toHaveValue('Round trip graph');
  await expect(page.locator('.react-flow__node')).toHaveCount(exported.nodes.length);
  await expect(page.getByTestId('status-valid')).toBeVisible();

  const broken = join(tmpdir(), `e2e-broken-${Date.now()}.json`);
  await writeFile(broken, '{"format": "stepstone.graph", "version": 1, "name": ');
  await page.getByTestId('import-file').setInputFiles(broken);
  await expect(page.getByTestId('notice-error')).toBeVisible();
  await shot(page, 'import-error');
  await page.getByRole('button', { name: 'Close' }).click();
  // Nothing was lost.
  await expect(page.getByLabel('Graph name')).toHaveValue('Round trip graph');
});

test('bring your own data: upload a CSV as the source domain; a bad CSV names its line', async ({ page }) => {
  await openTemplate(page, 'dann');
  await node(page, 'source').click();
  const rows = ['x1,x2,label'];
  for (let i = 0; i < 80; i++) {
    const t = (i / 80) * Math.PI;
    rows.push(i % 2 ? `${(Math.cos(t)).toFixed(3)},${(Math.sin(t)).toFixed(3)},0` : `${(1 - Math.cos(t)).toFixed(3)},${(0.5 - Math.sin(t)).toFixed(3)},1`);
  }
  const good = join(tmpdir(), `e2e-moons-${Date.now()}.csv`);
  await writeFile(good, `${rows.join('\n')}\n`);
  await page.getByTestId('upload-file').setInputFiles(good);
  await expect(page.getByText(/Uploaded “e2e-moons-/)).toBeVisible();
  await expect(page.getByLabel('Data set')).toHaveValue(/^upload:/);
  await expect(page.getByTestId('status-valid')).toBeVisible();
  await expect(node(page, 'source').getByTestId('node-shape')).toContainText('width 2');

  const bad = join(tmpdir(), `e2e-bad-${Date.now()}.csv`);
  await writeFile(bad, 'x1,x2,label\n0.1,0.2,1\n0.3,oops,0\n');
  await page.getByTestId('upload-file').setInputFiles(bad);
  await expect(page.getByRole('alert').filter({ hasText: 'line 3' })).toBeVisible();
  await shot(page, 'upload-error');
});

test('save and share: the link opens a read-only view, without the access token', async ({ page, browser }) => {
  await openTemplate(page, 'dan');
  await page.getByRole('button', { name: 'Share' }).click();
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
  await expect(visitor.getByRole('button', { name: /run/i })).toHaveCount(0);
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

/** How each verdict reads; red (the danger colour) only for negative transfer. */
const verdictTitles: Record<string, RegExp> = {
  positive: /Positive transfer/,
  negative: /Negative transfer/,
  inconclusive: /Inconclusive: the interval straddles 0/,
  'single-seed': /One seed — no interval/,
};
const DANGER_RED = 'rgb(220, 38, 38)';

test('run a small template: verdict, gain interval, distances before/after, pictures; run again and compare', async ({ page }) => {
  test.setTimeout(300_000);
  await openTemplate(page, 'dann');
  // Few epochs keep the suite fast; the numbers are not the point here.
  await node(page, 'trainer').click();
  await page.getByLabel('Epochs').fill('15');
  await expect(page.getByTestId('status-valid')).toBeVisible();
  await page.getByRole('button', { name: /run/i }).click();
  await expect(page).toHaveURL(/\/runs\/[^/]+$/);
  await expect(page.getByTestId('run-view')).toBeVisible();
  await expect(page.getByTestId('final-result')).toBeVisible({ timeout: 240_000 });
  await expect(page.getByTestId('run-status')).toHaveText('succeeded');
  // Every model with its split named.
  await expect(page.getByTestId('result-table')).toContainText('Source only');
  await expect(page.getByTestId('result-table')).toContainText(/Accuracy — target test, \d+ seeds?/);
  await expect(page.getByTestId('result-backend')).toHaveText(/wasm|cpu|tensorflow/);

  // The server's verdict, shown as such: red only when it says negative.
  const verdict = page.getByTestId('verdict');
  await expect(verdict).toHaveAttribute('data-verdict', /^(positive|negative|inconclusive|single-seed)$/);
  const v = (await verdict.getAttribute('data-verdict'))!;
  await expect(verdict).toContainText(verdictTitles[v]!);
  if (v === 'negative') await expect(verdict).toHaveCSS('background-color', DANGER_RED);
  else await expect(verdict).not.toHaveCSS('background-color', DANGER_RED);
  // The gain with its interval over seeds (or the plain statement that one seed has none).
  await expect(page.getByTestId('gain-big')).toHaveText(/^[+−]\d+\.\d pts$/);
  const interval = page.getByTestId('gain-interval');
  if (v === 'single-seed') await expect(interval).toHaveText('one seed — no interval');
  else await expect(interval).toHaveText(/^95 % t-interval over \d+ seeds, paired by seed: [+−]\d+\.\d pts to [+−]\d+\.\d pts$/);
  await expect(page.getByTestId('gain-per-seed')).toContainText(/seed \d+ [+−]\d+\.\d pts/);
  await expect(page.getByTestId('advice').locator('li').first()).toBeVisible();
  await shot(page, 'run-final');

  // Distances of the adapted pair: inputs before training, then each model's features after.
  const distances = page.getByTestId('distances-before-after');
  await expect(distances).toContainText(/proxy A: inputs \d+\.\d+ → source-only features \d+\.\d+.* → method features \d+\.\d+/);
  await expect(distances).toContainText('Proxy A measured by');
  await distances.scrollIntoViewIfNeeded();
  await shot(page, 'run-distances');
  // Two-moons is 2-D: decision boundaries and feature projections of source-only and the method, side by side.
  for (const t of ['sourceOnly', 'method']) {
    await expect(page.getByTestId(`boundary-${t}`).locator('rect').first()).toBeAttached();
    await expect(page.getByTestId(`projection-${t}`).locator('.recharts-scatter').first()).toBeVisible();
  }
  await page.getByTestId('boundaries').scrollIntoViewIfNeeded();
  await shot(page, 'run-pictures');
  await page.getByTestId('curve-target-validation').scrollIntoViewIfNeeded();
  await shot(page, 'run-curves');
  await page.locator('.app-main').evaluate((el) => el.scrollTo(0, el.scrollHeight));
  await shot(page, 'run-final-bottom');

  // Back in the editor the edits are still there (kept for this tab); run again and compare.
  await page.goBack();
  await expect(page.getByTestId('status-valid')).toBeVisible();
  await expect(node(page, 'trainer')).toContainText('15');
  await page.getByRole('button', { name: /run/i }).click();
  await expect(page.getByTestId('final-result')).toBeVisible({ timeout: 240_000 });
  await page.goto('/runs');
  await expect(page.getByTestId('run-list')).toContainText('succeeded');
  await expect(page.getByTestId('list-gain').first()).toContainText(/[+−]\d+\.\d pts/);
  await expect(page.getByTestId('run-list').locator('[data-verdict]').first()).toBeVisible();
  for (const box of await page.getByRole('checkbox', { name: /compare run/i }).all()) await box.check();
  await expect(page.getByTestId('run-comparison')).toContainText('95 % interval of the gain');
  await expect(page.getByTestId('run-comparison')).toContainText('Verdict');
  await shot(page, 'run-list');
});

test('a long run streams its progress live and can be cancelled while it trains', async ({ page }) => {
  await openTemplate(page, 'dann');
  await node(page, 'trainer').click();
  await page.getByLabel('Epochs').fill('5000');
  await expect(page.getByTestId('status-valid')).toBeVisible();
  await page.getByRole('button', { name: /run/i }).click();
  await expect(page.getByTestId('run-status')).toHaveText('running', { timeout: 30_000 });
  // Epoch events arrive over the subscription: a stage with a progress bar and a drawn curve.
  await expect(page.getByTestId('run-progress')).toContainText(/stage 1/);
  await expect(page.getByTestId('models-done')).toContainText(/models done \d+/);
  await expect(page.locator('.recharts-line-curve').first()).toBeVisible();
  await shot(page, 'run-live');
  await page.getByRole('button', { name: 'Cancel run' }).click();
  await expect(page.getByTestId('run-status')).toHaveText('cancelled', { timeout: 30_000 });
  await expect(page.getByRole('button', { name: 'Retry' })).toBeVisible();
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
