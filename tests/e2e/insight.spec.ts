/**
 * Inside a trained model: a regression's predicted-against-true scatter and its worst errors, the run
 * history's R² overlay and CSV for a table, permutation feature importance as sorted bars named as in
 * the file, and for digits as a pixel map computed on demand.
 */
import { readFileSync } from 'node:fs';
import { expect, test, type Page } from '@playwright/test';
import { expectNoSeriousViolations } from './axe';
import { loadSample, setField } from './helpers';

const summary = (page: Page) => page.getByRole('region', { name: 'Dataset summary' });
const importance = (page: Page) => page.getByRole('figure', { name: 'Feature importance' });

async function loadTable(page: Page, label: RegExp, rows: string): Promise<void> {
  const select = page.getByLabel('Table sample', { exact: true });
  const labels = await select.locator('option').allTextContents();
  await select.selectOption({ label: labels.find((l) => label.test(l))! });
  await page.getByRole('button', { name: 'Load sample table' }).click();
  await expect(summary(page)).toContainText(rows, { timeout: 30_000 });
}

async function trainDone(page: Page, epochs: string): Promise<void> {
  await setField(page, 'Epochs', epochs);
  await page.getByRole('button', { name: 'Train', exact: true }).click();
  await expect(page.locator('.training-progress')).toContainText('100% · done', { timeout: 90_000 });
}

/** The numbers of a column of a table's body rows, as shown. */
async function column(rows: ReturnType<Page['locator']>, cell: number): Promise<number[]> {
  const texts = await rows.evaluateAll((trs, k) => trs.map((tr) => tr.children[k]?.textContent ?? ''), cell);
  return texts.map((t) => Number(t.replace(/[^\d.−-]/g, '').replace('−', '-')));
}

test.beforeEach(async ({ page }) => {
  await page.goto('/');
});

test('a regression table: predicted vs true with the identity line, the worst errors ranked, and two runs on the R² chart', async ({ page }) => {
  await loadTable(page, /^Cars/, '406 rows');
  await trainDone(page, '30');
  const scatter = page.getByRole('figure', { name: 'Predicted vs true' });
  await expect(scatter).toBeVisible({ timeout: 15_000 });
  await expect(scatter).toContainText(/Predicted against true Miles_per_Gallon on the \d+ held-out rows/);
  await expect(scatter.locator('.recharts-scatter-symbol').first()).toBeVisible();
  expect(await scatter.locator('.recharts-scatter-symbol').count()).toBeGreaterThan(20);
  await expect(scatter.locator('.recharts-reference-line')).toHaveCount(1);
  await expect(scatter).toContainText('true Miles_per_Gallon');
  await expect(scatter).toContainText('predicted Miles_per_Gallon');

  // The worst errors: largest first, with true and predicted values and the file's cells.
  const errors = page.getByRole('region', { name: 'Prediction errors' });
  const rows = errors.locator('tbody tr');
  await expect(rows).toHaveCount(24);
  await expect(errors.locator('thead')).toContainText('Weight_in_lbs');
  const largest = await column(rows, 3);
  expect(largest).toEqual([...largest].sort((a, b) => b - a));
  const [t, p, e] = [await column(rows.first(), 1), await column(rows.first(), 2), await column(rows.first(), 3)];
  expect(Math.abs(Math.abs(p[0] - t[0]) - e[0])).toBeLessThan(0.01 * Math.max(1, e[0]));
  await page.getByRole('radio', { name: 'Lowest error' }).check();
  const smallest = await column(rows, 3);
  expect(smallest).toEqual([...smallest].sort((a, b) => a - b));
  expect(smallest[0]).toBeLessThanOrEqual(largest.at(-1)!);

  // Feature importance as R² drops, after the run's end.
  await expect(importance(page)).toContainText(/Drop in held-out R² when the column is shuffled, seed 42/, { timeout: 30_000 });
  await expect(importance(page).getByRole('rowheader', { name: 'Weight_in_lbs' })).toBeVisible();
  await expectNoSeriousViolations(page, 'a regression trained, its residuals shown');
  await scatter.scrollIntoViewIfNeeded();
  await page.locator('.residuals').screenshot({ path: 'test-results/insight-scatter.png' });

  // A second run with another seed: both on the R² chart, both in the history, the CSV names the schema.
  await setField(page, 'Seed', '7');
  await trainDone(page, '10');
  const chart = page.getByRole('figure', { name: 'R² chart' });
  await expect(chart.locator('.recharts-line')).toHaveCount(4, { timeout: 10_000 }); // train and validation of each run
  const history = page.getByRole('region', { name: 'Run history' });
  await expect(history.getByRole('listitem')).toHaveCount(2);
  for (const item of await history.getByRole('listitem').all()) await expect(item).toContainText(/validation R² -?\d\.\d{3}/);
  const [download] = await Promise.all([page.waitForEvent('download'), history.getByRole('button', { name: 'Download CSV' }).first().click()]);
  const csv = readFileSync((await download.path())!, 'utf8').trim().split('\n');
  expect(csv[0]).toContain('task,target,features');
  expect(csv).toHaveLength(11);
  expect(csv[1]).toMatch(/,regression,Miles_per_Gallon,7,/);
  await chart.scrollIntoViewIfNeeded();
  await chart.screenshot({ path: 'test-results/insight-r2-overlay.png' });
  await page.getByRole('checkbox', { name: 'Show run 1 on the charts' }).uncheck();
  await expect(chart.locator('.recharts-line')).toHaveCount(2, { timeout: 10_000 });

  // A run that barely moves from its start has an R² far below −1 (here about −3): the axis keeps its
  // floor at −1 and the run is drawn along it, instead of the axis stretching under its ticks.
  await page.getByRole('combobox', { name: 'Optimizer' }).selectOption('sgd');
  await page.getByRole('combobox', { name: 'Initialiser' }).selectOption('he');
  await setField(page, 'Learning rate', '0.00001');
  await setField(page, 'Seed', '42');
  await trainDone(page, '2');
  await expect(history.getByRole('listitem').first()).toContainText(/validation R² -[2-9]\.\d{3}/);
  // The chart redraws once a second: its current run's points are drawn (dots at epochs 1 and 2).
  await expect(chart.locator('.recharts-line-dot')).toHaveCount(2, { timeout: 10_000 });
  const ticks = chart.locator('.recharts-yAxis-tick-labels .recharts-cartesian-axis-tick-value');
  await expect(ticks.first()).toHaveText('-1.00');
  await expect(ticks.last()).toHaveText('1.00');
  const lowest = (await ticks.first().boundingBox())!, axis = (await chart.locator('.recharts-xAxis .recharts-cartesian-axis-line').boundingBox())!;
  expect(Math.abs(lowest.y + lowest.height / 2 - axis.y)).toBeLessThan(3);
  const dot = (await chart.locator('.recharts-line-dot').first().boundingBox())!;
  expect(Math.abs(dot.y + dot.height / 2 - axis.y)).toBeLessThan(3);
  await chart.screenshot({ path: 'test-results/insight-r2-floor.png' });
});

