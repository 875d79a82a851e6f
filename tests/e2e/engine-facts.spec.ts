import { expect, test } from '@playwright/test';
import { loadSample, metric, setField, train } from './helpers';

/**
 * The page shows the model, kernels and threads the worker reports, not a guess of the main thread:
 * the WebAssembly flavour, each layer's sparse or dense kernels, and the threads that actually run
 * (one where the page is not cross-origin isolated, whatever was asked).
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

for (const { what, hidden, threads, batch, engine, kernels } of [
  {
    what: 'the notebook shape trains on WebAssembly, its first layer sparse, on one thread when asked',
    hidden: '128', threads: '1', batch: '32', engine: 'on 1 thread', kernels: '784 → 128: WebAssembly SIMD (sparse) · 128 → 10: WebAssembly SIMD (dense)',
  },
  {
    what: 'two threads: the worker reports the two threads it trains on',
    hidden: '128', threads: '2', batch: '32', engine: 'on 2 threads', kernels: '784 → 128: WebAssembly SIMD (sparse)',
  },
  {
    what: 'any width and any batch size run on WebAssembly (the kernels have scalar tails)',
    hidden: '30', threads: '2', batch: '600', engine: 'on 2 threads', kernels: '784 → 30: WebAssembly SIMD (sparse) · 30 → 10: WebAssembly SIMD (dense)',
  },
]) {
  test(what, async ({ page }) => {
    // The default: every core, at most 4 (bench:app measured 2 threads on 2 cores faster and smooth).
    const cores = await page.evaluate(() => navigator.hardwareConcurrency);
    await expect(page.getByLabel('Threads')).toHaveValue(String(Math.max(1, Math.min(4, cores))));
    await setField(page, 'Hidden layers', hidden);
    if (threads) await setField(page, 'Threads', threads);
    await setField(page, 'Batch size', batch);
    await setField(page, 'Epochs', '1');
    await train(page);
    await expect(page.locator('.training-progress')).toContainText('100% · done', { timeout: 60_000 });
    expect(await metric(page, 'Model')).toContain(`784-${hidden}-10`);
    expect(await metric(page, 'Engine')).toMatch(new RegExp(`^WebAssembly (relaxed SIMD \\(fused multiply-add\\)|SIMD) ${engine}$`));
    expect(await metric(page, 'Kernels')).toContain(kernels);
    await expect(page.locator('footer')).toContainText(`the current run trains on WebAssembly`);
    await expect(page.locator('footer')).toContainText(engine);
    expect(Number((await metric(page, 'Validation accuracy')).replace('%', ''))).toBeGreaterThan(40); // it learns (chance: 10%)
  });
}

test('a page that is not cross-origin isolated trains on one thread, and says why', async ({ page, context }) => {
  // The same build, served without the COOP/COEP headers that isolate it: no shared memory.
  await context.route('**/*', async (route) => {
    const response = await route.fetch();
    const headers = { ...response.headers() };
    delete headers['cross-origin-opener-policy'];
    delete headers['cross-origin-embedder-policy'];
    await route.fulfill({ response, headers });
  });
  await page.goto('/');
  expect(await page.evaluate(() => self.crossOriginIsolated)).toBe(false);
  await loadSample(page);
  await expect(page.getByText('this page trains on one thread: it is not cross-origin isolated')).toBeVisible();
  await setField(page, 'Threads', '2');
  await setField(page, 'Epochs', '1');
  await train(page);
  await expect(page.locator('.training-progress')).toContainText('100% · done', { timeout: 60_000 });
  expect(await metric(page, 'Engine')).toMatch(/on 1 thread$/);
});
