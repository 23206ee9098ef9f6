import { readFile } from 'node:fs/promises';
import { expect, test, type Page } from '@playwright/test';
import { node, openTemplate, shot } from './helpers';

// Your own data: an unlabelled target CSV and a labelled source CSV through the upload dialog (preview, options,
// keep), the uploads page, the domain cards, a DANN run between them and its predictions as CSV.

/** Two moons-like points: the source labelled by name, the target rotated, with an id column and no label. */
function moons(n: number, angle: number, seed: number): number[][] {
  let s = seed;
  const rnd = () => ((s = (s * 16807) % 2147483647) / 2147483647);
  return Array.from({ length: n }, (_, i) => {
    const c = i % 2;
    const t = Math.PI * rnd();
    const [x, y] = c === 0 ? [Math.cos(t), Math.sin(t)] : [1 - Math.cos(t), 0.5 - Math.sin(t)];
    const [px, py] = [x + 0.1 * (rnd() - 0.5), y + 0.1 * (rnd() - 0.5)];
    const a = (angle * Math.PI) / 180;
    return [c, px * Math.cos(a) - py * Math.sin(a), px * Math.sin(a) + py * Math.cos(a)];
  });
}
const source = `x1,x2,shape\n${moons(240, 0, 7).map(([c, x, y]) => `${(x! * 10).toFixed(3)},${(y! * 10).toFixed(3)},${c ? 'outer' : 'inner'}`).join('\n')}\n`;
const target = `id,x1,x2\n${moons(160, 25, 11).map(([, x, y], i) => `t${i},${(x! * 10).toFixed(3)},${(y! * 10).toFixed(3)}`).join('\n')}\n`;

async function upload(page: Page, name: string, text: string, setOptions?: () => Promise<void>) {
  await page.goto('/uploads');
  await page.getByRole('button', { name: 'Upload…' }).click();
  await page.getByTestId('upload-dialog-file').setInputFiles({ name, mimeType: 'text/csv', buffer: Buffer.from(text) });
  if (setOptions) await setOptions();
  await expect(page.getByTestId('upload-preview')).toBeVisible();
}

test('upload an unlabelled target and a labelled source, preview them, run DANN, download the predictions', async ({ page }) => {
  test.setTimeout(400_000);
  await upload(page, 'target.csv', target, async () => {
    // With the defaults the id column is read as a feature: refused with its line and column, saying how to fix it.
    await expect(page.getByTestId('upload-dialog-error')).toContainText(/line 2, column 1 \(id\): "t0" is not a number.*ignore it/);
    await page.locator('#upload-ignore').fill('id');
    await page.locator('#upload-ignore').press('Enter');
    // Then the last column (x2) is taken as the label: refused, pointing at "none".
    await expect(page.getByTestId('upload-dialog-error')).toContainText(/"none" for a table without labels/);
    await page.locator('#upload-label').selectOption('none');
  });
  await expect(page.getByTestId('preview-summary')).toContainText('160 rows · 2 features · no labels');
  await expect(page.getByTestId('preview-columns')).toContainText('ignored');
  await expect(page.getByTestId('scatter-thumb').first()).toBeVisible();
  await shot(page, 'upload-preview-unlabelled');
  await page.getByRole('button', { name: 'Keep upload' }).click();
  const newest = () => page.getByRole('textbox', { name: 'Upload name' }).first();
  await expect(newest()).toHaveValue('target');
  await expect(page.getByTestId('upload-list')).toContainText('unlabelled');

  await upload(page, 'source.csv', source);
  await expect(page.getByTestId('preview-summary')).toContainText('classes 0 = inner, 1 = outer');
  await expect(page.getByTestId('class-histogram')).toContainText('outer');
  await shot(page, 'upload-preview-labelled');
  await page.getByRole('button', { name: 'Keep upload' }).click();
  await expect(newest()).toHaveValue('source');
  await expect(page.getByTestId('upload-list')).toContainText('inner, outer');
  await shot(page, 'uploads-page');

  await openTemplate(page, 'dann');
  for (const [id, name] of [['source', 'source'], ['target', 'target']] as const) {
    await node(page, id).click();
    await page.locator('#f-dataset').selectOption({ label: name });
    await expect(node(page, id)).toContainText(name);
    await expect(node(page, id).getByTestId('node-thumbnail')).toBeVisible();
  }
  await node(page, 'trainer').click();
  await page.getByLabel('Epochs').fill('60');
  await expect(page.getByTestId('status-valid')).toBeVisible();
  // The taller cards (thumbnails) made room: no two cards intersect.
  const boxes = await page.locator('.react-flow__node-step').evaluateAll((all) => all.map((n) => n.getBoundingClientRect()).map((r) => ({ x: r.x, y: r.y, w: r.width, h: r.height })));
  expect(boxes.some((a, i) => boxes.some((b, j) => j > i && a.x < b.x + b.w && b.x < a.x + a.w && a.y < b.y + b.h && b.y < a.y + a.h))).toBe(false);
  await shot(page, 'editor-uploaded-domains');
  await page.getByRole('button', { name: '▶ Run', exact: true }).click();
  // The target has no labels: no accuracy to score, so the run ends without a gain — but with predictions.
  await expect(page.getByTestId('run-status')).toHaveText('succeeded', { timeout: 300_000 });
  await expect(page.getByTestId('run-data-target')).toHaveText('target');
  await expect(page.getByTestId('method-test-accuracy')).toHaveText('— (unlabelled target)');
  await expect(page.getByTestId('no-gain')).toContainText('an unlabelled target');
  await expect(page.getByTestId('predictions-card')).toContainText('160 target rows');
  const download = page.waitForEvent('download');
  await page.getByRole('button', { name: 'Download predictions (CSV)' }).click();
  const csv = await readFile((await (await download).path())!, 'utf8');
  expect(csv.split('\n')[0]).toBe('row,split,predicted,p(inner),p(outer)');
  expect(csv.trim().split('\n')).toHaveLength(161);
  await shot(page, 'run-predictions');
});
