import { expect, test } from '@playwright/test';

test('app shell renders with a clean console', async ({ page }) => {
  const problems: string[] = [];
  page.on('console', (msg) => {
    if (msg.type() === 'error') problems.push(`console.error: ${msg.text()}`);
  });
  page.on('pageerror', (err) => problems.push(`pageerror: ${err.message}`));
  page.on('requestfailed', (req) =>
    problems.push(`requestfailed: ${req.url()} (${req.failure()?.errorText ?? 'unknown'})`),
  );

  await page.goto('/');

  await expect(page).toHaveTitle('MLP Playground');
  await expect(page.getByRole('heading', { level: 1, name: 'MLP Playground' })).toBeVisible();
  await expect(page.getByText('Train a neural network written from scratch')).toBeVisible();
  for (const section of ['Data', 'Train', 'Draw', 'Errors']) {
    await expect(page.getByRole('region', { name: section, exact: true })).toBeVisible();
  }

  // The engine ships in the bundle, and the training worker reports that Chromium runs its relaxed-SIMD
  // kernels and that threads are available (the page is cross-origin isolated).
  await expect(page.getByText('WebAssembly relaxed SIMD in the training worker, threads available')).toBeVisible();

  // Served cross-origin isolated, so SharedArrayBuffer is available for threaded training.
  expect(await page.evaluate(() => self.crossOriginIsolated)).toBe(true);

  await page.waitForLoadState('networkidle');
  await page.screenshot({ path: 'test-results/shell.png', fullPage: true });

  expect(problems).toEqual([]);
});
