/**
 * Why this row? on a table: a misclassified held-out row's feature contributions, each under the
 * file's own column name, with the integrated gradients' sum checked against the change in score; a
 * typed row explained; a typed row with a bad number refused, naming the column.
 */
import { expect, test, type Page } from '@playwright/test';
import { expectNoSeriousViolations } from './axe';
import { setField } from './helpers';

const FEATURES = ['Island', 'Beak Length (mm)', 'Beak Depth (mm)', 'Flipper Length (mm)', 'Body Mass (g)', 'Sex'];

async function loadPenguins(page: Page): Promise<void> {
  const sample = page.getByLabel('Table sample', { exact: true });
  const labels = await sample.locator('option').allTextContents();
  await sample.selectOption({ label: labels.find((l) => l.startsWith('Penguins'))! });
  await page.getByRole('button', { name: 'Load sample table' }).click();
  await expect(page.getByRole('region', { name: 'Dataset summary' })).toContainText('344 rows', { timeout: 30_000 });
}

async function trainDone(page: Page): Promise<void> {
  await page.getByRole('button', { name: 'Train', exact: true }).click();
  await expect(page.locator('.training-progress')).toContainText('100% · done', { timeout: 90_000 });
}

/** A number as the page writes it ("−1.250" with a true minus sign). */
const read = (text: string) => Number(text.replace('−', '-'));

/**
 * The completeness line's two sides, the gap it reports, and z(row): the integrated gradients must add
 * up to the change in score within 1% of the score (plus the 3 decimals the page rounds to).
 */
async function expectComplete(region: ReturnType<Page['getByRole']>): Promise<void> {
  const text = (await region.getByText(/^Σ integrated gradients =/).textContent()) ?? '';
  const m = text.match(/^Σ integrated gradients = (−?[\d.]+); z\(row\) − z\(medians\) = (−?[\d.]+): (.*)$/);
  if (!m) throw new Error(`no completeness line in "${text}"`);
  expect(m[3]).toMatch(/^(under 0\.1%|0\.\d% |1\.0% )?.*\(within 1%, \d+ steps\)\.$/);
  const score = read(((await region.getByText(/z\(row\) = /).first().textContent()) ?? '').match(/z\(row\) = (−?\d+\.\d+)/)![1]);
  expect(Math.abs(read(m[1]) - read(m[2]))).toBeLessThanOrEqual(0.01 * Math.abs(score) + 0.002);
}

