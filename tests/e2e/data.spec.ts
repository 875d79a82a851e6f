import { expect, test, type Page } from '@playwright/test';

const SAMPLE = 'public/data/mnist-sample-10k.csv';
const TRAIN_42K = 'public/data/mnist-train-42k.csv';

const summary = (page: Page) => page.getByRole('region', { name: 'Dataset summary' });
const fileInput = (page: Page) => page.getByLabel('Dataset CSV');

test.beforeEach(async ({ page }) => {
  await page.goto('/');
});

test('upload a CSV, see its summary; a bad file gets an alert and the first dataset stays', async ({ page }) => {
  await fileInput(page).setInputFiles(SAMPLE);
  await expect(summary(page)).toContainText('10,000 rows');
  await expect(summary(page)).toContainText('labeled');
  await expect(summary(page)).toContainText('mnist-sample-10k.csv');
  await expect(summary(page).getByRole('img', { name: 'image 1, label 5' })).toBeVisible();
  await expect(page.getByRole('figure', { name: 'Images per class' })).toBeVisible();
  await expect(summary(page)).toContainText(/bytes per pixel/);
  await expect(page.getByText('8,000 rows train · 2,000 held out')).toBeVisible();

  const header = ['label', ...Array.from({ length: 784 }, (_, i) => `pixel${i}`)].join(',');
  const row = ['3', ...Array.from({ length: 784 }, () => '0')];
  row[101] = 'abc';
  await fileInput(page).setInputFiles({ name: 'broken.csv', mimeType: 'text/csv', buffer: Buffer.from(`${header}\n${row.join(',')}\n`) });
  const alert = page.getByRole('alert');
  await expect(alert).toContainText('Could not load "broken.csv": line 2, column 102: pixel column holds "abc", which is not a number.');
  await expect(summary(page)).toContainText('10,000 rows');
  await expect(summary(page)).toContainText('mnist-sample-10k.csv');
  await page.screenshot({ path: 'test-results/data-bad-file.png', fullPage: true });

  await alert.getByRole('button', { name: 'Dismiss message' }).click();
  await expect(page.getByRole('alert')).toHaveCount(0);
});

test('a binary file renamed .csv and an empty file are refused by name', async ({ page }) => {
  await fileInput(page).setInputFiles({ name: 'digit.csv', mimeType: 'text/csv', buffer: Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13]) });
  await expect(page.getByRole('alert')).toContainText('"digit.csv": line 1: this is not a text file');
  await fileInput(page).setInputFiles({ name: 'empty.csv', mimeType: 'text/csv', buffer: Buffer.alloc(0) });
  await expect(page.getByRole('alert')).toContainText('Could not load "empty.csv": line 1: the file is empty.');
});

test('Load sample MNIST loads real digits in one click, through the worker', async ({ page }) => {
  await page.getByRole('button', { name: 'Load sample MNIST' }).click();
  await expect(summary(page)).toContainText('10,000 rows');
  await expect(summary(page)).toContainText('mnist-sample-10k.csv');
});

test('the Kaggle-sized test.csv loads as an unlabeled prediction set beside the training data', async ({ page }) => {
  await page.getByRole('button', { name: 'Load sample MNIST' }).click();
  await expect(summary(page)).toContainText('10,000 rows');
  await page.getByRole('combobox').first().selectOption({ label: 'Kaggle-sized test.csv: 28,000 unlabeled digits' });
  await page.getByRole('button', { name: 'Load sample MNIST' }).click();
  await expect(summary(page)).toContainText('28,000 rows, unlabeled');
  await expect(summary(page)).toContainText('10,000 rows, labeled');
});

test('progress shows while parsing, and Cancel stops at once keeping the previous dataset', async ({ page }) => {
  await fileInput(page).setInputFiles(SAMPLE);
  await expect(summary(page)).toContainText('10,000 rows');
  await fileInput(page).setInputFiles(TRAIN_42K);
  const progress = page.getByRole('progressbar', { name: 'Loading dataset' });
  await expect(progress).toBeVisible();
  await page.getByRole('button', { name: 'Cancel' }).click();
  await expect(progress).toHaveCount(0);
  await page.waitForTimeout(3000); // longer than the whole parse would take: it must not complete
  await expect(summary(page)).toContainText('10,000 rows');
  await expect(summary(page)).not.toContainText('42,000');
  await expect(page.getByRole('alert')).toHaveCount(0);
});

test('a CSV dropped anywhere on the page loads', async ({ page }) => {
  const header = ['label', ...Array.from({ length: 784 }, (_, i) => `pixel${i}`)].join(',');
  const rows = Array.from({ length: 3 }, (_, r) => [String(r), ...Array.from({ length: 784 }, (_, i) => String((i * r) % 256))].join(','));
  const dataTransfer = await page.evaluateHandle((text) => {
    const dt = new DataTransfer();
    dt.items.add(new File([text], 'dropped.csv', { type: 'text/csv' }));
    return dt;
  }, [header, ...rows].join('\r\n'));
  await page.dispatchEvent('h1', 'dragenter', { dataTransfer });
  await expect(page.getByText('Drop the CSV to load it')).toBeVisible();
  await page.dispatchEvent('h1', 'drop', { dataTransfer });
  await expect(summary(page)).toContainText('3 rows, labeled');
  await expect(page.getByText('Drop the CSV to load it')).toHaveCount(0);
});

test('the validation split is validated as typed and shows the resulting counts', async ({ page }) => {
  await fileInput(page).setInputFiles(SAMPLE);
  const share = page.getByRole('spinbutton', { name: 'Validation split' });
  await expect(share).toHaveValue('20');
  await share.fill('25');
  await expect(page.getByText('7,500 rows train · 2,500 held out')).toBeVisible();
  await share.fill('100');
  await expect(page.getByText('Validation split must be at least 0% and below 100%.')).toBeVisible();
  await expect(page.getByText('7,500 rows train · 2,500 held out')).toBeVisible();
  await share.fill('20');
  await page.getByRole('radio', { name: /Shuffled, stratified/ }).check();
  await expect(page.getByText(/^\d{1},\d{3} rows train · \d{1},\d{3} held out$/)).toBeVisible();
});
