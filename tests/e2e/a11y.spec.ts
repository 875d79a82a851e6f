import { expect, test, type Page } from '@playwright/test';
import { expectNoSeriousViolations } from './axe';
import { loadSample, setField, train, uploadBrokenCsv } from './helpers';

/** Draws a vertical stroke on the pad with the mouse. */
async function drawOne(page: Page): Promise<void> {
  const pad = page.getByRole('img', { name: 'Drawing pad' });
  await pad.scrollIntoViewIfNeeded();
  const box = (await pad.boundingBox())!;
  await page.mouse.move(box.x + box.width / 2, box.y + box.height * 0.15);
  await page.mouse.down();
  await page.mouse.move(box.x + box.width / 2, box.y + box.height * 0.85, { steps: 8 });
  await page.mouse.up();
}

test('axe finds no serious or critical problems: empty, dataset loaded, an error shown, training done, a digit drawn', async ({ page }) => {
  await page.goto('/');
  await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
  await expectNoSeriousViolations(page, 'empty');

  await loadSample(page);
  await expectNoSeriousViolations(page, 'dataset loaded');

  await uploadBrokenCsv(page, 'broken.csv');
  await expect(page.getByRole('alert')).toContainText('broken.csv');
  await expectNoSeriousViolations(page, 'error alert shown');
  await page.getByRole('button', { name: 'Dismiss message' }).click();

  await setField(page, 'Epochs', '2');
  await train(page);
  await expect(page.locator('.training-progress')).toContainText('done', { timeout: 60_000 });
  await expect(page.getByRole('table', { name: 'Confusion matrix' })).toBeVisible();
  await expectNoSeriousViolations(page, 'training done');

  await drawOne(page);
  await expect(page.getByRole('list', { name: 'Class probabilities' }).getByRole('listitem')).toHaveCount(10);
  await expectNoSeriousViolations(page, 'digit drawn');
});

interface Focused {
  /** e.g. `button "Train"`, `select "Preset"`, `input[file] "Dataset CSV"`; `none` when nothing has focus. */
  name: string;
  /** The element draws a focus ring (outline or box-shadow). */
  ring: boolean;
  /** Its box is at least partly inside the viewport. */
  inView: boolean;
  disabled: boolean;
}

/** What has the keyboard focus, by role-like tag and accessible name, and whether it shows. */
async function focused(page: Page): Promise<Focused> {
  return page.evaluate(() => {
    const el = document.activeElement as HTMLElement | null;
    if (!el || el === document.body) return { name: 'none', ring: false, inView: false, disabled: false };
    const input = el as HTMLInputElement;
    const label = el.getAttribute('aria-label') ?? (input.labels?.[0]?.textContent ?? el.textContent ?? '').trim();
    const kind = el.tagName === 'INPUT' ? `input[${input.type}]` : el.tagName.toLowerCase();
    const style = getComputedStyle(el);
    const outline = style.outlineStyle !== 'none' && parseFloat(style.outlineWidth) > 0;
    const shadow = style.boxShadow !== 'none' && style.boxShadow !== '';
    const r = el.getBoundingClientRect();
    const inView = r.width > 0 && r.height > 0 && r.bottom > 0 && r.right > 0 && r.top < innerHeight && r.left < innerWidth;
    return { name: `${kind} "${label.replace(/\s+/g, ' ')}"`, ring: outline || shadow, inView, disabled: input.disabled === true };
  });
}

/** The focused element shows a focus ring, on screen. */
async function expectFocusVisible(page: Page, expected?: string | RegExp): Promise<Focused> {
  const f = await focused(page);
  if (expected !== undefined) expect(f.name).toMatch(expected);
  expect(f.ring, `focus ring on ${f.name}`).toBe(true);
  expect(f.inView, `${f.name} scrolled into view`).toBe(true);
  return f;
}

/** Presses Tab (or Shift+Tab) until the focused element's description matches, checking the ring at every stop. */
async function tabTo(page: Page, target: RegExp, { back = false, max = 150 } = {}): Promise<void> {
  const seen: string[] = [];
  for (let i = 0; i < max; i++) {
    await page.keyboard.press(back ? 'Shift+Tab' : 'Tab');
    const f = await expectFocusVisible(page);
    seen.push(f.name);
    if (target.test(f.name)) return;
  }
  throw new Error(`no ${target} within ${max} tab stops; went through: ${seen.join(', ')}`);
}

