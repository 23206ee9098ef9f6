import { expect, test } from '@playwright/test';
import { node, openTemplate, shot } from './helpers';

// Sweeps: mark λ as swept in the inspector, run every member, read the sweep page, keep a member as a new version.
test('create a sweep in the editor, watch members run, open the sweep page, pick a member', async ({ page }) => {
  test.setTimeout(480_000);
  await openTemplate(page, 'dann');
  await node(page, 'trainer').click();
  await page.getByLabel('Epochs').fill('10');
  await node(page, 'dann').click();
  await page.getByTestId('sweep-lambdaMax').click();
  const values = page.locator('#sweep-lambdaMax-values');
  await values.fill('0.1, 1');
  await values.press('Enter');
  await expect(page.getByTestId('sweep-lambdaMax')).toContainText('Sweep values (2)');
  // A value the param refuses is caught before anything runs.
  await values.fill('0.1, 500');
  await values.press('Enter');
  await expect(page.getByTestId('sweep-lambdaMax').getByRole('alert')).toContainText('within the field');
  await values.fill('0.1, 1');
  await values.press('Enter');
  const run = page.getByTestId('run-sweep');
  await expect(run).toHaveText('▶ Run sweep (2)');
  await shot(page, 'sweep-inspector');

  await run.click();
  await expect(page).toHaveURL(/\/sweeps\/[0-9a-f-]{36}$/);
  await expect(page.getByTestId('sweep-page')).toBeVisible();
  await expect(page.getByTestId('sweep-member-0')).toBeVisible();
  await expect(page.getByTestId('sweep-status')).toHaveText(/queued|running/);
  await shot(page, 'sweep-running');

  await expect(page.getByTestId('sweep-status')).toHaveText('finished', { timeout: 420_000 });
  for (const i of [0, 1]) await expect(page.getByTestId(`sweep-member-${i}`)).toContainText('succeeded');
  // Every validator picks a member; the table says how far each pick is from the oracle.
  const picks = page.getByTestId('sweep-picks');
  for (const name of ['Source-val accuracy', 'IM', 'SND', 'DEV']) await expect(picks.getByRole('row', { name: new RegExp(`^${name}`) })).toContainText(/[12]\d+\.\d%\d+\.\d/);
  await expect(page.getByTestId('sweep-line')).toBeVisible();
  await shot(page, 'sweep-page');
  const sweepUrl = page.url();

  // The sweep is listed on the sweeps page, and its members are one row of the runs list.
  await page.goto('/sweeps');
  await expect(page.getByTestId('sweep-list')).toContainText('2 succeeded');
  await page.goto('/runs');
  const row = page.getByTestId('sweep-row').first();
  await expect(row).toContainText('2 member runs');
  await expect(row).toContainText('2 succeeded');
  await row.getByRole('link').click();
  await expect(page).toHaveURL(sweepUrl);

  await page.getByTestId('use-member-0').click();
  await expect(page.getByTestId('member-saved')).toContainText('Member 1 saved as version 1');
  await page.getByTestId('member-saved').getByRole('link', { name: 'Open it' }).click();
  await expect(page.getByTestId('graph-editor')).toBeVisible();
  await node(page, 'dann').click();
  await expect(page.getByTestId('sweep-lambdaMax')).toHaveText('Sweep…'); // the member's graph sweeps nothing
  // The kept member's λ (the template had 1): the node's summary and the inspector field both say 0.1.
  await expect(node(page, 'dann')).toContainText('0.1');
  await expect(page.getByLabel('Lambda max')).toHaveValue('0.1');
  await shot(page, 'sweep-member-kept');
});
