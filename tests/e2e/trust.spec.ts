import { expect, test, type Page } from '@playwright/test';
import { expectNoSeriousViolations } from './axe';
import { loadSample, setField, train } from './helpers';

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