const progress = (page: Page) => page.locator('.training-progress');

test('keyboard only: load the sample, choose a preset, train, pause, resume, stop, show more mistakes, open a confusion cell; the focus shows all the way', async ({ page }) => {
  await page.goto('/');
  await expect(page.getByRole('heading', { level: 1 })).toBeVisible();

  await tabTo(page, /^input\[file\] "Dataset CSV"$/, { max: 3 }); // among the first stops on the page
  await tabTo(page, /^select "Sample"$/, { max: 3 });
  expect(await page.evaluate(() => (document.activeElement as HTMLSelectElement).selectedOptions[0].text)).toMatch(/^MNIST 10,000 digits/);
  await tabTo(page, /^button "Load sample MNIST"$/, { max: 3 });
  await page.keyboard.press('Enter');
  await expect(page.getByRole('region', { name: 'Dataset summary' })).toContainText('10,000 rows', { timeout: 30_000 });
  await expectFocusVisible(page, /^button "Load sample MNIST"$/);

  // The preset: arrow keys on the closed select pick the next option.
  await tabTo(page, /^select "Preset"$/);
  await expect(page.getByLabel('Preset')).toHaveValue('notebook');
  await page.keyboard.press('ArrowDown');
  await expect(page.getByLabel('Preset')).toHaveValue('fast');
  await expectFocusVisible(page, /^select "Preset"$/);
  await expect(page.getByLabel('Hidden layers')).toHaveValue('384');
  // Enough epochs that the run is still going while it is paused, resumed and stopped.
  await tabTo(page, /^input\[number\] "Epochs"$/);
  await page.keyboard.press('ControlOrMeta+A');
  await page.keyboard.type('40');
  await expect(page.getByLabel('Epochs', { exact: true })).toHaveValue('40');

  await tabTo(page, /^button "Train"$/);
  await page.keyboard.press('Enter');
  await expect(progress(page)).toContainText('running');
  await tabTo(page, /^button "Pause"$/, { max: 1 });
  await page.keyboard.press('Space');
  await expect(progress(page)).toContainText('paused');
  await expectFocusVisible(page, /^button "Resume"$/); // the same button, now Resume
  await page.keyboard.press('Enter');
  await expect(progress(page)).toContainText('running');
  await expectFocusVisible(page, /^button "Pause"$/);
  // One epoch done, so the Errors panel has something to show.
  await expect(page.getByRole('table', { name: 'Confusion matrix' })).toHaveCount(1, { timeout: 60_000 });
  await tabTo(page, /^button "Stop"$/, { max: 3 });
  await page.keyboard.press('Enter');
  await expect(progress(page)).toContainText('stopped');
  // Stop is disabled now: the focus moved to Train, in the same row, rather than staying on a dead button.
  await expect.poll(async () => (await focused(page)).name).toBe('button "Train"');
  await expectFocusVisible(page, /^button "Train"$/);

  const items = page.getByRole('region', { name: 'Misclassified samples' }).getByRole('listitem');
  await expect(items).toHaveCount(24);
  await tabTo(page, /^button "Show 24 more"$/);
  await page.keyboard.press('Enter');
  await expect(items).toHaveCount(48);
  await expectFocusVisible(page, /^button "Show \d+ more"$/);

  // The first confusion cell with mistakes in it: it filters the gallery to them.
  await tabTo(page, /^button "true \d, predicted \d: \d+ samples"$/);
  const [, t, p, n] = (await focused(page)).name.match(/true (\d), predicted (\d): (\d+) samples/)!;
  await page.keyboard.press('Enter');
  await expect(items).toHaveCount(Math.min(24, Number(n)));
  for (const text of await items.allTextContents()) expect(text).toContain(`true ${t}, predicted ${p}`);
  await expect(page.getByRole('button', { name: `true ${t}, predicted ${p}:` })).toHaveAttribute('aria-pressed', 'true');
  await expectFocusVisible(page, new RegExp(`^button "true ${t}, predicted ${p}`));

  // And back up the page with Shift+Tab to the class filters, which the cell set.
  await tabTo(page, /^button "Show all classes"$/, { back: true });
  await page.keyboard.press('Enter');
  await expect(items).toHaveCount(24);
  // The button goes away with the filter; the keyboard stays in the filters, not at the top of the page.
  await expect.poll(async () => (await focused(page)).name).toMatch(/^select "True class/);
  await expectFocusVisible(page, /^select "True class/);
});
