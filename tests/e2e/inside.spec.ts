import { expect, test } from '@playwright/test';
import { loadSample, setField, train } from './helpers';

const done = (page: import('@playwright/test').Page) => expect(page.locator('.training-progress')).toContainText(/100% · done/, { timeout: 90_000 });

test.beforeEach(async ({ page }) => {
  await page.goto('/');
  await loadSample(page);
});

test('a ReLU run at learning rate 10 shows its hint, naming the rate', async ({ page }) => {
  await setField(page, 'Learning rate', '10');
  await setField(page, 'Epochs', '2');
  await train(page);
  await done(page);
  const hint = page.getByRole('status').filter({ hasText: /chance on 10 classes|never fire/ }).first();
  await expect(hint).toBeVisible();
  await expect(hint).toContainText(/learning rate (of )?10|below 10/);
  await hint.scrollIntoViewIfNeeded();
  await page.locator('.run-hints').screenshot({ path: 'test-results/hint-lr10.png' });
});

test('a healthy run gets no hint, and the Layer health panel shows a histogram per layer', async ({ page }) => {
  await setField(page, 'Hidden layers', '64, 32');
  await setField(page, 'Epochs', '3');
  await train(page);
  await done(page);
  await expect(page.locator('.run-hint')).toHaveCount(0);
  const panel = page.getByRole('region', { name: 'Layer health' });
  await expect(panel).toContainText('After epoch 3', { timeout: 10_000 });
  await expect(panel.getByRole('img', { name: /^Layer \d (activations|logits) histogram/ })).toHaveCount(3);
  for (const name of ['Layer 1 activations histogram', 'Layer 2 activations histogram', 'Layer 3 logits histogram']) {
    await expect(panel.getByRole('img', { name: new RegExp(`^${name}`) }).locator('rect')).toHaveCount(20);
  }
  await expect(panel.getByRole('article', { name: 'Layer 1: Linear(784 → 64) + ReLU' })).toContainText(/Dead units\s*\d+\.\d%/);
  await expect(panel).toContainText(/Update ratio ‖ΔW‖ \/ ‖W‖\s*\d\.\de[-+]\d/);
  await expect(panel.getByRole('img', { name: 'Update ratio over the epochs' })).toHaveCount(3);
  await panel.scrollIntoViewIfNeeded();
  await panel.screenshot({ path: 'test-results/layer-health.png' });
});

test('clicking a gallery item shows its pixel map and the hidden units that fired most', async ({ page }) => {
  await setField(page, 'Hidden layers', '32');
  await setField(page, 'Epochs', '1');
  await train(page);
  await done(page);
  const gallery = page.getByRole('region', { name: 'Misclassified samples' });
  const first = gallery.getByRole('button', { name: /^Why this digit\? row \d+, true \d, predicted \d$/ }).first();
  const [, t, p] = (await first.getAttribute('aria-label'))!.match(/true (\d), predicted (\d)/)!;
  await first.click();
  const why = page.getByRole('region', { name: 'Why this digit?' });
  await expect(why).toContainText(`predicted ${p}`);
  await expect(why).toContainText(`true ${t}`);
  const map = why.getByRole('img', { name: `Pixel map for class ${p}: red pixels push toward it, blue ones away` });
  await expect(map).toBeVisible();
  // The map is drawn: it has tinted (red or blue) pixels, not only greys.
  const tinted = await map.evaluate((c) => {
    const d = (c as HTMLCanvasElement).getContext('2d')!.getImageData(0, 0, 28, 28).data;
    let n = 0;
    for (let i = 0; i < d.length; i += 4) if (Math.abs(d[i] - d[i + 2]) > 30) n++;
    return n;
  });
  expect(tinted).toBeGreaterThan(50);
  await expect(why.getByRole('list', { name: 'Hidden units that fired most' }).getByRole('listitem')).toHaveCount(8);
  await why.scrollIntoViewIfNeeded();
  await why.screenshot({ path: 'test-results/why-this-digit.png' });
});
