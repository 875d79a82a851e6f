import { expect, type Page } from '@playwright/test';

/** Loads the bundled 10,000-digit sample and waits for its summary. */
export async function loadSample(page: Page, option = 'MNIST 10,000 digits (quick start)', rows = '10,000 rows'): Promise<void> {
  await page.getByRole('combobox').first().selectOption({ label: option });
  await page.getByRole('button', { name: 'Load sample MNIST' }).click();
  await expect(page.getByRole('region', { name: 'Dataset summary' })).toContainText(rows, { timeout: 30_000 });
}

export const metrics = (page: Page) => page.getByRole('region', { name: 'Training metrics' });

/** The value shown after a label in the Training metrics region, e.g. metric(page, 'Epoch') → "2 / 2". */
export async function metric(page: Page, name: string): Promise<string> {
  return (await metrics(page).locator('div', { has: page.locator('dt', { hasText: new RegExp(`^${name}$`) }) }).locator('dd').textContent()) ?? '';
}

export async function setField(page: Page, label: string, value: string): Promise<void> {
  await page.getByLabel(label, { exact: true }).fill(value);
}

/** Starts a run and waits until the worker reports it running. */
export async function train(page: Page): Promise<void> {
  await page.getByRole('button', { name: 'Train', exact: true }).click();
  await expect(page.locator('.training-progress')).toContainText(/running|done/);
}
