import { expect, test, type Page } from '@playwright/test';
import { expectNoSeriousViolations } from './axe';
import { loadSample, metric, probabilities, setField, stroke, train, trainSmall } from './helpers';

/**
 * Nothing lost by one click (issue 22): Reset asks first and Cancel keeps every run (also across a
 * reload); Train pressed while a run goes asks before it stops that run.
 */
const history = (page: Page) => page.getByRole('region', { name: 'Run history' });

async function twoRuns(page: Page): Promise<void> {
  await loadSample(page);
  await setField(page, 'Hidden layers', '32');
  await setField(page, 'Epochs', '1');
  for (let i = 0; i < 2; i++) {
    await train(page);
    await expect(page.locator('.training-progress')).toContainText('100% · done', { timeout: 60_000 });
  }
  await expect(history(page)).toContainText('Run 1');
  await expect(history(page)).toContainText('Run 2');
}

test('Reset asks first, naming what would go, with Cancel focused; Cancel keeps both runs, also after a reload', async ({ page }) => {
  await page.goto('/');
  await twoRuns(page);
  await page.getByRole('button', { name: 'Reset', exact: true }).click();
  const dialog = page.getByRole('alertdialog', { name: 'Reset everything?' });
  await expect(dialog).toBeVisible();
  await expect(dialog).toContainText('2 runs');
  await expect(dialog).toContainText('the trained model');
  await expect(dialog.getByRole('button', { name: 'Cancel' })).toBeFocused();
  await expectNoSeriousViolations(page, 'the Reset question open');
  await page.keyboard.press('Escape');
  await expect(dialog).toHaveCount(0);
  await expect(history(page)).toContainText('Run 2');

  await page.getByRole('button', { name: 'Reset', exact: true }).click();
  await dialog.getByRole('button', { name: 'Cancel' }).click();
  await expect(dialog).toHaveCount(0);
  await page.waitForTimeout(500); // the workspace is written 300 ms after a change
  await page.reload();
  await expect(history(page)).toContainText('Run 1');
  await expect(history(page)).toContainText('Run 2');

  // Answered, it resets: no run left.
  await page.getByRole('button', { name: 'Reset', exact: true }).click();
  await dialog.getByRole('button', { name: 'Reset everything' }).click();
  await expect(history(page)).toHaveCount(0);
});

test('Train pressed during a run asks before stopping it; Cancel lets it go on, and the answer starts a new run beside it', async ({ page }) => {
  await page.goto('/');
  await loadSample(page);
  await setField(page, 'Epochs', '200');
  await train(page);
  await expect(page.locator('.training-progress')).toContainText('running');
  await page.getByRole('button', { name: 'Train', exact: true }).click();
  const dialog = page.getByRole('alertdialog', { name: /^Stop run 1 at epoch \d+ of 200 and start a new one\?$/ });
  await expect(dialog).toBeVisible();
  await expect(dialog.getByRole('button', { name: 'Cancel' })).toBeFocused();
  await dialog.getByRole('button', { name: 'Cancel' }).click();
  await expect(dialog).toHaveCount(0);
  await expect(page.locator('.training-progress')).toContainText('running');
  await expect(history(page)).not.toContainText('Run 2');

  await page.getByRole('button', { name: 'Train', exact: true }).click();
  await dialog.getByRole('button', { name: 'Stop it and train' }).click();
  await expect(history(page)).toContainText('Run 2');
  await expect(history(page)).toContainText('Run 1');
  await page.getByRole('button', { name: 'Stop', exact: true }).click();
});

test('on a phone (390 x 844) Train stays on screen while Hidden layers, Learning rate and Epochs are edited, without covering them', async ({ page }) => {
  await page.setViewportSize({ width: 390, height: 844 });
  await page.goto('/');
  await loadSample(page);
  const trainButton = page.getByRole('button', { name: 'Train', exact: true });
  for (const label of ['Hidden layers', 'Learning rate', 'Epochs']) {
    const field = page.getByLabel(label, { exact: true });
    await field.scrollIntoViewIfNeeded();
    await field.focus();
    const bar = (await trainButton.boundingBox())!;
    const box = (await field.boundingBox())!;
    expect(bar.y, `Train on screen while ${label} is edited`).toBeGreaterThanOrEqual(0);
    expect(bar.y + bar.height).toBeLessThanOrEqual(844);
    expect(box.y + box.height, `${label} above the run bar`).toBeLessThanOrEqual((await page.locator('.run-controls').boundingBox())!.y);
    await field.fill(label === 'Hidden layers' ? '64' : label === 'Learning rate' ? '0.1' : '1');
  }
  await trainButton.click();
  await expect(page.locator('.training-progress')).toContainText('100% · done', { timeout: 60_000 });
});

