import { expect, test } from '@playwright/test';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { node, openTemplate, shot } from './helpers';

// Comments (sticky notes) and groups (titled frames): editing, moving a group with its nodes, and both
// surviving save + reload and export + import (graph format version 2).

test('a comment and a group survive save/reload and export/import; a group moves its nodes with it', async ({ page }) => {
  await openTemplate(page, 'dann');
  await page.getByRole('button', { name: 'Add comment' }).click();
  const note = page.getByRole('textbox', { name: 'Note note-1' });
  await note.fill('Try λ = 0.3 on this shift');
  await node(page, 'extractor').click();
  await node(page, 'dann').click({ modifiers: ['Control'] });
  await page.getByRole('button', { name: 'Group selected nodes' }).click();
  const title = page.getByRole('textbox', { name: 'Group title group-1' });
  await title.fill('Adversarial features');
  await title.press('Enter');

  // Dragging the frame's title bar moves both nodes by the same offset; the others stay.
  const before = await Promise.all(['extractor', 'dann', 'head'].map(async (id) => (await node(page, id).boundingBox())!));
  const grip = (await page.getByTestId('group-grip').boundingBox())!;
  await page.mouse.move(grip.x + grip.width / 2, grip.y + grip.height / 2);
  await page.mouse.down();
  await page.mouse.move(grip.x + 60, grip.y + 80, { steps: 8 });
  await page.mouse.up();
  const after = await Promise.all(['extractor', 'dann', 'head'].map(async (id) => (await node(page, id).boundingBox())!));
  const dx = after[0]!.x - before[0]!.x;
  const dy = after[0]!.y - before[0]!.y;
  expect(Math.abs(dx)).toBeGreaterThan(20);
  expect(Math.abs(dy)).toBeGreaterThan(20);
  expect(after[1]!.x - before[1]!.x).toBeCloseTo(dx, 0);
  expect(after[1]!.y - before[1]!.y).toBeCloseTo(dy, 0);
  expect(after[2]).toEqual(before[2]);
  await shot(page, 'comment-and-group');

  // Save and reload.
  await page.getByRole('button', { name: 'Save', exact: true }).click();
  await expect(page.getByTestId('notice-ok')).toContainText('version 1');
  await page.getByRole('button', { name: 'Close' }).click();
  await page.reload();
  await expect(page.getByRole('textbox', { name: 'Note note-1' })).toHaveValue('Try λ = 0.3 on this shift');
  await expect(page.getByRole('textbox', { name: 'Group title group-1' })).toHaveValue('Adversarial features');

  // Export, then import into a fresh editor.
  const download = page.waitForEvent('download');
  await page.getByRole('button', { name: 'Export' }).click();
  const path = join(tmpdir(), `e2e-annotations-${Date.now()}.json`);
  await (await download).saveAs(path);
  await page.goto('/editor');
  await page.getByTestId('import-file').setInputFiles(path);
  await expect(page.getByTestId('notice-ok')).toBeVisible();
  await page.getByRole('button', { name: 'Close' }).click();
  await expect(page.getByRole('textbox', { name: 'Note note-1' })).toHaveValue('Try λ = 0.3 on this shift');
  await expect(page.getByRole('textbox', { name: 'Group title group-1' })).toHaveValue('Adversarial features');
  await expect(page.getByTestId('group-group-1')).toBeVisible();
  // Ungroup keeps the nodes; deleting the note removes it.
  await page.getByTestId('group-group-1').getByRole('button', { name: 'Ungroup' }).click();
  await expect(page.getByTestId('group-group-1')).toHaveCount(0);
  await page.getByRole('button', { name: 'Delete note note-1' }).click();
  await expect(page.getByTestId('comment-note-1')).toHaveCount(0);
  await expect(page.locator('[data-node-type]')).toHaveCount(7);
});
