import { expect, test, type Browser } from '@playwright/test';
import { node, openTemplate, shot } from './helpers';

// Sharing without piling up versions, a token-less visitor's local copy, revoking, publishing, history.

/** A visitor without the access token (Playwright applies the config's header to new contexts: drop it). */
async function visitor(browser: Browser) {
  const ctx = await browser.newContext({ viewport: { width: 1280, height: 860 }, extraHTTPHeaders: {}, acceptDownloads: true });
  return { ctx, page: await ctx.newPage() };
}

test('share twice without changes reuses the version; a token-less visitor duplicates into a local draft; revoke ends the link', async ({ page, browser }) => {
  await openTemplate(page, 'dan');
  await page.getByRole('button', { name: 'Share', exact: true }).click();
  await expect(page.getByTestId('share-url')).toHaveValue(/\/share\//);
  const url = await page.getByTestId('share-url').inputValue();
  await page.getByRole('button', { name: 'Done' }).click();
  await page.getByRole('button', { name: 'Share', exact: true }).click();
  await expect(page.getByTestId('share-url')).toHaveValue(url);
  await shot(page, 'share-dialog');
  await page.getByRole('button', { name: 'Done' }).click();
  await page.getByRole('button', { name: 'History' }).click();
  await expect(page.getByRole('dialog', { name: 'Versions' }).getByRole('row')).toHaveCount(1);
  await page.keyboard.press('Escape');

  const v = await visitor(browser);
  await v.page.goto(url);
  await expect(v.page.getByTestId('read-only-note')).toContainText('version 1, pinned');
  await v.page.getByRole('button', { name: 'Duplicate' }).click();
  await expect(v.page.getByTestId('local-draft-note')).toBeVisible();
  await expect(v.page.getByLabel('Graph name')).toHaveValue(/^Copy of /);
  // The copy is editable: delete a node.
  await node(v.page, 'mmd').click();
  await v.page.keyboard.press('Delete');
  await expect(v.page.locator('.react-flow__node')).toHaveCount(6);
  await shot(v.page, 'share-local-draft');
  const download = v.page.waitForEvent('download');
  await v.page.getByRole('button', { name: 'Export' }).click();
  expect((await download).suggestedFilename()).toMatch(/^copy-of-.*\.stepstone\.json$/);
  // Saving to the server needs access: refused, nothing lost.
  await v.page.getByRole('button', { name: 'Save to server' }).click();
  await expect(v.page.getByRole('status').filter({ hasText: 'Not saved' })).toBeVisible();
  // The copy stays in this browser across a reload.
  await v.page.waitForTimeout(500);
  await v.page.reload();
  await v.page.getByRole('button', { name: 'Open my local copy' }).click();
  await expect(v.page.locator('.react-flow__node')).toHaveCount(6);

  // The owner revokes the link: it stops opening.
  await page.getByRole('button', { name: 'Share', exact: true }).click();
  await page.getByTestId('share-links').getByRole('button', { name: /^Revoke/ }).first().click();
  await expect(page.getByTestId('share-links')).toHaveCount(0);
  await v.page.goto(url);
  await expect(v.page.getByText('This link does not open a graph')).toBeVisible();
  await v.ctx.close();
});

test('publish asks first, records the author; the template can be unpublished and deleted', async ({ page }) => {
  await openTemplate(page, 'ddc');
  await page.getByLabel('Graph name').fill('Class DDC');
  await page.getByRole('button', { name: 'Publish', exact: true }).click();
  const dialog = page.getByRole('dialog', { name: 'Publish to the gallery' });
  await dialog.getByLabel('Author').fill('Ada Lovelace');
  await dialog.getByLabel('Description').fill('DDC for the Tuesday class');
  await shot(page, 'publish-dialog');
  await dialog.getByRole('button', { name: 'Publish' }).click();
  await expect(page.getByTestId('notice-ok')).toContainText('Published “Class DDC”');
  await page.getByRole('button', { name: 'Close' }).click();
  // A second publish of the same graph does not make a second entry.
  await page.getByRole('button', { name: 'Publish', exact: true }).click();
  await dialog.getByRole('button', { name: 'Publish' }).click();
  await expect(page.getByTestId('notice-ok')).toContainText('already in the templates gallery');
  await page.goto('/templates');
  const card = page.locator('.tpl-card', { hasText: 'Class DDC' });
  await expect(card).toHaveCount(1);
  await expect(card.getByTestId('tpl-author')).toHaveText('by Ada Lovelace');
  await card.getByRole('button', { name: 'Unpublish Class DDC' }).click();
  await expect(card).toHaveCount(0);
  await page.getByLabel('Show unpublished').check();
  await expect(card).toHaveCount(1);
  page.once('dialog', (d) => void d.accept());
  await card.getByRole('button', { name: 'Delete Class DDC' }).click();
  await expect(card).toHaveCount(0);
});

test('history: a note per save, a comparison marked on the canvas, restore as a new version', async ({ page }) => {
  await openTemplate(page, 'ddc');
  await page.getByLabel('Graph name').fill('History graph');
  await page.getByRole('button', { name: 'Save', exact: true }).click();
  await expect(page.getByTestId('notice-ok')).toContainText('version 1');
  await page.getByRole('button', { name: 'Close' }).click();
  await node(page, 'trainer').click();
  await page.getByLabel('Epochs').fill('7');
  await page.getByRole('button', { name: 'History' }).click();
  const versions = page.getByRole('dialog', { name: 'Versions' });
  await versions.getByLabel('Note for this save').fill('fewer epochs');
  await versions.getByRole('button', { name: 'Save version' }).click();
  await expect(versions.getByRole('row', { name: 'v2' }).getByTestId('version-note')).toHaveText('fewer epochs');
  await versions.getByRole('row', { name: 'v1' }).getByRole('button', { name: 'Compare' }).click();
  await expect(versions.getByTestId('diff-view')).toContainText('~ node trainer');
  await expect(versions.getByTestId('diff-view')).toContainText(/epochs: \d+ → 7/);
  await shot(page, 'history-diff');
  await versions.getByRole('button', { name: 'Show on canvas' }).click();
  await expect(page.locator('.react-flow__node.diff-changed')).toHaveCount(1);
  await expect(page.locator('.react-flow__node.diff-changed')).toHaveAttribute('data-id', 'trainer');
  await shot(page, 'history-diff-canvas');
  await page.getByTestId('diff-banner').getByRole('button', { name: 'Clear' }).click();
  await expect(page.locator('.react-flow__node.diff-changed')).toHaveCount(0);
  // Restore version 1: saved again as version 3, history intact.
  await page.getByRole('button', { name: 'History' }).click();
  await versions.getByRole('row', { name: 'v1' }).getByRole('button', { name: 'Restore' }).click();
  await expect(page).toHaveURL(/version=3/);
  await node(page, 'trainer').click();
  await expect(page.getByLabel('Epochs')).not.toHaveValue('7');
  await page.getByRole('button', { name: 'History' }).click();
  await expect(versions.getByRole('row')).toHaveCount(3);
  await expect(versions.getByRole('row', { name: 'v3' })).toContainText('Restored version 1');
});
