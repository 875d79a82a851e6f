/**
 * The decision map of a table model: redrawn as it trains (its pixels differ between an early epoch and
 * the last), another pair of features redraws it, a neuron's thumbnail enlarges into it, a held value
 * moves it, and it has a text alternative; it is drawn on the run's threads; axe passes.
 */
import { expect, test, type Page } from '@playwright/test';
import { expectNoSeriousViolations } from './axe';
import { setField } from './helpers';

const mapRegion = (page: Page) => page.getByRole('region', { name: 'Decision map' });
const mapCanvas = (page: Page) => mapRegion(page).locator('.map-figure canvas');
const pixels = (page: Page) => mapCanvas(page).evaluate((c: HTMLCanvasElement) => c.toDataURL());
const progress = (page: Page) => page.locator('.training-progress');

/** Two features and two classes: inside or outside a circle, the playground's classic. */
function circlesCsv(rows: number): string {
  let s = 7;
  const rand = () => ((s = (Math.imul(s, 1664525) + 1013904223) >>> 0) / 4294967296);
  const lines = ['x1,x2,ring'];
  for (let i = 0; i < rows; i++) {
    const x = rand() * 4 - 2, y = rand() * 4 - 2;
    lines.push(`${x.toFixed(3)},${y.toFixed(3)},${x * x + y * y < 1.6 ? 'inner' : 'outer'}`);
  }
  return `${lines.join('\n')}\n`;
}

test.beforeEach(async ({ page }) => {
  await page.goto('/');
});

test('a two-feature table: the map is redrawn as it trains, and says what it shows', async ({ page }) => {
  await page.getByLabel('Dataset CSV').setInputFiles({ name: 'circles.csv', mimeType: 'text/csv', buffer: Buffer.from(circlesCsv(8000)) });
  await expect(page.getByRole('region', { name: 'Dataset summary' })).toContainText('8,000 rows');
  // Long enough (about 7,200 steps an epoch) that Pause lands in an early epoch.
  await setField(page, 'Epochs', '150');
  await setField(page, 'Patience', '0');
  await setField(page, 'Batch size', '1');
  await page.getByRole('button', { name: 'Train', exact: true }).click();
  await page.getByRole('button', { name: 'Pause' }).click();
  await expect(progress(page)).toContainText('paused');
  await page.getByRole('button', { name: 'Step epoch' }).click();
  await expect(progress(page)).toContainText('paused');
  // The epoch where training halted is always drawn.
  const caption = mapRegion(page).locator('figcaption');
  await expect(caption).toContainText(/^Epoch [1-9]\d*\./);
  const early = Number(/Epoch (\d+)/.exec((await caption.textContent()) ?? "")![1]);
  expect(early).toBeLessThan(150);
  const before = await pixels(page);
  await expect(mapCanvas(page)).toHaveAttribute('aria-label', /^Predicted ring over x1 across \(.+\) and x2 up \(.+\): (inner|outer) \d+% of the plane, (inner|outer) \d+% of the plane\.$/);
  await page.getByRole('button', { name: 'Resume' }).click();
  await expect(progress(page)).toContainText('100% · done', { timeout: 90_000 });
  await expect(caption).toContainText(/^Epoch 150\./);
  // Drawn on the threads the run trains on (its helpers started after the first map, drawn on one).
  const threads = await page.getByLabel('Threads').inputValue();
  await expect(caption).toContainText(new RegExp(`Drawn in \\d+ ms on ${threads} threads?\\.$`));
  expect(await pixels(page)).not.toBe(before);
  // The legend names both classes with their shares of the plane.
  await expect(mapRegion(page).getByRole('list', { name: 'Classes on the map' }).getByRole('listitem')).toHaveCount(2);
  await expectNoSeriousViolations(page, 'a decision map after training');
});

test('another pair of features redraws the map; a neuron enlarges into it; a held value moves it', async ({ page }) => {
  const sample = page.getByLabel('Table sample', { exact: true });
  await sample.selectOption({ label: (await sample.locator('option').allTextContents()).find((l) => l.startsWith('Penguins'))! });
  await page.getByRole('button', { name: 'Load sample table' }).click();
  await expect(page.getByRole('region', { name: 'Dataset summary' })).toContainText('344 rows', { timeout: 30_000 });
  await setField(page, 'Epochs', '15');
  await page.getByRole('button', { name: 'Train', exact: true }).click();
  await expect(progress(page)).toContainText('100% · done', { timeout: 90_000 });
  await expect(mapCanvas(page)).toHaveAttribute('aria-label', /^Predicted Species over /);

  const x = mapRegion(page).getByRole('combobox', { name: 'Map x feature' }), y = mapRegion(page).getByRole('combobox', { name: 'Map y feature' });
  const options = await x.locator('option').allTextContents();
  expect(options).toEqual(expect.arrayContaining(['Beak Length (mm)', 'Beak Depth (mm)', 'Flipper Length (mm)', 'Body Mass (g)']));
  const before = await pixels(page);
  const current = [await x.inputValue(), await y.inputValue()];
  const other = (await x.locator('option').evaluateAll((os) => os.map((o) => (o as HTMLOptionElement).value))).find((v) => !current.includes(v))!;
  await x.selectOption(other);
  const name = options[(await x.locator('option').evaluateAll((os) => os.map((o) => (o as HTMLOptionElement).value))).indexOf(other)];
  await expect(mapCanvas(page)).toHaveAttribute('aria-label', new RegExp(`^Predicted Species over ${name.replace(/[()]/g, '\\$&')} across`));
  await expect.poll(() => pixels(page)).not.toBe(before);

  // Hovering a neuron shows its map large; leaving it brings the prediction back.
  const mapNow = await pixels(page);
  const neuron = mapRegion(page).getByRole('img', { name: /^Neuron 1\.1( \(dead|$)/ });
  await neuron.hover();
  await expect(mapCanvas(page)).toHaveAttribute('aria-label', /^Neuron 1\.1: its activation over /);
  expect(await pixels(page)).not.toBe(mapNow);
  // Focus does the same for a keyboard.
  await page.mouse.move(0, 0);
  await expect(mapCanvas(page)).toHaveAttribute('aria-label', /^Predicted Species/);
  await neuron.focus();
  await expect(mapCanvas(page)).toHaveAttribute('aria-label', /^Neuron 1\.1: its activation over /);
  await mapRegion(page).locator('.decision-map__body').screenshot({ path: 'test-results/decision-map-neuron.png' });
  await mapRegion(page).getByRole('combobox', { name: 'Map x feature' }).focus();
  await expect(mapCanvas(page)).toHaveAttribute('aria-label', /^Predicted Species/);
  await expect(mapRegion(page).getByRole('img', { name: /^Neuron 1\./ })).toHaveCount(64);

  // The island, held at its most common value, moved to another: the plane shifts.
  const island = mapRegion(page).getByRole('combobox', { name: /^Hold Island/ });
  const islands = await island.locator('option').allTextContents();
  const held = await island.inputValue();
  await island.selectOption(islands.find((i) => i !== held)!);
  await expect.poll(() => pixels(page)).not.toBe(mapNow);
  await expectNoSeriousViolations(page, 'a decision map with another feature pair');
  await mapRegion(page).screenshot({ path: 'test-results/decision-map.png' });
});
