/**
 * Take it further: `Export PyTorch script` downloads train.py of the page's settings and data, with a
 * paragraph on how to run it; and the round trip: a model saved here, continued by the script with
 * --resume in Debian's PyTorch, loads back in the page with its held-out accuracy shown.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, test } from '@playwright/test';
import { expectNoSeriousViolations } from './axe';
import { loadSample, setField } from './helpers';

const PYTHON = [process.env.PYTHON, '/usr/bin/python3', 'python3']
  .filter((p): p is string => Boolean(p))
  .find((p) => spawnSync(p, ['-c', 'import torch, numpy'], { stdio: 'ignore' }).status === 0);

test.beforeEach(async ({ page }) => {
  await page.goto('/');
});

test('Export PyTorch script downloads train.py of these settings, with how to run it', async ({ page }) => {
  await loadSample(page);
  await setField(page, 'Hidden layers', '64, 32');
  const section = page.getByRole('region', { name: 'Take it further' });
  await expect(section).toContainText('pip install torch numpy');
  await expect(section).toContainText('torchrun --nproc_per_node 4 train.py');
  const [download] = await Promise.all([page.waitForEvent('download'), section.getByRole('button', { name: 'Export PyTorch script' }).click()]);
  expect(download.suggestedFilename()).toBe('train.py');
  const text = readFileSync((await download.path())!, 'utf8');
  expect(text).toMatch(/^#!\/usr\/bin\/env python3\n"""train\.py: 784-64-32-10 relu on mnist-sample-10k\.csv/);
  expect(text).toMatch(/^HIDDEN = \[64, 32\] +#/m);
  expect(text).toMatch(/^DATA = "mnist-sample-10k\.csv" +#/m);
  await expectNoSeriousViolations(page, 'the export section');
  await section.screenshot({ path: 'test-results/export.png' });
});

test('a model saved here, continued by the script with --resume, loads back with its held-out accuracy', async ({ page }) => {
  test.skip(!PYTHON && !process.env.CI, 'needs a python3 with torch and numpy (bash scripts/ensure-python-torch.sh)');
  const dir = mkdtempSync(join(tmpdir(), 'export-e2e-'));
  await loadSample(page);
  await setField(page, 'Epochs', '1');
  await page.getByRole('button', { name: 'Train', exact: true }).click();
  await expect(page.locator('.training-progress')).toContainText('100% · done', { timeout: 60_000 });
  const [saved] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Save model' }).click()]);
  const model = join(dir, 'page.safetensors');
  await saved.saveAs(model);
  const [script] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Export PyTorch script' }).click()]);
  const train = join(dir, 'train.py');
  await script.saveAs(train);
  const resumed = join(dir, 'resumed.safetensors');
  const out = execFileSync(PYTHON!, [train, '--data', 'public/data/mnist-sample-10k.csv', '--resume', model, '--epochs', '1', '--out', resumed], { encoding: 'utf8' });
  const summary = JSON.parse(out.trim().split('\n').at(-1)!);
  expect(summary).toMatchObject({ summary: true, saved: resumed });
  await page.getByLabel('Model file').setInputFiles(resumed);
  await expect(page.getByRole('region', { name: 'Loaded model' })).toContainText('resumed.safetensors');
  // Its held-out accuracy, measured on the page's own split of the loaded data: the script's, to the hundredth.
  const errors = page.locator('#errors');
  await expect(errors).toContainText(`The loaded model on the 2,000 held-out rows: ${(summary.valAcc * 100).toFixed(2)}% accuracy`, { timeout: 30_000 });
});
