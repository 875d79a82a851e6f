import { expect, type Page } from '@playwright/test';

/** Loads the bundled 10,000-digit sample and waits for its summary. */
export async function loadSample(page: Page, option = 'MNIST 10,000 digits (quick start)', rows = '10,000 rows'): Promise<void> {
  await page.getByRole('combobox').first().selectOption({ label: option });
  await page.getByRole('button', { name: 'Load sample MNIST' }).click();
  await expect(page.getByRole('region', { name: 'Dataset summary' })).toContainText(rows, { timeout: 30_000 });
}

export const metrics = (page: Page) => page.getByRole('region', { name: 'Training metrics' });

/** The value shown after a label in the Training metrics region, e.g. metric(page, 'Epoch') → "2 / 2". */
export async function metric(page: Page, name: string): Promise<string> {
  return (await metrics(page).locator('div', { has: page.locator('dt', { hasText: new RegExp(`^${name}$`) }) }).locator('dd').textContent()) ?? '';
}

export async function setField(page: Page, label: string, value: string): Promise<void> {
  await page.getByLabel(label, { exact: true }).fill(value);
}

/** Starts a run and waits until the worker reports it running. */
export async function train(page: Page): Promise<void> {
  await page.getByRole('button', { name: 'Train', exact: true }).click();
  await expect(page.locator('.training-progress')).toContainText(/running|done/);
}

/** Opens the page, loads the sample and trains a small network (`hidden` units) for `epochs` to the end. */
export async function trainSmall(page: Page, hidden = '32', epochs = '1'): Promise<void> {
  await page.goto('/');
  await loadSample(page);
  await setField(page, 'Hidden layers', hidden);
  await setField(page, 'Epochs', epochs);
  await train(page);
  await expect(page.locator('.training-progress')).toContainText('100% · done', { timeout: 60_000 });
}

/** Reset, answering its question: every run, the model and the kept workspace go. */
export async function resetEverything(page: Page): Promise<void> {
  await page.getByRole('button', { name: 'Reset', exact: true }).click();
  await page.getByRole('alertdialog', { name: 'Reset everything?' }).getByRole('button', { name: 'Reset everything' }).click();
  await expect(page.getByRole('alertdialog')).toHaveCount(0);
}

/** Draws a polyline on the pad with the mouse (pointer events), in pad coordinates (0-280). */
export async function stroke(page: Page, points: [number, number][]): Promise<void> {
  const pad = page.getByRole('img', { name: 'Drawing pad' });
  await pad.scrollIntoViewIfNeeded();
  const box = (await pad.boundingBox())!;
  const at = ([x, y]: [number, number]) => [box.x + (x * box.width) / 280, box.y + (y * box.height) / 280] as const;
  await page.mouse.move(...at(points[0]));
  await page.mouse.down();
  for (const p of points.slice(1)) await page.mouse.move(...at(p), { steps: 4 });
  await page.mouse.up();
}

/** The class and percent of each list item, e.g. [[1, 99.5], …]. */
export async function probabilities(page: Page): Promise<[number, number][]> {
  const items = await page.getByRole('list', { name: 'Class probabilities' }).getByRole('listitem').allTextContents();
  return items.map((t) => { const [d, p] = t.split(':'); return [Number(d), parseFloat(p)]; });
}

/** Uploads a train file whose line 2 has a non-number pixel, through the Dataset CSV input. */
export async function uploadBrokenCsv(page: Page, name = 'broken.csv'): Promise<void> {
  const header = ['label', ...Array.from({ length: 784 }, (_, i) => `pixel${i}`)].join(',');
  await page.getByLabel('Dataset CSV').setInputFiles({ name, mimeType: 'text/csv', buffer: Buffer.from(`${header}\n3,abc\n`) });
}
