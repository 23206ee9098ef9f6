import { expect, test } from '@playwright/test';
import { centre, node, openTemplate, shot } from './helpers';

// The editor on small screens, connection feedback, focus, the home page and the colour theme.

test('at 1024 px Run stays in view and clickable; secondary actions are in a More menu; the side panel collapses', async ({ page }) => {
  await page.setViewportSize({ width: 1024, height: 768 });
  await openTemplate(page, 'dann');
  const run = page.getByRole('button', { name: '▶ Run', exact: true });
  await expect(run).toBeInViewport({ ratio: 1 });
  await expect(run).toBeEnabled();
  await run.click({ trial: true });
  // Nothing is pushed off-screen: the page does not scroll sideways.
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(1024);
  await page.getByRole('button', { name: /more/i }).click();
  for (const name of ['Share', 'Publish', 'Export', 'Import', 'History']) await expect(page.getByRole('button', { name, exact: true })).toBeInViewport();
  await shot(page, 'editor-1024-more-menu');
  await page.keyboard.press('Escape');
  await expect(page.getByRole('button', { name: 'Publish', exact: true })).toHaveCount(0);
  // The side panel folds away and comes back.
  const panel = page.getByRole('complementary', { name: 'Side panel' });
  await expect(panel).toBeVisible();
  await page.getByRole('button', { name: 'Side panel' }).click();
  await expect(panel).toHaveCount(0);
  await page.getByRole('button', { name: 'Side panel' }).click();
  await node(page, 'dann').click();
  await expect(page.getByTestId('inspector')).toBeInViewport();
  await shot(page, 'editor-1024');
  const oneRow = async () => ((await page.getByRole('toolbar', { name: 'Editor' }).boundingBox())?.height ?? 999) < 60;
  expect(await oneRow()).toBe(true);
  for (const width of [1280, 1440]) {
    await page.setViewportSize({ width, height: 860 });
    await expect(run).toBeInViewport({ ratio: 1 });
    expect(await oneRow()).toBe(true);
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(width);
    await shot(page, `editor-${width}`);
  }
  await expect(page.getByRole('button', { name: 'Share', exact: true })).toBeVisible();
});

test('dragging a wire lights up the ports that fit; a refused drop says why, next to the pointer and to screen readers', async ({ page }) => {
  await openTemplate(page, 'dann');
  const from = await centre(page, node(page, 'source').locator('.react-flow__handle.source'));
  const modelIn = node(page, 'trainer').locator('.react-flow__handle[data-handleid="model"]');
  const to = await centre(page, modelIn);
  const edges = await page.locator('.react-flow__edge').count();
  await page.mouse.move(from.x, from.y);
  await page.mouse.down();
  await page.mouse.move(from.x + 40, from.y + 20, { steps: 4 });
  await page.mouse.move(to.x, to.y, { steps: 8 });
  // While dragging: the extractor's domain input fits, the trainer's model input does not.
  await expect(node(page, 'extractor').locator('.sn-port.in.hint-compatible')).toHaveCount(1);
  await expect(node(page, 'trainer').locator('.sn-port.in.hint-incompatible')).not.toHaveCount(0);
  await shot(page, 'wire-hints');
  await page.mouse.up();
  const refusal = page.getByTestId('connection-refusal');
  await expect(refusal).toBeVisible();
  await expect(refusal).toContainText(/Cannot connect domain output .* to model input/);
  await expect(page.getByTestId('connection-announcer')).toContainText('Connection refused');
  // Shown where the wire was released.
  const box = (await refusal.boundingBox())!;
  expect(Math.abs(box.x - to.x)).toBeLessThan(60);
  expect(Math.abs(box.y - to.y)).toBeLessThan(60);
  await shot(page, 'wire-refused');
  await expect(page.locator('.react-flow__edge')).toHaveCount(edges);
  await expect(page.locator('.sn-port.hint-incompatible')).toHaveCount(0);
});

test('keyboard focus on a node and on buttons shows a clear ring', async ({ page }) => {
  await openTemplate(page, 'dann');
  await page.keyboard.press('Shift');
  await page.locator('.react-flow__node').first().focus();
  const card = page.locator('.react-flow__node:focus-visible > .sn');
  await expect(card).toHaveCount(1);
  await expect(card).toHaveCSS('outline-style', 'solid');
  await expect(card).toHaveCSS('outline-width', '3px');
  await page.getByRole('button', { name: 'Save', exact: true }).focus();
  await expect(page.getByRole('button', { name: 'Save', exact: true })).toHaveCSS('outline-width', '3px');
  await shot(page, 'focus-ring');
});