/** Waits until the run is past its first epoch and in the middle of another, then presses Stop. */
async function stopMidEpoch(page: Page): Promise<void> {
  await expect.poll(async () => {
    const [epoch] = (await metric(page, 'Epoch')).split(' / ').map(Number);
    const [batch, of] = (await metric(page, 'Batch')).replaceAll(',', '').split(' / ').map(Number);
    return epoch >= 1 && batch > 0.1 * of && batch < 0.7 * of;
  }, { timeout: 60_000, intervals: [20] }).toBe(true);
  await page.getByRole('button', { name: 'Stop', exact: true }).click();
  await expect(page.locator('.training-progress')).toContainText('stopped');
}

/** The first `n` gallery samples' rows and predicted classes. */
async function galleryPredictions(page: Page, n: number): Promise<{ row: string; predicted: string }[]> {
  const items = page.getByRole('region', { name: 'Misclassified samples' }).getByRole('button', { name: /^Why this digit\? row \d+, true \d, predicted \d$/ });
  await expect(items.first()).toBeVisible();
  const labels = await items.evaluateAll((els, k) => els.slice(0, k).map((e) => e.getAttribute('aria-label')!), n);
  return labels.map((l) => { const [, row, , predicted] = /row (\d+), true (\d), predicted (\d)/.exec(l)!; return { row, predicted }; });
}

