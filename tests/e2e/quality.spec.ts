import { expect, test, type Page } from '@playwright/test';
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { loadSample, metric, train } from './helpers';

/**
 * The app against the headless trainer on Kaggle-sized MNIST. Long: the notebook recipe trains
 * 50 epochs of 33,600 digits in the browser (about a minute), then the CLI does the same.
 */
test.describe.configure({ timeout: 400_000 });
// Tracing snapshots the DOM from the page's main thread; it would add tasks to the measurement.
test.use({ trace: 'off' });

/**
 * Waits in the page for a text in the training status or metrics, checking twice a second with a
 * tiny function: Playwright's role-based polling runs on the page's main thread and would itself
 * show up as long tasks during the measurement.
 */
async function waitForText(page: Page, selector: string, pattern: RegExp, timeout: number): Promise<void> {
  await page.waitForFunction(([sel, source]) => new RegExp(source).test(document.querySelector(sel)?.textContent ?? ''), [selector, pattern.source] as const, { polling: 500, timeout });
}

test('notebook recipe on 42,000 rows: the app reports the headless trainer\'s held-out accuracy, and the page never freezes', async ({ page }) => {
  await page.goto('/');
  await loadSample(page, 'Kaggle-sized train.csv: 42,000 labeled digits', '42,000 rows');
  await expect(page.getByRole('combobox', { name: 'Preset' })).toHaveValue('notebook');

  await train(page);
  // Warm up: the first waitForFunction compiles Playwright's injected script in the page, a task of
  // tens of ms that is the test's, not the app's.
  await waitForText(page, '.training-progress', /running|done/, 10_000);
  // Main-thread tasks over 50 ms while training (observed from the first progress on: the click
  // that starts the run comes before training). Only tasks far above what this machine measures
  // fail the test (see the bounds below); the fine figures are `npm run bench:app`'s.
  await page.evaluate(() => {
    const w = window as unknown as { longTasks: number[]; frames: string[] };
    w.longTasks = [];
    w.frames = [];
    new PerformanceObserver((list) => list.getEntries().forEach((e) => w.longTasks.push(e.duration))).observe({ type: 'longtask' });
    // Which scripts ran in frames over 50 ms, to say what a long task was if one shows up.
    new PerformanceObserver((list) => list.getEntries().forEach((e) => {
      const scripts = (e as PerformanceEntry & { scripts: { invoker: string; duration: number }[] }).scripts;
      if (e.duration > 50) w.frames.push(`${Math.round(e.duration)} ms frame: ${scripts.map((x) => `${x.invoker} ${Math.round(x.duration)} ms`).join(' + ')}`);
    })).observe({ type: 'long-animation-frame' });
  });

  await waitForText(page, '.metrics', /Epoch([2-9]|\d\d) \/ 50/, 60_000);
  const pressMs = await page.evaluate(async () => {
    const status = document.querySelector('.training-progress')!;
    const press = async (label: string, state: string) => {
      const t0 = performance.now();
      (Array.from(document.querySelectorAll('button')).find((b) => b.textContent === label) as HTMLButtonElement).click();
      while (!status.textContent!.includes(state)) await new Promise((r) => requestAnimationFrame(r));
      return performance.now() - t0;
    };
    return [await press('Pause', 'paused'), await press('Resume', 'running')];
  });
  // Catastrophe bound, not a target: presses are answered in about 25 ms (bench:app, target
  // 100 ms); a second means the main thread is blocked, as training on it would do.
  expect(Math.max(...pressMs)).toBeLessThan(1000);

  await waitForText(page, '.training-progress', /100% · done/, 300_000);
  const { longTasks, frames } = await page.evaluate(() => {
    const w = window as unknown as { longTasks: number[]; frames: string[] };
    return { longTasks: w.longTasks, frames: w.frames };
  });
  // Catastrophe bound, not a target: the longest task measures under 50 ms here (bench:app's
  // target), 50-60 ms on a busy machine; a task over 250 ms is the main thread doing the training
  // or a whole chart redraw per message, not noise.
  expect(longTasks.filter((ms) => ms > 250), `main-thread tasks over 50 ms while training: ${longTasks.map(Math.round).join(', ')} ms; ${frames.join('; ')}`).toEqual([]);
  test.info().annotations.push({ type: 'main-thread tasks over 50 ms', description: longTasks.length ? longTasks.map(Math.round).join(', ') : 'none' });

  const appAcc = await metric(page, 'Validation accuracy');
  // Like with like: the CLI on the kernels and thread count the page's worker reports (fused
  // multiply-add and the order of sums across threads change the last bits).
  const engine = await metric(page, 'Engine');
  const [, flavour, threads] = /^WebAssembly (relaxed SIMD|SIMD).* on (\d+) threads?$/.exec(engine) ?? [];
  expect(threads, `the page's engine: ${engine}`).toBeDefined();
  const { stdout } = await promisify(execFile)('npx', ['tsx', 'cli/train.ts', '--data', 'public/data/mnist-train-42k.csv', '--preset', 'notebook', '--threads', threads, '--json'], { maxBuffer: 1 << 20 });
  const summary = JSON.parse(stdout.trim().split('\n').at(-1)!);
  expect({ kernel: summary.kernel, threads: summary.threads }).toEqual({ kernel: flavour === 'SIMD' ? 'wasm-simd' : 'wasm-relaxed-simd', threads: Number(threads) });
  test.info().annotations.push({ type: 'held-out accuracy', description: `app ${appAcc}, CLI ${(summary.valAcc * 100).toFixed(2)}%` });
  expect(appAcc).toBe(`${(summary.valAcc * 100).toFixed(2)}%`);
  expect(summary.valAcc).toBeGreaterThanOrEqual(0.974);
});

test('the fast preset reaches at least 97.5% held-out accuracy on 42,000 rows', async ({ page }) => {
  await page.goto('/');
  await loadSample(page, 'Kaggle-sized train.csv: 42,000 labeled digits', '42,000 rows');
  await page.getByRole('combobox', { name: 'Preset' }).selectOption('fast');
  await train(page);
  await expect(page.locator('.training-progress')).toContainText('100% · done', { timeout: 180_000 });
  const acc = await metric(page, 'Validation accuracy');
  test.info().annotations.push({ type: 'fast preset', description: `${acc} held-out after ${await metric(page, 'Elapsed')} of training` });
  expect(parseFloat(acc)).toBeGreaterThanOrEqual(97.5);
});
