import { expect, test } from '@playwright/test';
import { loadSample, metric, setField, train } from './helpers';

/**
 * The page shows the model and kernels the worker reports, not a guess of the main thread: a width
 * that is not a multiple of 4 or a batch over 512 rows trains the first layer on the JavaScript
 * fallback, and the page says so.
 */
test.beforeEach(async ({ page }) => {
  await page.goto('/');
  await loadSample(page);
});

const summary = (page: import('@playwright/test').Page) => page.getByRole('table', { name: 'Model summary' });

test('the model summary is the worker\'s description of the settings', async ({ page }) => {
  await expect(summary(page).locator('caption')).toHaveText('784 → 128 → 10 · 101,770 parameters');
  await setField(page, 'Hidden layers', '256, 64');
  await expect(summary(page).locator('caption')).toHaveText('784 → 256 → 64 → 10 · 218,058 parameters');
  await expect(summary(page)).toContainText('Linear(256 → 64)');
});

for (const { what, hidden, batch, kernel } of [
  { what: 'the notebook shape trains its first layer on WebAssembly SIMD', hidden: '128', batch: '32', kernel: '784 → 128: WebAssembly SIMD (sparse)' },
  { what: 'a width that is not a multiple of 4 falls back to JavaScript, and the page says so', hidden: '30', batch: '32', kernel: '784 → 30: JavaScript (sparse)' },
  { what: 'a batch over 512 rows falls back to JavaScript, and the page says so', hidden: '128', batch: '600', kernel: '784 → 128: JavaScript (sparse)' },
]) {
  test(what, async ({ page }) => {
    await setField(page, 'Hidden layers', hidden);
    await setField(page, 'Batch size', batch);
    await setField(page, 'Epochs', '1');
    await train(page);
    await expect(page.locator('.training-progress')).toContainText('100% · done', { timeout: 60_000 });
    expect(await metric(page, 'Model')).toContain(`784-${hidden}-10`);
    expect(await metric(page, 'Kernels')).toContain(kernel);
    await expect(page.locator('footer')).toContainText(`first layer trains on ${kernel.split(': ')[1]} kernels`);
  });
}
