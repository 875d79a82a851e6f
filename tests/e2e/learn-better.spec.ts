import { expect, type Page, test } from '@playwright/test';
import { readFileSync } from 'node:fs';
import { loadSample, setField, train } from './helpers';

/** The first `rows` digits of MNIST's t10k file (generated at install), as a labeled CSV upload. */
function testCsv(rows: number): Buffer {
  const lines = readFileSync('public/data/mnist-test-10k.csv', 'utf8').split('\n', rows + 1);
  return Buffer.from(lines.join('\n') + '\n');
}

const done = (page: Page) => expect(page.locator('.training-progress')).toContainText('100% · done', { timeout: 60_000 });

test.beforeEach(async ({ page }) => {
  await page.goto('/');
  await loadSample(page);
});

test('a test set apart from validation: load train and test files, train, see the test accuracy and its confusion matrix', async ({ page }) => {
  await page.getByLabel('Test set CSV').setInputFiles({ name: 'mnist-test-2k.csv', mimeType: 'text/csv', buffer: testCsv(2000) });
  const summary = page.getByRole('region', { name: 'Dataset summary' });
  await expect(summary).toContainText('Test set: mnist-test-2k.csv');
  await expect(summary).toContainText('2,000 rows');
  await expect(summary).toContainText('10,000 rows'); // the training data stays
  await setField(page, 'Hidden layers', '32');
  await setField(page, 'Epochs', '2');
  await train(page);
  await done(page);
  const region = page.getByRole('region', { name: 'Test accuracy' });
  await expect(region).toContainText(/Test accuracy \d\d\.\d\d%/);
  await expect(region).toContainText(/validation accuracy \d\d\.\d\d%/);
  await expect(region).toContainText('On all 2,000 rows of mnist-test-2k.csv, after epoch 2');
  const table = region.getByRole('table', { name: 'Test set confusion counts' });
  await expect(table.locator('tbody tr')).toHaveCount(10);
  // Every test row is counted once: the cells (without the accuracy column) sum to 2,000.
  const total = await table.locator('tbody tr').evaluateAll((rows) => rows.reduce((sum, r) =>
    sum + Array.from(r.querySelectorAll('td:not(.class-acc)')).reduce((s, td) => s + Number(td.textContent), 0), 0));
  expect(total).toBe(2000);
  const accuracy = parseFloat((await region.textContent())!.match(/Test accuracy (\d\d\.\d\d)%/)![1]);
  expect(accuracy).toBeGreaterThan(80);
  // The held-out confusion matrix is another table, of the validation rows.
  await expect(page.getByRole('table', { name: 'Confusion matrix' })).toBeVisible();
  // On demand: the same model scores the same.
  await page.getByRole('button', { name: 'Evaluate test set' }).click();
  await expect(region).toContainText(`Test accuracy ${accuracy.toFixed(2)}%`);
  await page.screenshot({ path: 'test-results/test-set.png', fullPage: true });
});

test('an unlabeled file is refused as the test set, naming why, and nothing loaded is lost', async ({ page }) => {
  const unlabeled = readFileSync('public/data/mnist-test-10k.csv', 'utf8').split('\n', 3).map((l, i) => (i === 0 ? l.replace(/^label,/, '') : l.replace(/^\d,/, ''))).join('\n');
  await page.getByLabel('Test set CSV').setInputFiles({ name: 'nolabels.csv', mimeType: 'text/csv', buffer: Buffer.from(unlabeled + '\n') });
  await expect(page.getByRole('alert')).toContainText('no label column');
  await expect(page.getByRole('region', { name: 'Dataset summary' })).toContainText('10,000 rows');
});

test('the augmentation preview shows what the network sees, and changes with the settings', async ({ page }) => {
  const group = page.getByRole('group', { name: 'Augmentation' });
  const preview = group.getByRole('figure', { name: 'Augmentation preview' });
  const augmented = preview.getByRole('img', { name: /augmented$/ });
  await expect(augmented).toHaveCount(12);
  const pixels = () => augmented.evaluateAll((canvases) => canvases.map((c) => {
    const ctx = (c as HTMLCanvasElement).getContext('2d')!;
    return Array.from(ctx.getImageData(0, 0, 28, 28).data.filter((_, i) => i % 4 === 0)).join(',');
  }));
  const originals = await preview.getByRole('img', { name: /label \d$/ }).evaluateAll((canvases) => canvases.map((c) =>
    Array.from((c as HTMLCanvasElement).getContext('2d')!.getImageData(0, 0, 28, 28).data.filter((_, i) => i % 4 === 0)).join(',')));
  // Off (the notebook preset): the network sees the images as they are.
  await expect.poll(pixels).toEqual(originals);
  await setField(page, 'Shift (pixels)', '3');
  await setField(page, 'Rotation (degrees)', '15');
  await setField(page, 'Elastic α', '34');
  await expect.poll(async () => (await pixels()).filter((p, i) => p !== originals[i]).length).toBeGreaterThan(9);
  await group.scrollIntoViewIfNeeded();
  await group.screenshot({ path: 'test-results/augmentation-preview.png' });
  // A bad value is named, and the preview says so rather than showing stale images.
  await setField(page, 'Rotation (degrees)', '400');
  await expect(group).toContainText('Rotation can be at most 90.');
});

test('a cosine schedule: each epoch\'s learning rate is plotted, falling', async ({ page }) => {
  await setField(page, 'Hidden layers', '16');
  await setField(page, 'Epochs', '3');
  await page.getByLabel('Learning-rate schedule').selectOption('cosine');
  await setField(page, 'Dropout', '0.2');
  await train(page);
  await done(page);
  const rows = page.getByRole('figure', { name: 'Learning-rate chart' }).getByRole('table', { name: 'Learning-rate chart data' }).locator('tbody tr');
  await expect(rows).toHaveCount(3);
  const lrs = (await rows.locator('td:nth-child(2)').allTextContents()).map(Number);
  expect(lrs[0]).toBeCloseTo(0.1, 6);
  expect(lrs[1]).toBeCloseTo(0.075, 6);
  expect(lrs[2]).toBeLessThan(lrs[1]);
});

test('the Best in a minute preset sets its recipe', async ({ page }) => {
  await page.getByLabel('Preset').selectOption('best');
  await expect(page.getByLabel('Preset').locator('option:checked')).toHaveText(/^Best in a minute/);
  await expect(page.getByLabel('Hidden layers', { exact: true })).toHaveValue('512');
  await expect(page.getByLabel('Optimizer')).toHaveValue('adam');
  await expect(page.getByLabel('Learning-rate schedule')).toHaveValue('cosine');
  await expect(page.getByLabel('Shift (pixels)')).toHaveValue('2');
});

test('MNIST 60,000 train + 10,000 test loads both files, the second as the test set', async ({ page }) => {
  test.setTimeout(120_000);
  await loadSample(page, 'MNIST: 60,000 train + 10,000 test (the standard split)', '60,000 rows');
  const summary = page.getByRole('region', { name: 'Dataset summary' });
  await expect(summary).toContainText('Test set: mnist-test-10k.csv', { timeout: 60_000 });
  await expect(summary).toContainText('10,000 rows');
});
