/**
 * Any labeled table in the page: the column profile with roles, the target and the task; training on
 * it with class names in every view; a regression's R² and RMSE; an 8x8 image table shown as images
 * with the drawing pad at 8x8; a bad table refused with the loaded one kept.
 */
import { expect, test, type Page } from '@playwright/test';
import { expectNoSeriousViolations } from './axe';
import { metric, metrics, setField, stroke } from './helpers';

const summary = (page: Page) => page.getByRole('region', { name: 'Dataset summary' });
const columns = (page: Page) => page.getByRole('region', { name: 'Columns' });

async function loadTable(page: Page, label: RegExp, rows: string): Promise<void> {
  await page.getByLabel('Table sample', { exact: true }).selectOption({ label: await optionLabel(page, label) });
  await page.getByRole('button', { name: 'Load sample table' }).click();
  await expect(summary(page)).toContainText(rows, { timeout: 30_000 });
  await expect(columns(page)).toBeVisible();
}

async function optionLabel(page: Page, label: RegExp): Promise<string> {
  const labels = await page.getByLabel('Table sample', { exact: true }).locator('option').allTextContents();
  return labels.find((l) => label.test(l))!;
}

async function trainDone(page: Page, epochs: string): Promise<void> {
  await setField(page, 'Epochs', epochs);
  await page.getByRole('button', { name: 'Train', exact: true }).click();
  await expect(page.locator('.training-progress')).toContainText('100% · done', { timeout: 90_000 });
}

test.beforeEach(async ({ page }) => {
  await page.goto('/');
});

test('a table: profiled columns, a changed role and target, trained, with its class names in the confusion matrix', async ({ page }) => {
  await loadTable(page, /^Penguins/, '344 rows');
  // The profile: every column with its kind, distinct values, missing share and role.
  const rows = columns(page).locator('tbody tr');
  await expect(rows).toHaveCount(7);
  await expect(rows.filter({ hasText: 'Beak Length (mm)' })).toContainText(/numeric\s*164\s*0\.6%/);
  await expect(page.getByRole('combobox', { name: 'Role of Species' })).toHaveValue('target');
  await expect(page.getByRole('combobox', { name: 'Target column' })).toHaveValue('Species');
  await expect(page.getByRole('combobox', { name: 'Task' })).toHaveValue('classification');
  // The Table preset came with the table: scikit-learn's defaults.
  await expect(page.getByRole('combobox', { name: 'Preset' })).toHaveValue('table');
  await expect(page.getByLabel('Hidden layers', { exact: true })).toHaveValue('100');
  await page.locator('#data').screenshot({ path: 'test-results/columns-profile.png' });

  // Body mass out of the features; the island becomes the target (three islands, as strings).
  await page.getByRole('combobox', { name: 'Role of Body Mass (g)' }).selectOption('ignore');
  await expect(page.getByRole('combobox', { name: 'Role of Body Mass (g)' })).toHaveValue('ignore');
  await page.getByRole('combobox', { name: 'Target column' }).selectOption('Island');
  await expect(page.getByRole('combobox', { name: 'Role of Island' })).toHaveValue('target');
  await expect(page.getByRole('combobox', { name: 'Role of Species' })).toHaveValue('feature');
  await expect(page.getByRole('table', { name: 'Model summary' })).toContainText('softmax over 3 classes of Island');

  await expectNoSeriousViolations(page, 'a table loaded, a role and the target changed');
  await trainDone(page, '5');
  const matrix = page.getByRole('table', { name: 'Confusion matrix' });
  for (const island of ['Biscoe', 'Dream', 'Torgersen']) await expect(matrix.getByRole('rowheader', { name: island })).toBeVisible();
  await expect(metrics(page)).toContainText(/Validation accuracy\d+\.\d\d%/);
  // The run's model reads 9 inputs: 3 numbers, Species and Sex one-hot (Body Mass left out).
  expect(await metric(page, 'Model')).toMatch(/^9-100-3 ·/);
  await expect(page.getByRole('region', { name: 'Misclassified samples' })).toBeVisible();
  await expectNoSeriousViolations(page, 'a table trained');
});

