import { expect, type Page } from '@playwright/test';
import { join } from 'node:path';

/**
 * Screenshots for a human to look at (layout, spacing, colours); not compared by the tests.
 * E2E_SCREENSHOTS=docs/screenshots keeps them with the docs (test-results/ is emptied on every run).
 */
export async function shot(page: Page, name: string): Promise<void> {
  await page.screenshot({ path: join(process.env.E2E_SCREENSHOTS ?? join('test-results', 'screens'), `${name}.png`) });
}

export async function openTemplate(page: Page, id: string): Promise<void> {
  await page.goto('/templates');
  await page.getByTestId(`template-${id}`).getByRole('link', { name: /open/i }).click();
  await expect(page.getByTestId('graph-editor')).toBeVisible();
  await expect(page.getByTestId('status-valid')).toBeVisible();
}

export const node = (page: Page, id: string) => page.getByTestId(`node-${id}`);

/** The centre of an element on the page (for pointer gestures). */
export async function centre(page: Page, selector: ReturnType<Page['locator']>): Promise<{ x: number; y: number }> {
  const box = await selector.boundingBox();
  if (!box) throw new Error('element not visible');
  return { x: box.x + box.width / 2, y: box.y + box.height / 2 };
}
