import { expect, test, type Locator } from '@playwright/test';
import { centre, node, openTemplate, shot } from './helpers';

// Where new nodes land: the view centre without overlaps, pastes beside the originals, a wire dropped on
// empty canvas, a drag from the palette, and auto-layout of unwired nodes.

type Box = { x: number; y: number; width: number; height: number };
const overlap = (a: Box, b: Box) => a.x < b.x + b.width && b.x < a.x + a.width && a.y < b.y + b.height && b.y < a.y + a.height;
async function boxes(nodes: Locator): Promise<Box[]> {
  return Promise.all((await nodes.all()).map(async (n) => (await n.boundingBox())!));
}
function noneOverlap(bs: Box[]): boolean {
  return bs.every((a, i) => bs.every((b, j) => j <= i || !overlap(a, b)));
}

async function addByPalette(page: import('@playwright/test').Page, query: string) {
  await page.keyboard.press('/');
  await page.getByRole('searchbox', { name: 'Search nodes' }).fill(query);
  await page.keyboard.press('Enter');
}

test('a wire dropped on empty canvas opens the palette with the nodes that fit; the pick is placed there and connected', async ({ page }) => {
  await openTemplate(page, 'dann');
  const from = await centre(page, node(page, 'trainer').locator('.react-flow__handle.source'));
  const pane = (await page.locator('.react-flow__pane').boundingBox())!;
  const drop = { x: from.x + 160, y: pane.y + pane.height - 120 };
  await page.mouse.move(from.x, from.y);
  await page.mouse.down();
  await page.mouse.move(drop.x, drop.y, { steps: 10 });
  await page.mouse.up();
  const palette = page.getByRole('dialog', { name: 'Add a node' });
  await expect(palette).toContainText('trained model');
  const kinds = await palette.locator('[data-node-kind]').evaluateAll((els) => els.map((e) => e.getAttribute('data-node-kind')));
  expect(kinds).toContain('evaluate');
  expect(kinds).not.toContain('sourceDomain');
  await shot(page, 'drop-wire-palette');
  await page.getByRole('searchbox', { name: 'Search nodes' }).fill('evaluate');
  await page.keyboard.press('Enter');
  await expect(page.locator('[data-node-type="evaluate"]')).toHaveCount(2);
  await expect(page.locator('.react-flow__edge[data-testid="rf__edge-e1"]')).toHaveCount(1);
  const added = (await page.getByTestId('node-evaluate-1').boundingBox())!;
  // Placed where the wire was dropped (centred on it, give or take a free spot).
  expect(Math.abs(added.x + added.width / 2 - drop.x)).toBeLessThan(added.width);
  expect(Math.abs(added.y + added.height / 2 - drop.y)).toBeLessThan(added.height * 1.5);
  await shot(page, 'drop-wire-connected');
});

test('drag a node kind from the palette to a spot on the canvas', async ({ page }) => {
  await page.goto('/editor');
  await expect(page.getByTestId('status-empty')).toBeVisible({ timeout: 45_000 });
  await page.getByRole('button', { name: 'Add node' }).click();
  const target = page.locator('.react-flow__pane');
  const pane = (await target.boundingBox())!;
  // A pointer drag: the palette fades out of the way so the drop lands on the canvas.
  await page.getByRole('searchbox', { name: 'Search nodes' }).fill('maximum mean');
  const item = (await page.locator('[data-node-kind="mmdAdaptation"]').boundingBox())!;
  await page.mouse.move(item.x + 40, item.y + item.height / 2);
  await page.mouse.down();
  await page.mouse.move(pane.x + 150, pane.y + pane.height - 170, { steps: 6 });
  await page.mouse.move(pane.x + 200, pane.y + pane.height - 150, { steps: 6 });
  await page.mouse.up();
  await expect(page.locator('[data-node-type="mmdAdaptation"]')).toHaveCount(1);
  const b = (await page.locator('[data-node-type="mmdAdaptation"]').boundingBox())!;
  expect(Math.abs(b.x + b.width / 2 - (pane.x + 200))).toBeLessThan(b.width);
  expect(Math.abs(b.y + b.height / 2 - (pane.y + pane.height - 150))).toBeLessThan(b.height * 1.5);
  await expect(page.getByRole('dialog', { name: 'Add a node' })).toHaveCount(0);
});

test('nodes added at the view centre do not overlap; a paste lands beside its original; auto-layout grids unwired nodes', async ({ page }) => {
  await page.goto('/editor');
  await expect(page.getByTestId('status-empty')).toBeVisible({ timeout: 45_000 });
  await page.locator('.react-flow__pane').click({ position: { x: 40, y: 40 } });
  for (const q of ['mmd', 'target domain', 'source domain', 'evaluate']) await addByPalette(page, q);
  const nodes = page.locator('.react-flow__node');
  await expect(nodes).toHaveCount(4);
  expect(noneOverlap(await boxes(nodes))).toBe(true);
  await node(page, 'mmdAdaptation-1').click();
  await page.keyboard.press('Control+c');
  await page.keyboard.press('Control+v');
  await expect(nodes).toHaveCount(5);
  expect(noneOverlap(await boxes(nodes))).toBe(true);
  await shot(page, 'placement-added');
  await page.getByRole('button', { name: 'Auto-layout' }).click();
  // The layout lands over a few frames: poll rather than sleep (a fixed wait failed under load).
  await expect.poll(async () => noneOverlap(await boxes(nodes))).toBe(true);
  const after = await boxes(nodes);
  // A grid: more than one column and more than one row.
  expect(new Set(after.map((b) => Math.round(b.x))).size).toBeGreaterThan(1);
  expect(new Set(after.map((b) => Math.round(b.y))).size).toBeGreaterThan(1);
  await shot(page, 'placement-grid');
});