test('a classification table: feature importance as sorted bars after training ends, named as in the file', async ({ page }) => {
  await loadTable(page, /^Penguins/, '344 rows');
  await trainDone(page, '60');
  const figure = importance(page);
  await expect(figure).toBeVisible({ timeout: 30_000 });
  await expect(figure).toContainText(/Drop in held-out accuracy \(in percentage points, pp\) when the column is shuffled, seed 42, \d+ held-out rows; unshuffled/);
  const rows = figure.locator('tbody tr');
  await expect(rows).toHaveCount(6);
  const names = await figure.getByRole('rowheader').allTextContents();
  expect(names.sort()).toEqual(['Beak Depth (mm)', 'Beak Length (mm)', 'Body Mass (g)', 'Flipper Length (mm)', 'Island', 'Sex'].sort());
  const drops = await column(rows, 2);
  expect(drops).toEqual([...drops].sort((a, b) => b - a));
  expect(drops[0]).toBeGreaterThan(0);
  // On demand, again: the same seed gives the same bars.
  await page.getByRole('button', { name: 'Compute feature importance' }).click();
  await expect(page.getByRole('button', { name: 'Compute feature importance' })).toBeEnabled();
  expect(await column(rows, 2)).toEqual(drops);
  await expectNoSeriousViolations(page, 'a classifier trained, its feature importance shown');
  await figure.scrollIntoViewIfNeeded();
  await page.locator('.importance').screenshot({ path: 'test-results/insight-importance-bars.png' });
  await page.setViewportSize({ width: 390, height: 844 });
  await figure.scrollIntoViewIfNeeded();
  await page.locator('.importance').screenshot({ path: 'test-results/insight-importance-phone.png' });
});

test('MNIST digits: feature importance computed on demand draws the pixel map', async ({ page }) => {
  await loadSample(page);
  await setField(page, 'Epochs', '1');
  await page.getByRole('button', { name: 'Train', exact: true }).click();
  await expect(page.locator('.training-progress')).toContainText('100% · done', { timeout: 90_000 });
  // The run's end measures it (784 pixels on 2,000 held-out rows); then asked for again.
  await expect(importance(page)).toBeVisible({ timeout: 60_000 });
  await page.getByRole('button', { name: 'Compute feature importance' }).click();
  await expect(page.getByRole('progressbar', { name: 'Computing feature importance' })).toBeVisible();
  await expect(page.getByRole('button', { name: 'Compute feature importance' })).toBeEnabled({ timeout: 60_000 });
  const figure = importance(page);
  await expect(figure).toContainText(/seed 42, 2,000 held-out rows/);
  const map = figure.getByRole('img', { name: /^Pixel importance map, 28x28: \d+ pixels cost accuracy when shuffled, centred on row \d+, column \d+\.$/ });
  await expect(map).toBeVisible();
  // Drawn: red pixels where shuffling costs accuracy, white where it changes nothing (the corners).
  const { red, corner } = await map.evaluate((c) => {
    const d = (c as HTMLCanvasElement).getContext('2d')!.getImageData(0, 0, 28, 28).data;
    let n = 0;
    for (let i = 0; i < d.length; i += 4) if (d[i] > 200 && d[i + 2] < 180) n++;
    return { red: n, corner: [d[0], d[1], d[2]] };
  });
  expect(red).toBeGreaterThan(10);
  expect(corner).toEqual([255, 255, 255]);
  await expect(figure.getByRole('table', { name: /most important pixels/ }).locator('tbody tr')).toHaveCount(10);
  await expect(figure.getByRole('rowheader').first()).toHaveText(/^pixel\d+$/);
  await expectNoSeriousViolations(page, 'digits, feature importance as a pixel map');
  await figure.scrollIntoViewIfNeeded();
  await page.locator('.importance').screenshot({ path: 'test-results/insight-importance-map.png' });
});