test('a regression table shows R², RMSE and MAE, and an R² chart', async ({ page }) => {
  await loadTable(page, /^Cars/, '406 rows');
  await expect(page.getByRole('combobox', { name: 'Target column' })).toHaveValue('Miles_per_Gallon');
  await expect(page.getByRole('combobox', { name: 'Task' })).toHaveValue('regression');
  await trainDone(page, '30');
  await expect(metrics(page)).toContainText(/Validation R²0\.\d{3}/);
  await expect(metrics(page)).toContainText(/Validation RMSE\d+\.\d+/);
  await expect(metrics(page)).toContainText(/Validation MAE\d+\.\d+/);
  expect(Number(await metric(page, 'Validation R²'))).toBeGreaterThan(0.5);
  await expect(page.getByRole('figure', { name: 'R² chart' })).toBeVisible();
  await expect(page.getByRole('figure', { name: 'Accuracy chart' })).toHaveCount(0);
});

test('8x8 digits in a table, shown as images: the first images, and the drawing pad at 8x8', async ({ page }) => {
  await loadTable(page, /^Digits 8x8/, '6,000 rows');
  const asImages = page.getByRole('checkbox', { name: /Show as images \(8x8/ });
  await expect(asImages).toBeVisible();
  await asImages.check();
  const first = summary(page).getByRole('group', { name: 'First images' }).first();
  await expect(first.getByRole('img')).toHaveCount(16);
  await expect(first.getByRole('img').first()).toHaveJSProperty('width', 8);
  await trainDone(page, '3');
  await stroke(page, [[140, 40], [140, 240]]); // a one
  const input = page.getByRole('img', { name: 'Model input' });
  await expect(input).toHaveJSProperty('width', 8);
  await expect(page.getByRole('list', { name: 'Class probabilities' }).getByRole('listitem')).toHaveCount(10);
  // The gallery draws the held-out mistakes as 8x8 images too.
  await expect(page.getByRole('region', { name: 'Misclassified samples' }).getByRole('img').first()).toHaveJSProperty('width', 8);
});

test('a bad table is refused with a sentence naming the line or the column, and the loaded table stays', async ({ page }) => {
  await loadTable(page, /^Penguins/, '344 rows');
  const input = page.getByLabel('Dataset CSV');
  await input.setInputFiles({ name: 'ragged.csv', mimeType: 'text/csv', buffer: Buffer.from('a;b;c\n1;2;3\n4;5\n6;7;8\n') });
  await expect(page.getByRole('alert')).toContainText('Could not load "ragged.csv": line 3: 2 cells, but the header has 3 columns.');
  await expect(summary(page)).toContainText('penguins.csv');
  await input.setInputFiles({ name: 'one-class.csv', mimeType: 'text/csv', buffer: Buffer.from('x,label\n1,yes\n2,yes\n3,yes\n') });
  await expect(page.getByRole('alert')).toContainText('The target column "label" has one class only ("yes")');
  await expect(summary(page)).toContainText('penguins.csv');
  await expect(columns(page).locator('tbody tr')).toHaveCount(7);
});

test("a small table's Table preset batches its training rows exactly: a stratified split holds out per class", async ({ page }) => {
  // 3 classes of 15 rows: each holds out round(1.5) = 2, so 39 rows train, not the 40 that 10% of 45 leaves.
  const lines = ['x1,x2,kind', ...Array.from({ length: 45 }, (_, i) => `${i % 7},${(i * 3) % 11},${['a', 'b', 'c'][i % 3]}`)];
  await page.getByLabel('Dataset CSV').setInputFiles({ name: 'small.csv', mimeType: 'text/csv', buffer: Buffer.from(lines.join('\n') + '\n') });
  await expect(summary(page)).toContainText('45 rows');
  await expect(page.getByRole('combobox', { name: 'Preset' })).toHaveValue('table');
  await expect(page.getByLabel('Batch size', { exact: true })).toHaveValue('39');
  await trainDone(page, '2');
  await expect(metrics(page)).toContainText(/Validation accuracy\d+\.\d\d%/);
});