test('a gallery row and a typed row, explained feature by feature under the file\'s column names', async ({ page }) => {
  await page.goto('/');
  await loadPenguins(page);
  // One epoch at a tiny learning rate: a model still near its initialisation, so held-out rows are misclassified.
  await setField(page, 'Epochs', '1');
  await setField(page, 'Learning rate', '0.00001');
  await trainDone(page);

  // A misclassified held-out row: its own button in the gallery's table.
  const gallery = page.getByRole('region', { name: 'Misclassified samples' });
  const first = gallery.getByRole('row').nth(1);
  const truth = ((await first.getByRole('cell', { name: /^true / }).textContent()) ?? '').replace(/^true /, '');
  const rowNumber = (await first.getByRole('rowheader').textContent()) ?? '';
  await first.getByRole('button', { name: /^Why this row\?/ }).click();

  const why = page.getByRole('region', { name: 'Why this row?' });
  await expect(why.getByRole('heading')).toContainText(new RegExp(`^Why this row\\? predicted (Adelie|Chinstrap|Gentoo) \\(\\d+\\.\\d%\\), true ${truth}$`));
  await expect(why).toContainText(`Row ${rowNumber} of the training file`);
  const table = why.getByRole('table', { name: /^Feature contributions/ });
  await expect(table.locator('tbody tr')).toHaveCount(FEATURES.length);
  for (const name of FEATURES) await expect(table.getByRole('rowheader', { name, exact: true })).toBeVisible();
  await expect(table.getByRole('columnheader')).toHaveText(['feature', 'value', 'gradient × input', 'integrated gradients']);
  // Every number carries its sign in text, not in colour alone.
  for (const cell of await table.locator('tbody td .why-row__num').allTextContents()) expect(cell).toMatch(/^[+−]\d+\.\d+$/);
  await expectComplete(why);
  await expect(why).toContainText('The baseline is the medians row');
  await expectNoSeriousViolations(page, 'a gallery row explained');

  // A trained model (the Table preset's learning rate): the last answer was another model's, so it goes.
  await setField(page, 'Learning rate', '0.001');
  await setField(page, 'Epochs', '20');
  await trainDone(page);
  await expect(why).toHaveCount(0);

  // A row typed in the form, starting from the medians: a long beak on Dream, as a Chinstrap's.
  const form = page.getByRole('form', { name: 'Explain a row you type' });
  for (const name of FEATURES) await expect(form.getByLabel(name, { exact: true })).toBeVisible();
  await expect(form.getByLabel('Beak Length (mm)', { exact: true })).toHaveValue(/^\d+(\.\d+)?$/);
  await form.getByLabel('Beak Length (mm)', { exact: true }).fill('55.5');
  await form.getByLabel('Island', { exact: true }).selectOption('Dream');
  await form.getByLabel('Beak Depth (mm)', { exact: true }).fill('18.6');
  await form.getByLabel('Flipper Length (mm)', { exact: true }).fill('193');
  await form.getByLabel('Body Mass (g)', { exact: true }).fill('3650');
  await form.getByLabel('Sex', { exact: true }).selectOption('MALE');
  await form.getByRole('button', { name: 'Why this row?' }).click();
  await expect(why).toContainText('The row you typed');
  await expect(why.getByRole('heading')).toHaveText(/^Why this row\? predicted (Adelie|Chinstrap|Gentoo) \(\d+\.\d%\)$/);
  await expect(table.getByRole('row', { name: /^Beak Length \(mm\)/ })).toContainText('55.5');
  await expect(table.getByRole('row', { name: /^Island/ })).toContainText('Dream');
  await expectComplete(why);
  await why.scrollIntoViewIfNeeded();
  await why.screenshot({ path: 'test-results/why-this-row.png' });

  // A bad number: refused with a sentence naming the column; the last explanation stays.
  await form.getByLabel('Flipper Length (mm)', { exact: true }).fill('long');
  await form.getByRole('button', { name: 'Why this row?' }).click();
  await expect(form.getByRole('alert')).toHaveText(/^"long" in Flipper Length \(mm\) is not a number: the model reads a number there/);
  await expect(table.getByRole('row', { name: /^Beak Length \(mm\)/ })).toContainText('55.5');
  await expectNoSeriousViolations(page, 'a typed row refused');
});

test('a regression table: a typed row explained in the target\'s units', async ({ page }) => {
  await page.goto('/');
  const sample = page.getByLabel('Table sample', { exact: true });
  const labels = await sample.locator('option').allTextContents();
  await sample.selectOption({ label: labels.find((l) => l.startsWith('Cars'))! });
  await page.getByRole('button', { name: 'Load sample table' }).click();
  await expect(page.getByRole('region', { name: 'Dataset summary' })).toContainText('406 rows', { timeout: 30_000 });
  await setField(page, 'Epochs', '10');
  await trainDone(page);
  const form = page.getByRole('form', { name: 'Explain a row you type' });
  await form.getByLabel('Weight_in_lbs', { exact: true }).fill('2000');
  await form.getByRole('button', { name: 'Why this row?' }).click();
  const why = page.getByRole('region', { name: 'Why this row?' });
  await expect(why.getByRole('heading')).toHaveText(/^Why this row\? predicted Miles_per_Gallon \d+\.\d+$/);
  await expect(why.getByRole('table', { name: /^Feature contributions to the predicted Miles_per_Gallon/ }).getByRole('row', { name: /^Weight_in_lbs 2000/ })).toBeVisible();
  await expectComplete(why);
  await expectNoSeriousViolations(page, 'a regression row explained');
});