test('stopped in the middle of an epoch three times: the gallery, Why this digit and the saved model speak of one model', async ({ page }) => {
  test.setTimeout(180_000);
  await page.goto('/');
  await loadSample(page);
  await setField(page, 'Hidden layers', '512, 512');
  await setField(page, 'Batch size', '8');
  await setField(page, 'Epochs', '50');
  let heldNotes = 0;
  for (let attempt = 0; attempt < 3; attempt++) {
    await page.getByRole('button', { name: 'Train', exact: true }).click();
    await stopMidEpoch(page);
    expect(await metric(page, 'ETA'), 'a stopped run has no time left').toBe('–');
    const note = page.getByRole('status').filter({ hasText: /^Stopped in epoch (\d+): the model is epoch \d+'s/ });
    if (await note.count()) heldNotes++;
    const shown = await galleryPredictions(page, 12);
    const items = page.getByRole('region', { name: 'Misclassified samples' }).getByRole('button', { name: /^Why this digit\?/ });
    const why = page.getByRole('region', { name: 'Why this digit?' });
    for (let i = 0; i < shown.length; i++) {
      await items.nth(i).click();
      await expect(why, `sample ${i + 1} (row ${shown[i].row})`).toContainText(`predicted ${shown[i].predicted}`);
    }
    if (attempt === 0) {
      // The saved model file is the same model: loaded back, its mistakes on the held-out rows are the gallery's.
      const download = page.waitForEvent('download');
      await page.getByRole('button', { name: 'Save model' }).click();
      const path = test.info().outputPath('stopped.safetensors');
      await (await download).saveAs(path);
      await page.getByLabel('Model file').setInputFiles(path);
      await expect(page.getByRole('region', { name: 'Loaded model' })).toContainText('stopped.safetensors');
      await expect.poll(() => galleryPredictions(page, 12)).toEqual(shown);
    }
  }
  expect(heldNotes, 'stops that landed mid-epoch said so').toBeGreaterThan(0);
});

test('after a run that blew up, the next healthy run fills the loss chart; the outlier is named off it; a log scale shows both', async ({ page }) => {
  test.setTimeout(120_000);
  await page.goto('/');
  await loadSample(page);
  await setField(page, 'Hidden layers', '64');
  await setField(page, 'Learning rate', '10');
  await setField(page, 'Epochs', '1');
  await page.getByRole('button', { name: 'Train', exact: true }).click();
  await expect(page.locator('.training-progress')).toContainText(/failed|done/, { timeout: 60_000 });
  await setField(page, 'Learning rate', '0.1');
  await setField(page, 'Epochs', '2');
  await train(page);
  await expect(page.locator('.training-progress')).toContainText('100% · done', { timeout: 60_000 });
  const chart = page.getByRole('figure', { name: 'Loss chart' });
  await expect(chart.getByRole('note')).toContainText(/Off the chart, so that the current run fills it: run 1 \(up to [\d,.e+]+\)/);
  // How high the current run's lines (train, validation, running) reach above the axis' 0, as a share of its height.
  const fill = async () => chart.evaluate((fig) => {
    const axis = fig.querySelector('.recharts-yAxis .recharts-cartesian-axis-line')!.getBoundingClientRect();
    const lines = [...fig.querySelectorAll<SVGPathElement>('path.recharts-line-curve')].filter((p) => Number(p.getAttribute('stroke-opacity')) >= 0.35);
    const top = Math.min(...lines.map((p) => p.getBoundingClientRect().top));
    return (axis.bottom - top) / axis.height;
  });
  expect(await fill()).toBeGreaterThanOrEqual(0.25);
  const off = Number(/up to ([\d,.e+]+)\)/.exec((await chart.getByRole('note').textContent())!)![1].replaceAll(',', ''));
  expect(off).toBeGreaterThan(1);
  await chart.getByLabel('Log scale').check();
  await expect(chart.getByRole('note')).toHaveCount(0);
  // On a log scale every run is in range: the top tick (a power of ten; the epoch ticks are far smaller) is at least the outlier.
  await expect.poll(async () => Math.max(...(await chart.locator('.recharts-cartesian-axis-tick-value').allTextContents()).map((t) => Number(t.replaceAll(',', ''))))).toBeGreaterThanOrEqual(off);
});

test('clicking a gallery sample brings Why this digit into view and gives it the focus', async ({ page }) => {
  await trainSmall(page, '32', '1');
  const items = page.getByRole('region', { name: 'Misclassified samples' }).getByRole('button', { name: /^Why this digit\?/ });
  await items.first().scrollIntoViewIfNeeded();
  await items.first().click();
  const why = page.getByRole('region', { name: 'Why this digit?' });
  await expect(why).toBeInViewport({ ratio: 0.3 });
  await expect(why).toBeFocused();
});

test('loading another dataset over a trained model keeps the model: the drawing still gets the same probabilities', async ({ page }) => {
  await trainSmall(page, '32', '1');
  await stroke(page, [[140, 40], [140, 240]]);
  const list = page.getByRole('list', { name: 'Class probabilities' }).getByRole('listitem');
  await expect(list).toHaveCount(10);
  const before = await probabilities(page);
  // Twenty digits of the layout, read as the new training data.
  const header = ['label', ...Array.from({ length: 784 }, (_, i) => `pixel${i}`)].join(',');
  const rows = Array.from({ length: 20 }, (_, r) => [r % 10, ...Array.from({ length: 784 }, (_, i) => ((i * 7 + r * 13) % 97 < 20 ? 200 : 0))].join(','));
  await page.getByLabel('Dataset CSV').setInputFiles({ name: 'twenty.csv', mimeType: 'text/csv', buffer: Buffer.from(`${header}\n${rows.join('\n')}\n`) });
  await expect(page.getByRole('region', { name: 'Dataset summary' })).toContainText('20 rows');
  await expect(list).toHaveCount(10);
  expect(await probabilities(page)).toEqual(before);
  await page.getByRole('button', { name: 'Clear drawing' }).click();
  await stroke(page, [[140, 40], [140, 240]]);
  await expect(list).toHaveCount(10);
  expect(await probabilities(page)).toEqual(before);
});

test('every small chart says what it shows: the gallery\'s probability bars (with a legend), the layer health histograms and sparklines', async ({ page }) => {
  await trainSmall(page, '32', '2');
  const gallery = page.getByRole('region', { name: 'Misclassified samples' });
  await expect(gallery.getByRole('img', { name: /^Probabilities: \d \d+\.\d%, \d \d+\.\d%/ }).first()).toBeAttached();
  await expect(gallery).toContainText('the model\'s probability of each class, 0 to 100%');
  const health = page.getByRole('region', { name: 'Layer health' });
  await expect(health.getByRole('img', { name: /values in 20 bins from -?\d/ }).first()).toBeAttached();
  await expect(health.getByRole('img', { name: /^Gradient norm over the epochs: [\d.e+-]+ after epoch 1, [\d.e+-]+ after epoch 2 \(log scale\)$/ }).first()).toBeAttached();
});
