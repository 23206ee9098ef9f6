import { expect, test } from '@playwright/test';
import { node, openTemplate, shot } from './helpers';

// Runs from the editor: the result page (verdict, interval, distances, pictures), the list, live progress, cancel.
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
  await page.getByRole('button', { name: '▶ Run', exact: true }).click();
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
  await page.getByRole('button', { name: '▶ Run', exact: true }).click();
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
  await page.getByRole('button', { name: '▶ Run', exact: true }).click();
  await expect(page.getByTestId('run-status')).toHaveText('running', { timeout: 30_000 });
  // Epoch events arrive over the subscription: a stage with a progress bar and a drawn curve.
  await expect(page.getByTestId('run-progress')).toContainText(/stage 1/);
  await expect(page.getByTestId('models-done')).toContainText(/models done \d+/);
  // A drawn segment (reports come every ⌈epochs/100⌉ epochs; an early curve can be flat, which has no height).
  await expect(page.locator('.recharts-line-curve[d*="L"]')).not.toHaveCount(0);
  await shot(page, 'run-live');
  await page.getByRole('button', { name: 'Cancel run' }).click();
  await expect(page.getByTestId('run-status')).toHaveText('cancelled', { timeout: 30_000 });
  await expect(page.getByRole('button', { name: 'Retry' })).toBeVisible();
});
