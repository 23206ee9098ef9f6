import { zipSync } from 'fflate';
import sharp from 'sharp';
import { expect, test, type Locator } from '@playwright/test';
import { loadOptdigitsAll } from '../server/datasets/shipped/optdigits';
import { node, openTemplate, shot } from './helpers';

// Folders of images: a zip with one folder per class (the Keras / Teachable Machine convention) through the upload
// dialog — preview with its image grid and class histogram, another size, keep — then on a domain card as a thumbnail.

const CLASSES = { 0: 'zero', 1: 'one', 7: 'seven' } as Record<number, string>;

/** The shipped optdigits (8×8, 0–1) as PNG files, 8 per class, in digits/<class name>/<row>.png. */
async function digitsZip(): Promise<Buffer> {
  const d = await loadOptdigitsAll();
  const files: Record<string, Uint8Array> = {};
  const taken = new Map<number, number>();
  for (let i = 0; i < d.n; i++) {
    const c = d.y[i]!;
    if (!(c in CLASSES) || (taken.get(c) ?? 0) >= 8) continue;
    taken.set(c, (taken.get(c) ?? 0) + 1);
    const pixels = Buffer.from(Array.from(d.x.subarray(i * 64, (i + 1) * 64), (v) => Math.round(Math.min(1, v) * 255)));
    files[`digits/${CLASSES[c]}/${i}.png`] = await sharp(pixels, { raw: { width: 8, height: 8, channels: 1 } }).png().toBuffer();
  }
  return Buffer.from(zipSync(files));
}

/** How many canvases inside `root` have some non-black pixel (drawn images, not empty boxes). */
async function drawnCanvases(root: Locator): Promise<number> {
  return root.locator('canvas').evaluateAll((all) =>
    (all as HTMLCanvasElement[]).filter((c) => {
      const data = c.getContext('2d')!.getImageData(0, 0, c.width, c.height).data;
      return data.some((v, i) => i % 4 !== 3 && v > 0);
    }).length,
  );
}

/** Whether any two of the boxes intersect. */
function anyOverlap(boxes: ReadonlyArray<{ x: number; y: number; width: number; height: number }>): boolean {
  return boxes.some((a, i) => boxes.some((b, j) => j > i && a.x < b.x + b.width && b.x < a.x + a.width && a.y < b.y + b.height && b.y < a.y + a.height));
}

test('upload an image zip, see its grid and classes, keep it, and see it on a domain card', async ({ page }) => {
  test.setTimeout(180_000);
  await page.goto('/uploads');
  await page.getByRole('button', { name: 'Upload…' }).click();
  await page.getByTestId('upload-dialog-file').setInputFiles({ name: 'digits.zip', mimeType: 'application/zip', buffer: await digitsZip() });
  await expect(page.getByTestId('preview-summary')).toContainText('24 rows · 784 features · 24 labelled, classes 0 = one, 1 = seven, 2 = zero · images 28×28×1');
  // Another size: the file is read again at 16×16.
  await page.locator('#upload-image-size').fill('16');
  await page.locator('#upload-image-size').press('Enter');
  await expect(page.getByTestId('preview-summary')).toContainText('24 rows · 256 features · 24 labelled, classes 0 = one, 1 = seven, 2 = zero · images 16×16×1');
  const grid = page.getByTestId('image-grid');
  await expect(grid.locator('figure')).toHaveCount(12);
  for (const name of Object.values(CLASSES)) await expect(grid.locator('figcaption', { hasText: new RegExp(`^${name}$`) }).first()).toBeVisible();
  expect(await drawnCanvases(grid)).toBe(12);
  const histogram = page.getByTestId('class-histogram');
  for (const name of Object.values(CLASSES)) await expect(histogram).toContainText(name);
  await expect(histogram).toContainText('8');
  await shot(page, 'upload-preview-images');
  await page.getByRole('button', { name: 'Keep upload' }).click();
  await expect(page.getByRole('textbox', { name: 'Upload name' }).first()).toHaveValue('digits');
  const row = page.getByTestId('upload-list').locator('tr', { hasText: 'one, seven, zero' });
  await expect(row).toBeVisible();
  expect(await drawnCanvases(row.getByTestId('image-thumb'))).toBe(3);

  // On the DANN template's two domain cards: the upload's name and a 2 × 2 image thumbnail (one image per class).
  await openTemplate(page, 'dann');
  for (const id of ['source', 'target']) {
    await node(page, id).click();
    await page.locator('#f-dataset').selectOption({ label: 'digits' });
    await expect(node(page, id)).toContainText('digits');
    const thumb = node(page, id).getByTestId('node-thumbnail').getByTestId('image-thumb');
    await expect(thumb).toBeVisible();
    expect(await drawnCanvases(thumb)).toBe(3);
  }
  await expect(page.getByTestId('status-valid')).toBeVisible();
  const cards = () => page.locator('.react-flow__node-step').evaluateAll((all) => all.map((n) => n.getBoundingClientRect()).map((r) => ({ x: r.x, y: r.y, width: r.width, height: r.height })));
  // The cards grew by their thumbnails and made room below them: no two intersect ...
  expect(await cards()).toHaveLength(7);
  expect(anyOverlap(await cards())).toBe(false);
  // ... and auto-layout knows the taller cards too.
  await page.getByRole('button', { name: 'Auto-layout' }).click();
  await page.waitForTimeout(600);
  expect(anyOverlap(await cards())).toBe(false);
  await shot(page, 'editor-image-upload');
});
