import { expect, test } from '@playwright/test';
import { loadSample, probabilities, setField, stroke, train } from './helpers';

test('after a short training run, a drawn vertical stroke is read as 1; Clear empties the prediction', async ({ page }) => {
  await page.goto('/');
  await expect(page.getByRole('img', { name: 'Model input' })).toBeVisible(); // empty pad: an empty preview, no prediction
  await expect(page.getByRole('list', { name: 'Class probabilities' })).toHaveCount(0);
  await loadSample(page);
  await setField(page, 'Epochs', '4');
  await train(page);
  await expect(page.locator('.training-progress')).toContainText('done', { timeout: 60_000 });

  await stroke(page, [[140, 40], [140, 140], [141, 240]]);
  await expect(page.getByRole('list', { name: 'Class probabilities' }).getByRole('listitem')).toHaveCount(10);
  const probs = await probabilities(page);
  const top = probs.reduce((a, b) => (b[1] > a[1] ? b : a));
  expect(top[0]).toBe(1);
  expect(probs.reduce((s, [, p]) => s + p, 0)).toBeGreaterThan(99);
  await expect(page.getByRole('list', { name: 'Class probabilities' }).locator('li[aria-current="true"]')).toContainText(/^1: /);
  await expect(page.locator('canvas[aria-label="Model input"]')).toBeVisible();
  await page.locator('#draw').screenshot({ path: 'test-results/draw-one.png' });

  await page.getByRole('button', { name: 'Clear drawing' }).click();
  await expect(page.getByRole('list', { name: 'Class probabilities' })).toHaveCount(0);
});

test('the gallery holds misclassified samples with true and predicted labels; a confusion cell filters it', async ({ page }) => {
  await page.goto('/');
  await loadSample(page);
  await setField(page, 'Epochs', '2');
  await train(page);
  await expect(page.locator('.training-progress')).toContainText('done', { timeout: 60_000 });

  const gallery = page.getByRole('region', { name: 'Misclassified samples' });
  const items = gallery.getByRole('listitem');
  await expect(items).toHaveCount(24);
  await expect(items.first()).toContainText(/true \d, predicted \d\s*loss \d+\.\d\d/);
  const losses = async () => (await items.allTextContents()).map((t) => parseFloat(t.split('loss ')[1]));
  const highest = await losses();
  expect(highest).toEqual([...highest].sort((a, b) => b - a));

  await page.getByRole('radio', { name: 'Lowest loss' }).check();
  const lowest = await losses();
  expect(lowest).toEqual([...lowest].sort((a, b) => a - b));
  expect(lowest.every((l) => l > Math.LN2)).toBe(true);

  const matrix = page.getByRole('table', { name: 'Confusion matrix' });
  await expect(matrix.getByRole('row')).toHaveCount(11);
  const cell = matrix.getByRole('button').first();
  const [, t, p, n] = (await cell.getAttribute('aria-label'))!.match(/^true (\d), predicted (\d): (\d+) samples$/)!;
  await cell.click();
  await expect(items).toHaveCount(Math.min(24, Number(n)));
  for (const text of await items.allTextContents()) expect(text).toContain(`true ${t}, predicted ${p}`);
  const weights = page.getByRole('figure', { name: 'First-layer weights' }).getByRole('img', { name: 'weights of 64 hidden units, 16 per row' });
  await expect(weights).toHaveAttribute('width', String(16 * 29));
  await expect(weights).toHaveAttribute('height', String(4 * 29));
});

test.describe('on a high-DPI screen', () => {
  test.use({ deviceScaleFactor: 2 });
  test('the pad draws at device resolution and the drawing still reaches the model as 28x28', async ({ page }) => {
    await page.goto('/');
    const pad = page.getByRole('img', { name: 'Drawing pad' });
    await expect(pad).toHaveAttribute('width', '560');
    await expect(pad).toHaveCSS('touch-action', 'none');
    await stroke(page, [[60, 140], [220, 140]]);
    const preview = page.locator('canvas[aria-label="Model input"]');
    await expect(preview).toHaveAttribute('width', '28');
    // a horizontal stroke: ink in the middle rows only, 20 pixels wide
    const inked = await preview.evaluate((c: HTMLCanvasElement) => {
      const d = c.getContext('2d')!.getImageData(0, 0, 28, 28).data;
      const rows = new Set<number>(), cols = new Set<number>();
      for (let i = 0; i < 784; i++) if (d[i * 4] < 250) { rows.add(Math.floor(i / 28)); cols.add(i % 28); }
      return { rows: rows.size, cols: cols.size };
    });
    expect(inked.cols).toBe(20);
    expect(inked.rows).toBeLessThanOrEqual(4);
  });
});
