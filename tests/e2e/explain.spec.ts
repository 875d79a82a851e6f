import { expect, test } from '@playwright/test';
import { expectNoSeriousViolations } from './axe';
import { loadSample, trainSmall } from './helpers';

/**
 * Words a beginner understands (issue 22): beside each setting and chart an `Explain <name>` button
 * opens a plain explanation in a non-modal dialog, which Escape closes (the focus back on the button).
 */
const SEVENTEEN = [
  'hidden layers', 'activation', 'optimizer', 'learning rate', 'batch size', 'epochs', 'validation split', 'seed', 'L2 decay',
  'dropout', 'learning-rate schedule', 'augmentation', 'threads', 'loss', 'accuracy', 'confusion matrix', 'layer health',
];

test('each of the 17 Explain buttons opens a text of 40 characters or more, and Escape closes it', async ({ page }) => {
  test.setTimeout(90_000);
  await trainSmall(page, '32', '1');
  let opened = 0;
  for (const name of SEVENTEEN) {
    const button = page.getByRole('button', { name: `Explain ${name}`, exact: true });
    await expect(button, name).toHaveCount(1);
    await button.scrollIntoViewIfNeeded();
    await button.click();
    const dialog = page.getByRole('dialog', { name: new RegExp(`^${name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}, explained$`, 'i') });
    await expect(dialog, name).toBeVisible();
    expect(((await dialog.textContent()) ?? '').length, name).toBeGreaterThanOrEqual(40);
    if (opened === 0) await expectNoSeriousViolations(page, 'an explanation open');
    await page.keyboard.press('Escape');
    await expect(dialog, name).toHaveCount(0);
    await expect(button).toBeFocused();
    opened++;
  }
  expect(opened).toBe(17);
});

test('a table\'s words are explained too: target column, task, missing values, patience', async ({ page }) => {
  await page.goto('/');
  await page.getByLabel('Dataset CSV').setInputFiles({ name: 'tiny.csv', mimeType: 'text/csv', buffer: Buffer.from('a,b,kind\n1,2,x\n3,4,y\n5,6,x\n7,8,y\n9,1,x\n2,3,y\n') });
  for (const name of ['target column', 'task', 'missing values', 'patience']) {
    await page.getByRole('button', { name: `Explain ${name}`, exact: true }).click();
    await expect(page.getByRole('dialog', { name: new RegExp(`^${name}, explained$`, 'i') })).toContainText(/.{40,}/);
    await page.keyboard.press('Escape');
  }
});

test('a preset says what it set and whether the loaded data is smaller than its figures need; no preset name is cut off', async ({ page }) => {
  await page.goto('/');
  await loadSample(page);
  await page.getByLabel('Preset').selectOption('best');
  const note = page.getByRole('status').filter({ hasText: /^Best in a minute set 8 settings: / });
  await expect(note).toContainText('hidden layers 512');
  await expect(note).toContainText('the loaded data has 10,000 labeled rows');
  // Every option's text fits the select's width (its font, less the padding and the arrow).
  const overflow = await page.getByLabel('Preset').evaluate((el) => {
    const select = el as HTMLSelectElement, style = getComputedStyle(select);
    const ctx = document.createElement('canvas').getContext('2d')!;
    ctx.font = `${style.fontWeight} ${style.fontSize} ${style.fontFamily}`;
    const room = select.clientWidth - parseFloat(style.paddingLeft) - parseFloat(style.paddingRight) - 20;
    return [...select.options].filter((o) => !o.disabled).map((o) => o.text).filter((t) => ctx.measureText(t).width > room);
  });
  expect(overflow).toEqual([]);
});
