import { expect, type Page } from '@playwright/test';
import { join } from 'node:path';

/** Screenshots for a human to look at (layout, spacing, colours); not compared by the tests. */
export async function shot(page: Page, name: string): Promise<void> {
  await page.screenshot({ path: join('test-results', 'screens', `${name}.png`) });
}

export async function openTemplate(page: Page, id: string): Promise<void> {
  await page.goto('/templates');
  await page.getByTestId(`template-${id}`).getByRole('link', { name: /open/i }).click();
  await expect(page.getByTestId('graph-editor')).toBeVisible();
  await expect(page.getByTestId('status-valid')).toBeVisible();
}

export const node = (page: Page, id: string) => page.getByTestId(`node-${id}`);