test('home page: what it does, templates, recent graphs and runs; no red errors until the canvas has a node', async ({ page }) => {
  await page.goto('/');
  await expect(page.getByRole('heading', { name: 'Stepstone' })).toBeVisible({ timeout: 45_000 });
  await expect(page.getByText(/transfer-learning pipeline/)).toBeVisible();
  await expect(page.getByRole('link', { name: /Open template DANN/ })).toBeVisible();
  await expect(page.getByRole('heading', { name: 'Recent graphs' })).toBeVisible();
  await expect(page.getByRole('heading', { name: 'Recent runs' })).toBeVisible();
  await shot(page, 'home');
  await page.getByRole('link', { name: 'New graph' }).click();
  await expect(page).toHaveURL(/\/editor$/);
  await expect(page.getByTestId('status-empty')).toBeVisible();
  await expect(page.getByRole('link', { name: 'open a template' })).toBeVisible();
  await page.waitForTimeout(800);
  await expect(page.getByTestId('status-errors')).toHaveCount(0);
  await expect(page.getByTestId('issue-list')).toHaveCount(0);
  await shot(page, 'editor-empty');
  // Problems appear once there is something to check.
  await page.keyboard.press('/');
  await page.getByRole('searchbox', { name: 'Search nodes' }).fill('trainer');
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('status-errors')).toBeVisible();
  // Old links still open the editor.
  await page.goto('/?template=ddc');
  await expect(page).toHaveURL(/\/editor\?template=ddc/);
  await expect(page.getByTestId('status-valid')).toBeVisible();
});

test('dark mode follows the system setting, and the toggle overrides it', async ({ page }) => {
  await page.emulateMedia({ colorScheme: 'dark' });
  await page.goto('/templates');
  const bg = () => page.evaluate(() => getComputedStyle(document.body).backgroundColor);
  await expect.poll(bg).toBe('rgb(15, 20, 27)');
  await openTemplate(page, 'dann');
  await expect(page.locator('.react-flow')).toHaveClass(/dark/);
  await shot(page, 'editor-dark');
  await page.emulateMedia({ colorScheme: 'light' });
  await expect.poll(bg).toBe('rgb(246, 247, 249)');
  // System → light → dark: the choice wins over the system and survives a reload.
  await page.getByRole('button', { name: /^Theme:/ }).click();
  await page.getByRole('button', { name: /^Theme:/ }).click();
  await expect.poll(bg).toBe('rgb(15, 20, 27)');
  await page.reload();
  await expect.poll(bg).toBe('rgb(15, 20, 27)');
});

test('ports connect from the keyboard: Enter on an output, then Enter on an input; a refusal says why', async ({ page }) => {
  await openTemplate(page, 'dann');
  await page.getByTestId('rf__edge-head.model--trainer.model').click();
  await page.keyboard.press('Delete');
  await expect(page.getByTestId('rf__edge-head.model--trainer.model')).toHaveCount(0);
  await expect(page.getByTestId('status-errors')).toBeVisible();
  // A wrong pair first: the source's domain output to the trainer's model input.
  await node(page, 'source').getByRole('button', { name: 'Connect output Data of source' }).focus();
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('editor-announcer')).toContainText('chosen');
  await node(page, 'trainer').getByRole('button', { name: 'Connect input Model of trainer' }).focus();
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('connection-refusal')).toContainText('Cannot connect domain output');
  // The right pair.
  const out = node(page, 'head').getByRole('button', { name: 'Connect output Model of head' });
  await out.focus();
  await page.keyboard.press('Enter');
  await expect(out).toHaveAttribute('aria-pressed', 'true');
  await shot(page, 'keyboard-connect-armed');
  await node(page, 'trainer').getByRole('button', { name: 'Connect input Model of trainer' }).focus();
  await page.keyboard.press('Enter');
  await expect(page.locator('.react-flow__edge')).toHaveCount(7);
  await expect(page.getByTestId('editor-announcer')).toContainText('Connected head.model to trainer.model');
  await expect(page.getByTestId('status-valid')).toBeVisible();
});
