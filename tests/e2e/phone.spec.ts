import { expect, test, type Page } from '@playwright/test';
import { loadSample, setField, train, uploadBrokenCsv } from './helpers';

// A phone: 390 x 844 CSS pixels (an iPhone 12-15), a touch screen, and a mobile viewport.
test.use({ viewport: { width: 390, height: 844 }, deviceScaleFactor: 2, isMobile: true, hasTouch: true });

/** Panels far from the viewport are not rendered (content-visibility: auto); render them all to measure the whole page. */
async function renderAllPanels(page: Page): Promise<void> {
  await page.addStyleTag({ content: '.panel { content-visibility: visible !important; }' });
}

/** The page's width against the viewport's, and every visible control that reaches beyond the viewport's sides. */
async function layout(page: Page): Promise<{ scrollWidth: number; clientWidth: number; cut: string[] }> {
  return page.evaluate(() => {
    const clientWidth = document.documentElement.clientWidth;
    const cut: string[] = [];
    for (const el of document.querySelectorAll<HTMLElement>('button, input, select, textarea, canvas')) {
      const r = el.getBoundingClientRect();
      if (!el.checkVisibility() || r.width <= 1 || r.height <= 1) continue; // hidden, or visually hidden for screen readers
      const left = r.left + scrollX, right = r.right + scrollX;
      if (left < 0 || right > clientWidth + 0.5) {
        const name = el.getAttribute('aria-label') ?? (el as HTMLInputElement).labels?.[0]?.textContent ?? el.textContent ?? '';
        cut.push(`${el.tagName.toLowerCase()} "${name.trim().slice(0, 40)}": ${left.toFixed(0)}..${right.toFixed(0)} px`);
      }
    }
    return { scrollWidth: document.documentElement.scrollWidth, clientWidth, cut };
  });
}

async function expectFits(page: Page, state: string): Promise<void> {
  await renderAllPanels(page);
  const { scrollWidth, clientWidth, cut } = await layout(page);
  expect(clientWidth, 'viewport width').toBe(390);
  expect(cut, `controls cut off at 390 px (${state})`).toEqual([]);
  expect(scrollWidth, `page width at 390 px (${state})`).toBeLessThanOrEqual(clientWidth);
}

test('at 390 px wide the page never scrolls sideways and no control is cut off: empty, loaded, an error shown, trained', async ({ page }) => {
  await page.goto('/');
  await expectFits(page, 'empty');

  await loadSample(page);
  await expectFits(page, 'dataset loaded');

  await uploadBrokenCsv(page, 'a-file-with-a-rather-long-name-from-a-phone-download-folder.csv');
  await expect(page.getByRole('alert')).toContainText('line 2');
  await expectFits(page, 'error alert shown');
  await page.getByRole('button', { name: 'Dismiss message' }).click();

  await setField(page, 'Epochs', '1');
  await train(page);
  await expect(page.locator('.training-progress')).toContainText('done', { timeout: 60_000 });
  await expect(page.getByRole('table', { name: 'Confusion matrix' })).toBeVisible();
  await expectFits(page, 'training done');
  await page.screenshot({ path: 'test-results/phone.png', fullPage: true });
});

/** Touch points along a polyline in pad coordinates (0-280), in the viewport's CSS pixels. */
async function padPoints(page: Page, points: [number, number][]): Promise<{ x: number; y: number }[]> {
  const pad = page.getByRole('img', { name: 'Drawing pad' });
  await pad.scrollIntoViewIfNeeded();
  const box = (await pad.boundingBox())!;
  const out: { x: number; y: number }[] = [];
  for (let i = 1; i < points.length; i++) {
    const [[x0, y0], [x1, y1]] = [points[i - 1], points[i]];
    for (let s = i === 1 ? 0 : 1; s <= 6; s++) {
      const x = x0 + ((x1 - x0) * s) / 6, y = y0 + ((y1 - y0) * s) / 6;
      out.push({ x: box.x + (x * box.width) / 280, y: box.y + (y * box.height) / 280 });
    }
  }
  return out;
}

test('a finger draws on the pad (real touch events): the page does not scroll, the model input shows the ink and the model reads a 1', async ({ page }) => {
  await page.goto('/');
  await loadSample(page);
  await setField(page, 'Epochs', '3');
  await train(page);
  await expect(page.locator('.training-progress')).toContainText('done', { timeout: 60_000 });

  const points = await padPoints(page, [[140, 40], [140, 140], [141, 240]]);
  // What reaches the pad: the pointer type of each pointer event.
  await page.getByRole('img', { name: 'Drawing pad' }).evaluate((pad) => {
    const w = window as unknown as { padPointers: string[] };
    w.padPointers = [];
    for (const type of ['pointerdown', 'pointermove', 'pointerup']) pad.addEventListener(type, (e) => w.padPointers.push(`${e.type}:${(e as PointerEvent).pointerType}`));
  });
  const scrollBefore = await page.evaluate(() => scrollY);

  // A finger, as the touch screen reports it: CDP touch events go through the browser's input
  // pipeline (hit testing, touch-action, touch to pointer events), as a real touch would.
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('Input.dispatchTouchEvent', { type: 'touchStart', touchPoints: [{ x: points[0].x, y: points[0].y, id: 1 }] });
  for (const p of points.slice(1)) await cdp.send('Input.dispatchTouchEvent', { type: 'touchMove', touchPoints: [{ x: p.x, y: p.y, id: 1 }] });
  await cdp.send('Input.dispatchTouchEvent', { type: 'touchEnd', touchPoints: [] });

  const probabilities = page.getByRole('list', { name: 'Class probabilities' });
  await expect(probabilities.getByRole('listitem')).toHaveCount(10);
  await expect(probabilities.locator('li[aria-current="true"]')).toContainText(/^1: /);

  const pointers = await page.evaluate(() => (window as unknown as { padPointers: string[] }).padPointers);
  expect(pointers[0]).toBe('pointerdown:touch');
  expect(pointers).toContain('pointermove:touch');
  expect(pointers.at(-1)).toBe('pointerup:touch');
  expect(await page.evaluate(() => scrollY), 'the page did not scroll under the finger').toBe(scrollBefore);

  // The model input: a vertical stroke, inked in a narrow band of columns and about 20 rows high.
  const inked = await page.locator('canvas[aria-label="Model input"]').evaluate((c: HTMLCanvasElement) => {
    const d = c.getContext('2d')!.getImageData(0, 0, 28, 28).data;
    const rows = new Set<number>(), cols = new Set<number>();
    for (let i = 0; i < 784; i++) if (d[i * 4] < 250) { rows.add(Math.floor(i / 28)); cols.add(i % 28); }
    return { rows: rows.size, cols: cols.size };
  });
  expect(inked.rows).toBe(20);
  expect(inked.cols).toBeLessThanOrEqual(8);

  await page.getByRole('button', { name: 'Clear drawing' }).click();
  await expect(probabilities).toHaveCount(0);
});
