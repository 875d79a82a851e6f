/**
 * The app, end to end, in headless Chromium: the production build of the playground driven through
 * its UI like a person (accessible names), on the 42,000-row Kaggle-sized MNIST train set. Prints
 * one table of figures against their targets, then the details behind them.
 *
 *   npm run bench:app              (about 3 min)
 *
 * 1. Fast preset: load the sample, choose Preset "fast", Train, wait for "done". Time to accuracy:
 *    from the Train click's event timestamp to the commit that first shows a held-out (validation)
 *    accuracy of at least 97.5%; and the final held-out accuracy.
 * 1b. Best in a minute preset (784-512-10, Adam, ±2-pixel shifts, cosine, 45 epochs), in a fresh page, the
 *    same way: time to 98.5% (and to 98.0%, the earlier target) held-out, and the time to "done".
 * 2. Notebook preset, all 50 epochs, in a fresh page: time until the app first shows its final
 *    held-out accuracy (page clock, time paused taken off), against the headless Node trainer
 *    (cli/train.ts, same settings, run after the browser is closed so the two never share the CPU):
 *    Node's training and evaluation time to the same epoch, and its held-out accuracy, which must be the
 *    app's; and NumPy float32's 50 epochs of the same recipe (training only) against the app's 50.
 *    The Node run's per-epoch healthMs gives the cost of the layer health (src/train/probe.ts) against
 *    its training time.
 * 3. During (2): main-thread long tasks (PerformanceObserver 'longtask'; 'long-animation-frame'
 *    entries are kept as well, for their script attribution), and the latency of Pause: click it from
 *    the page and count the frames until the progress line says "paused"; then Resume. Seven times,
 *    spread over the run. A Chrome trace (category 'toplevel', one event per task) gives each
 *    main-thread task's thread time too: on a busy machine a task's wall time includes the time
 *    other processes held the core, its thread time only what the page spent.
 *
 * 4. The decision map's cost (bench/app/map-cost.ts): while a notebook-sized table model (42,000 rows x
 *    40 features, 40-128-5, SGD 0.1, batch 32, 50 epochs) trains in the worker's own code with the map
 *    shown, on the page's default threads (the maps too), the maps' time against the epochs' training
 *    time; and the map's forward pass alone on one thread and on those. The explanations' cost
 *    (bench/app/explain-cost.ts): Why this row's integrated gradients and Why this digit, on the
 *    TypeScript layers and on the WebAssembly kernels.
 *
 * 5. An elastic epoch against a plain one (issue 20): Simard's 784-800-10, one epoch of the 42,000
 *    digits with elastic distortions (α 34, σ 4) and one without, in a Chromium worker on the page's
 *    default thread count.
 *
 * Set BENCH_APP_MINIFY=0 for function names in the attribution of long frames; for a CPU profile of
 * every long task, see bench/app/trace.ts.
 *
 * The app is built with Vite's JS API from the project root (its own vite.config.ts) into
 * node_modules/.cache/bench-app and served on 127.0.0.1, cross-origin isolated like `vite preview`.
 */
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import type { AddressInfo } from 'node:net';
import { cpus } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium, type Browser, type Page } from '@playwright/test';
import { build } from 'vite';
import { CHROMIUM_ARGS, CHROMIUM_PATH } from '../../scripts/chromium';
import { serveIsolated } from '../static-server';
import { busyBetween, busyText, cpuTimes, machineBusy, median, printTargets } from '../stats';
import { benchNumpy, ensureNumpyOpenblas } from '../peers/numpy';
import { rawRows } from '../raw-rows';
import { loadMnist } from '../../scripts/mnist-source';
import { PIXELS } from '../../src/data/digits';
import { MAP_BUDGET } from '../../src/worker/map-slot';
import { GRID_SIDE } from '../../src/train/decision-grid';
import { MAP_ROWS, mapCost, mapForwardMs } from './map-cost';
import { IG_STEPS, explainCost } from './explain-cost';
import { ChromiumBench } from '../train/chromium';
import { BEST_IN_A_MINUTE_PRESET, LITERATURE_PRESETS } from '../../src/train/presets';
import { Augmenter } from '../../src/data/augment';
import { augmentOf } from '../../src/train/config';
import { defaultThreads } from '../../src/train/settings';

/** BENCH_APP_MINIFY=0 builds unminified, so long-animation-frame attribution names real functions. */
const MINIFY = process.env.BENCH_APP_MINIFY !== '0';
const ROOT = fileURLToPath(new URL('../..', import.meta.url)).replace(/\/$/, '');
const OUT_DIR = join(ROOT, 'node_modules/.cache/bench-app');
const CSV_REL = 'public/data/mnist-train-42k.csv';
const SAMPLE_LABEL = 'Kaggle-sized train.csv: 42,000 labeled digits';
const ROWS_TEXT = '42,000 rows';
const TRAIN_ROWS = 33_600;
const NOTEBOOK_EPOCHS = 50;
/** Where in the notebook run (progress %) each Pause is pressed. */
const PAUSE_AT_PERCENT = [5, 18, 31, 44, 57, 70, 83];
const PAUSES = PAUSE_AT_PERCENT.length;

const LOAD_TIMEOUT_MS = 60_000;
const FAST_TIMEOUT_MS = 150_000;
const NOTEBOOK_TIMEOUT_MS = 300_000;

const TARGET_FAST_ACC = 0.975;
const TARGET_FAST_SECONDS = 30;
/** Best in a minute: 98.5% held-out within 60 s of training (issue 20; it was 98.0%, with 98.5% the stretch). */
const TARGET_BEST_ACC = 0.985;
/** The earlier target, still shown. */
const EARLIER_BEST_ACC = 0.98;
const TARGET_BEST_SECONDS = 60;
/** An elastic epoch may cost at most this many plain ones (issue 20). */
const TARGET_ELASTIC_RATIO = 1.2;
/** The page's default thread count on this machine (the page asks the same function, with navigator.hardwareConcurrency). */
const THREADS = defaultThreads(cpus().length);
/** Layer health must not slow training measurably: at most this share of the training time. */
const TARGET_HEALTH_SHARE = 0.02;
/** The decision map's share of training time at most (issue 18), as map-slot.ts budgets it. */
const TARGET_MAP_SHARE = MAP_BUDGET;
const BEST_TIMEOUT_MS = 240_000;
const TARGET_LONG_TASK_MS = 50;
const TARGET_BUTTON_MS = 100;

// ---------------------------------------------------------------------------------------------
// Static server for the built app, cross-origin isolated like vite.config.ts's preview.headers.


// ---------------------------------------------------------------------------------------------
// What the page records for the benchmark (installed with page.evaluate, read back at the end).

interface LongTask {
  start: number;
  duration: number;
  /** TaskAttributionTiming: containerType / containerName / containerSrc (often just "window"). */
  attribution: string;
}

interface LoafScript {
  invoker: string;
  invokerType: string;
  sourceURL: string;
  sourceFunctionName: string;
  duration: number;
  /** Style and layout the script forced synchronously (ms, part of its duration). */
  forcedLayoutMs: number;
}

interface LongFrame {
  start: number;
  duration: number;
  blockingDuration: number;
  /** requestAnimationFrame callbacks, ResizeObserver callbacks and the like: renderStart → styleAndLayoutStart (ms). */
  frameCallbacksMs: number;
  /** Style, layout and paint: styleAndLayoutStart → end of the frame (ms). */
  layoutMs: number;
  scripts: LoafScript[];
}

interface BenchState {
  longTasks: LongTask[];
  longFrames: LongFrame[];
  clickAt?: number;
  doneAt?: number;
  states: { at: number; text: string }[];
  /** When the Epoch metric changed, to what ("1 / 5"), and the Validation accuracy shown then ("97.48%"). */
  epochs: { at: number; text: string; valAcc: string }[];
}

declare global {
  interface Window {
    __appBench?: BenchState;
  }
}

/** Observers for long tasks and long animation frames, the Train click's timestamp, and the progress line's states. */
async function instrument(page: Page): Promise<void> {
  await page.evaluate(() => {
    const state: BenchState = { longTasks: [], longFrames: [], states: [], epochs: [] };
    window.__appBench = state;
    new PerformanceObserver((list) => {
      for (const e of list.getEntries()) {
        const attribution = ((e as PerformanceEntry & { attribution?: { containerType: string; containerName: string; containerSrc: string; name: string }[] }).attribution ?? [])
          .map((a) => [a.name, a.containerType, a.containerName, a.containerSrc].filter(Boolean).join(' '))
          .join('; ');
        state.longTasks.push({ start: e.startTime, duration: e.duration, attribution });
      }
    }).observe({ type: 'longtask' });
    if (PerformanceObserver.supportedEntryTypes.includes('long-animation-frame')) {
      interface Loaf extends PerformanceEntry {
        blockingDuration: number;
        renderStart: number;
        styleAndLayoutStart: number;
        scripts: (PerformanceEntry & { invoker: string; invokerType: string; sourceURL: string; sourceFunctionName: string; forcedStyleAndLayoutDuration: number })[];
      }
      new PerformanceObserver((list) => {
        for (const e of list.getEntries() as Loaf[]) {
          state.longFrames.push({
            start: e.startTime,
            duration: e.duration,
            blockingDuration: e.blockingDuration,
            frameCallbacksMs: e.renderStart > 0 && e.styleAndLayoutStart > 0 ? e.styleAndLayoutStart - e.renderStart : 0,
            layoutMs: e.styleAndLayoutStart > 0 ? e.startTime + e.duration - e.styleAndLayoutStart : 0,
            scripts: e.scripts.map((s) => ({ invoker: s.invoker, invokerType: s.invokerType, sourceURL: s.sourceURL, sourceFunctionName: s.sourceFunctionName, duration: s.duration, forcedLayoutMs: s.forcedStyleAndLayoutDuration })),
          });
        }
      }).observe({ type: 'long-animation-frame' });
    }
    // The click's own timestamp (what a person's press would be), whoever dispatches it.
    document.addEventListener('click', (e) => {
      const b = (e.target as Element).closest('button');
      if (b && b.textContent === 'Train') state.clickAt = e.timeStamp;
    }, true);
    const status = document.querySelector('.training-progress')!;
    new MutationObserver(() => {
      const text = status.textContent ?? '';
      const last = state.states.at(-1);
      const word = text.split('·').pop()!.trim();
      if (!last || last.text !== word) state.states.push({ at: performance.now(), text: word });
      if (state.doneAt === undefined && state.clickAt !== undefined && word === 'done') state.doneAt = performance.now();
    }).observe(status, { subtree: true, childList: true, characterData: true });
    const metrics = document.querySelector('section[aria-label="Training metrics"]')!;
    new MutationObserver(() => {
      const text = metrics.querySelector('dd')?.textContent ?? '';
      const valAcc = Array.from(metrics.querySelectorAll('dt')).find((dt) => dt.textContent === 'Validation accuracy')?.nextElementSibling?.textContent ?? '';
      const last = state.epochs.at(-1);
      if (text !== last?.text || valAcc !== last.valAcc) state.epochs.push({ at: performance.now(), text, valAcc });
    }).observe(metrics, { subtree: true, childList: true, characterData: true });
  });
}

async function readState(page: Page): Promise<BenchState> {
  return page.evaluate(() => window.__appBench!);
}

// ---------------------------------------------------------------------------------------------
// Driving the UI.

async function metric(page: Page, name: string): Promise<string> {
  const region = page.getByRole('region', { name: 'Training metrics' });
  return (await region.locator('div', { has: page.locator('dt', { hasText: new RegExp(`^${name}$`) }) }).locator('dd').textContent()) ?? '';
}

async function openApp(browser: Browser, url: string, problems: string[]): Promise<{ page: Page; loadSeconds: number }> {
  const page = await browser.newPage();
  page.on('pageerror', (e) => problems.push(`page error: ${e.message}`));
  page.on('console', (m) => {
    if (m.type() === 'error') problems.push(`console error: ${m.text()}`);
  });
  await page.goto(url);
  const t0 = performance.now();
  await page.getByRole('combobox').first().selectOption({ label: SAMPLE_LABEL });
  await page.getByRole('button', { name: 'Load sample MNIST' }).click();
  await page.getByRole('region', { name: 'Dataset summary' }).getByText(ROWS_TEXT).first().waitFor({ timeout: LOAD_TIMEOUT_MS });
  return { page, loadSeconds: (performance.now() - t0) / 1000 };
}

async function progressPercent(page: Page): Promise<number> {
  return Number(await page.getByRole('progressbar', { name: 'Training progress' }).getAttribute('aria-valuenow'));
}

/** Pause from the page (click, then count frames until "paused" shows), then Resume likewise. */
async function pauseAndResume(page: Page): Promise<{ pauseMs: number; resumeMs: number; pausedAt: number; resumedAt: number } | null> {
  return page.evaluate(async () => {
    const status = document.querySelector('.training-progress')!;
    // No named helper functions in here: tsx would wrap them in its __name(), which the page lacks.
    const pause = Array.from(document.querySelectorAll('button')).find((b) => b.textContent === 'Pause');
    if (!pause || pause.disabled || !status.textContent!.includes('running')) return null;
    const t0 = performance.now();
    pause.click();
    while (!status.textContent!.includes('paused')) await new Promise((r) => requestAnimationFrame(r));
    const pausedAt = performance.now();
    const t1 = performance.now();
    Array.from(document.querySelectorAll('button')).find((b) => b.textContent === 'Resume')!.click();
    while (!status.textContent!.includes('running') && !status.textContent!.includes('done')) await new Promise((r) => requestAnimationFrame(r));
    const resumedAt = performance.now();
    return { pauseMs: pausedAt - t0, resumeMs: resumedAt - t1, pausedAt, resumedAt };
  });
}

interface FastResult {
  elapsedShown: string;
  pageSeconds: number;
  valAcc: string;
  epoch: string;
  samplesShown: string;
  state: BenchState;
}

const runEnded = () => window.__appBench!.doneAt !== undefined || /failed|stopped/.test(document.querySelector('.training-progress')!.textContent ?? '');

async function fastRun(page: Page, preset = 'fast', timeout = FAST_TIMEOUT_MS): Promise<FastResult> {
  await page.getByRole('combobox', { name: 'Preset' }).selectOption(preset);
  await instrument(page);
  await page.getByRole('button', { name: 'Train', exact: true }).click();
  await page.waitForFunction(runEnded, undefined, { timeout, polling: 250 });
  const s = await readState(page);
  if (s.doneAt === undefined) throw new Error(`${preset} run ended as: ${await page.locator('.training-progress').textContent()}`);
  return {
    elapsedShown: await metric(page, 'Elapsed'),
    pageSeconds: (s.doneAt - s.clickAt!) / 1000,
    valAcc: await metric(page, 'Validation accuracy'),
    epoch: await metric(page, 'Epoch'),
    samplesShown: await metric(page, 'Samples/s'),
    state: s,
  };
}

interface NotebookResult {
  elapsedShown: string;
  wallSeconds: number;
  pausedSeconds: number;
  pageSeconds: number;
  valAcc: string;
  epoch: string;
  samplesShown: string;
  pauseMs: number[];
  resumeMs: number[];
  pauseAtPercent: number[];
  /** [paused shown, resumed shown] on the page clock. */
  paused: [number, number][];
  state: BenchState;
  /** The main thread's tasks from the Train click to "done", from a Chrome trace. */
  tasks: TaskTimes[];
}

/** A main-thread task's wall time, and its thread time: the CPU it used, leaving out time the thread was descheduled. */
interface TaskTimes {
  wallMs: number;
  cpuMs: number;
}

/**
 * The top-level tasks of the page's main thread in a Chrome trace of the 'toplevel' category (cheap:
 * one event per task), with wall and thread time. On a busy machine a task's wall time includes time
 * other processes held the core; its thread time is what the app itself spent.
 */
function mainThreadTasks(trace: Buffer): TaskTimes[] {
  interface Ev { name: string; ph: string; pid: number; tid: number; ts: number; dur?: number; tdur?: number; args?: { name?: string } }
  const events = (JSON.parse(trace.toString()) as { traceEvents: Ev[] }).traceEvents;
  const mains = events.filter((e) => e.name === 'thread_name' && e.args?.name === 'CrRendererMain');
  const tasksOf = (m: Ev) => events.filter((e) => e.pid === m.pid && e.tid === m.tid && e.ph === 'X' && e.dur !== undefined && (e.name === 'ThreadControllerImpl::RunTask' || e.name === 'RunTask')).sort((a, b) => a.ts - b.ts);
  const main = mains.map(tasksOf).sort((a, b) => b.length - a.length)[0] ?? [];
  const top: Ev[] = [];
  for (const t of main) if (!top.length || t.ts >= top.at(-1)!.ts + top.at(-1)!.dur!) top.push(t); // nested tasks count once
  return top.map((t) => ({ wallMs: t.dur! / 1000, cpuMs: (t.tdur ?? t.dur!) / 1000 }));
}

async function notebookRun(browser: Browser, page: Page): Promise<NotebookResult> {
  await page.getByRole('combobox', { name: 'Preset' }).selectOption('notebook');
  await page.getByLabel('Epochs', { exact: true }).fill(String(NOTEBOOK_EPOCHS));
  await instrument(page);
  await browser.startTracing(page, { categories: ['toplevel'] });
  await page.getByRole('button', { name: 'Train', exact: true }).click();
  const deadline = performance.now() + NOTEBOOK_TIMEOUT_MS;
  const pauseMs: number[] = [];
  const resumeMs: number[] = [];
  const pauseAtPercent: number[] = [];
  const paused: [number, number][] = [];
  for (const target of PAUSE_AT_PERCENT) {
    // Polled a few times a second, not every frame: the polling itself runs on the page's main thread.
    await page.waitForFunction((t) => {
      const bar = document.querySelector('.training-progress progress');
      const text = document.querySelector('.training-progress')!.textContent ?? '';
      return Number(bar?.getAttribute('aria-valuenow') ?? 0) >= t || !text.includes('running') && !text.includes('starting');
    }, target, { timeout: Math.max(1, deadline - performance.now()), polling: 250 });
    const at = await progressPercent(page);
    const r = await pauseAndResume(page);
    if (!r) break; // the run finished (or failed) before this press
    pauseMs.push(r.pauseMs);
    resumeMs.push(r.resumeMs);
    pauseAtPercent.push(at);
    paused.push([r.pausedAt, r.resumedAt]);
  }
  await page.waitForFunction(runEnded, undefined, { timeout: Math.max(1, deadline - performance.now()), polling: 250 });
  const tasks = mainThreadTasks(await browser.stopTracing());
  const s = await readState(page);
  if (s.doneAt === undefined) throw new Error(`notebook run ended as: ${await page.locator('.training-progress').textContent()}`);
  const wall = (s.doneAt - s.clickAt!) / 1000;
  const pausedSeconds = paused.reduce((sum, [a, b]) => sum + (b - a), 0) / 1000;
  return {
    elapsedShown: await metric(page, 'Elapsed'),
    wallSeconds: wall,
    pausedSeconds,
    pageSeconds: wall - pausedSeconds,
    valAcc: await metric(page, 'Validation accuracy'),
    epoch: await metric(page, 'Epoch'),
    samplesShown: await metric(page, 'Samples/s'),
    pauseMs,
    resumeMs,
    pauseAtPercent,
    paused,
    state: s,
    tasks,
  };
}

/**
 * When the app first showed a held-out accuracy of at least `share` (as displayed, two decimals):
 * seconds from the Train click, less the time paused before then, and the epoch it came with.
 */
function timeToAccuracy(s: BenchState, share: number, paused: [number, number][] = []): { seconds: number; epoch: number } | null {
  const hit = s.epochs.find((e) => e.at >= s.clickAt! && pctNum(e.valAcc) >= share - 1e-9);
  if (!hit) return null;
  const pausedMs = paused.filter(([a]) => a < hit.at).reduce((sum, [a, b]) => sum + (Math.min(b, hit.at) - a), 0);
  return { seconds: (hit.at - s.clickAt! - pausedMs) / 1000, epoch: parseInt(hit.text, 10) };
}

// ---------------------------------------------------------------------------------------------
// The headless Node trainer on the same settings.

interface NodeEpoch {
  epoch: number;
  valAcc: number;
  epochMs: number;
  evalMs: number;
  healthMs: number;
}

interface NodeRun {
  trainSeconds: number;
  samplesPerSec: number;
  valAcc: number;
  epochs: NodeEpoch[];
}

function nodeTrainer(): Promise<NodeRun> {
  return new Promise((resolve, reject) => {
    const args = ['tsx', 'cli/train.ts', '--data', CSV_REL, '--preset', 'notebook', '--epochs', String(NOTEBOOK_EPOCHS), '--json'];
    const child = spawn('npx', args, { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    let err = '';
    child.stdout.on('data', (d: Buffer) => (out += d.toString()));
    child.stderr.on('data', (d: Buffer) => (err += d.toString()));
    child.on('error', reject);
    child.on('close', (code) => {
      const lines = out.trim().split('\n').filter((l) => l.startsWith('{'));
      const summary = lines.find((l) => l.includes('"summary":true'));
      if (code !== 0 || !summary) {
        reject(new Error(`npx ${args.join(' ')} exited with ${code}: ${err.trim() || out.trim()}`));
        return;
      }
      const epochs = lines.filter((l) => l !== summary).map((l) => JSON.parse(l) as NodeEpoch);
      resolve({ ...(JSON.parse(summary) as Omit<NodeRun, 'epochs'>), epochs });
    });
  });
}

// ---------------------------------------------------------------------------------------------

const int = (x: number) => Math.round(x).toLocaleString('en-US');
const pctNum = (text: string) => parseFloat(text) / 100;

/** What a long animation frame was running: its two longest scripts, and where its time went. */
function describeFrame(frame: LongFrame): string {
  const top = [...frame.scripts].sort((a, b) => b.duration - a.duration).slice(0, 2);
  const where = top.length
    ? top.map((t) => `${t.invoker} (${t.invokerType}${t.sourceFunctionName ? `, ${t.sourceFunctionName}` : ''}${t.sourceURL ? ` in ${t.sourceURL.split('/').pop()}` : ''}) ${t.duration.toFixed(0)} ms${t.forcedLayoutMs >= 1 ? ` (${t.forcedLayoutMs.toFixed(0)} ms forced layout)` : ''}`).join(' + ')
    : 'no script';
  return `${where}; rAF/observer callbacks ${frame.frameCallbacksMs.toFixed(0)} ms, style/layout/paint ${frame.layoutMs.toFixed(0)} ms`;
}

const inFrame = (t: LongTask, f: LongFrame) => t.start >= f.start - 1 && t.start < f.start + f.duration;
/** A long task whose frame ran a click listener: the handling of the Train click itself. */
const isClickTask = (t: LongTask, frames: LongFrame[]) => frames.some((f) => inFrame(t, f) && f.scripts.some((x) => x.invokerType === 'event-listener' && /click/i.test(x.invoker)));

async function main(): Promise<void> {
  if (!existsSync(join(ROOT, CSV_REL))) {
    console.error(`Missing ${CSV_REL}. Generate it with: npm run data:mnist`);
    process.exit(1);
  }
  const started = performance.now();
  const busy = await machineBusy(1000);
  console.log(`App benchmark: the playground's production build in headless Chromium, driven through its UI, on ${CSV_REL} (42,000 rows: 33,600 train / 8,400 held out)`);
  console.log(`CPU busy before starting: ${(busy * 100).toFixed(0)}% of ${cpus().length} cores over 1 s${busy > 0.15 ? ' (other work on this machine slows every number below)' : ''}`);

  const tb = performance.now();
  await build({ root: ROOT, logLevel: 'warn', build: { outDir: OUT_DIR, emptyOutDir: true, reportCompressedSize: false, chunkSizeWarningLimit: 100_000, minify: MINIFY } });
  const buildSeconds = (performance.now() - tb) / 1000;
  const server = await serveIsolated(OUT_DIR);
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/`;
  const problems: string[] = [];

  let browser: Browser | null = null;
  let fast: FastResult;
  let best: FastResult;
  let busyBest: number;
  let nb: NotebookResult;
  let isolated: boolean;
  let load1: number;
  let load2: number;
  let busyFast: number;
  let busyNb: number;
  try {
    browser = await chromium.launch({ executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS });
    const a = await openApp(browser, url, problems);
    isolated = await a.page.evaluate(() => crossOriginIsolated);
    load1 = a.loadSeconds;
    console.log(`built${MINIFY ? '' : ' UNMINIFIED (BENCH_APP_MINIFY=0)'} in ${buildSeconds.toFixed(1)} s; Chromium ${browser.version()}, cross-origin isolated: ${isolated}; sample loaded in ${load1.toFixed(1)} s`);
    process.stdout.write('1. fast preset: training…');
    const c1 = cpuTimes();
    fast = await fastRun(a.page);
    busyFast = busyBetween(c1, cpuTimes());
    process.stdout.write(` done (${fast.pageSeconds.toFixed(1)} s; machine CPU busy ${busyText(busyFast)})\n`);
    await a.page.close();

    const bp = await openApp(browser, url, problems);
    process.stdout.write('1b. Best in a minute preset, in a fresh page: training…');
    const cb = cpuTimes();
    best = await fastRun(bp.page, 'best', BEST_TIMEOUT_MS);
    busyBest = busyBetween(cb, cpuTimes());
    process.stdout.write(` done (${best.pageSeconds.toFixed(1)} s; machine CPU busy ${busyText(busyBest)})\n`);
    await bp.page.close();

    // A fresh page, so the first run's history and charts do not weigh on this one.
    const b = await openApp(browser, url, problems);
    load2 = b.loadSeconds;
    process.stdout.write(`2. notebook preset, ${NOTEBOOK_EPOCHS} epochs, in a fresh page (sample loaded in ${load2.toFixed(1)} s): training with ${PAUSES} Pause/Resume presses…`);
    const c2 = cpuTimes();
    nb = await notebookRun(browser, b.page);
    busyNb = busyBetween(c2, cpuTimes());
    process.stdout.write(` done (${nb.wallSeconds.toFixed(1)} s; machine CPU busy ${busyText(busyNb)})\n`);
    await b.page.close();
  } finally {
    await browser?.close().catch(() => {});
    server.close();
  }

  process.stdout.write(`   Node: npx tsx cli/train.ts --data ${CSV_REL} --preset notebook --epochs ${NOTEBOOK_EPOCHS} --json…`);
  const c3 = cpuTimes();
  const node = await nodeTrainer();
  const busyNode = busyBetween(c3, cpuTimes());
  process.stdout.write(` done (${node.trainSeconds.toFixed(1)} s of training; machine CPU busy ${busyText(busyNode)}, incl. reading the CSV)\n`);
  // The decision map while a notebook-sized table model trains, in the worker's own code (Session) in Node.
  process.stdout.write(`   decision map: a ${MAP_ROWS.toLocaleString('en-US')}-row table, 40-128-5, SGD 0.1, batch 32, 50 epochs, the map shown…`);
  const map = await mapCost(THREADS);
  const forwards = [await mapForwardMs(1), await mapForwardMs(THREADS)];
  const explain = await explainCost(THREADS);
  process.stdout.write(` done (${map.maps} maps, after epochs ${map.drawnAfter.join(', ')})\n`);
  process.stdout.write(`5. an elastic epoch against a plain one: Simard's 784-800-10 on ${THREADS} thread${THREADS === 1 ? '' : 's'} (the page's default here)…`);
  const elastic = await elasticEpochs();
  process.stdout.write(` done (${elastic.ratio.toFixed(2)}x)\n`);
  // NumPy float32 (one OpenBLAS thread) trains the same 50 epochs of the same recipe, on the same digits.
  process.stdout.write(`   NumPy float32: the notebook recipe, ${NOTEBOOK_EPOCHS} epochs (${ensureNumpyOpenblas()})…`);
  const npDir = mkdtempSync(join(tmpdir(), 'mlp-bench-app-'));
  let numpy;
  try {
    const mnist = loadMnist('train');
    const rawFile = join(npDir, 'train42k.u8');
    writeFileSync(rawFile, rawRows(mnist.pixels.subarray(0, 42_000 * PIXELS), mnist.labels.subarray(0, 42_000)));
    numpy = benchNumpy(rawFile, 'float32', { epochs: NOTEBOOK_EPOCHS });
  } finally {
    rmSync(npDir, { recursive: true, force: true });
  }
  process.stdout.write(` done (${numpy.seconds.toFixed(1)} s of training, held-out ${(numpy.valAcc * 100).toFixed(2)}%)\n`);
  console.log('(training keeps one core busy, plus a little for the page or the CLI; well above that means other work was running and slowed these numbers)\n');

  // ------------------------------------------------------------------------------------------
  // The figures against their targets.
  const s = nb.state;
  const inRun = s.longTasks.filter((t) => t.start >= s.clickAt! && t.start <= s.doneAt!);
  // Long-task entries exist only over 50 ms; the trace has every task, so the longest is known either way.
  const maxTask = Math.max(inRun.reduce((m, t) => Math.max(m, t.duration), 0), nb.tasks.reduce((m, t) => Math.max(m, t.wallMs), 0));
  const longFrames = s.longFrames.filter((f) => f.start >= s.clickAt! && f.start <= s.doneAt!);
  const clickTasks = inRun.filter((t) => isClickTask(t, longFrames)).length;
  const maxPause = nb.pauseMs.length ? Math.max(...nb.pauseMs) : NaN;
  const fastHit = timeToAccuracy(fast.state, TARGET_FAST_ACC);
  const bestHit = timeToAccuracy(best.state, TARGET_BEST_ACC);
  const bestEarlier = timeToAccuracy(best.state, EARLIER_BEST_ACC);
  const nbFinal = pctNum(nb.valAcc);
  const nbHit = timeToAccuracy(s, nbFinal, nb.paused);
  // Node's time to the same epoch: its per-epoch training and held-out evaluation times summed (the
  // page's clock runs through each epoch's evaluation too).
  const nodeToEpoch = nbHit ? node.epochs.filter((e) => e.epoch <= nbHit.epoch).reduce((sum, e) => sum + e.epochMs + e.evalMs, 0) / 1000 : NaN;
  const nodeAcc = `${(node.valAcc * 100).toFixed(2)}%`;
  const sps = (TRAIN_ROWS * NOTEBOOK_EPOCHS) / nb.pageSeconds;
  // Layer health (src/train/probe.ts) runs after each epoch, beside the held-out evaluation: its cost
  // against the epochs' training time, in the Node run of the same recipe.
  const healthPerEpoch = node.epochs.reduce((s, e) => s + e.healthMs, 0) / node.epochs.length;
  const healthShare = node.epochs.reduce((s, e) => s + e.healthMs, 0) / node.epochs.reduce((s, e) => s + e.epochMs, 0);
  // Thread time leaves out the time other processes held the core: the app's own cost of each task.
  const maxCpu = nb.tasks.reduce((m, t) => Math.max(m, t.cpuMs), 0);
  const cpuOver = nb.tasks.filter((t) => t.cpuMs > TARGET_LONG_TASK_MS).length;
  const seconds = (hit: { seconds: number; epoch: number } | null) => (hit ? `${hit.seconds.toFixed(1)} (epoch ${hit.epoch})` : 'never');

  console.log(`Figures against targets (notebook: ${NOTEBOOK_EPOCHS} epochs, ${PAUSES} Pause presses; machine CPU busy ${busyText(busyNb)} during it)`);
  printTargets([
    { figure: `longest main-thread task, notebook ${NOTEBOOK_EPOCHS} epochs (ms)`, measured: maxTask.toFixed(0), target: `<= ${TARGET_LONG_TASK_MS}`, met: maxTask <= TARGET_LONG_TASK_MS },
    { figure: `main-thread tasks over ${TARGET_LONG_TASK_MS} ms, notebook ${NOTEBOOK_EPOCHS} epochs`, measured: `${inRun.length}${clickTasks ? ` (${clickTasks} the Train click)` : ''}`, target: '0', met: inRun.length === 0 },
    { figure: '  the same in thread time: longest (ms)', measured: maxCpu.toFixed(0), target: `<= ${TARGET_LONG_TASK_MS}`, met: maxCpu <= TARGET_LONG_TASK_MS },
    { figure: `  tasks over ${TARGET_LONG_TASK_MS} ms in thread time (CPU the app used)`, measured: String(cpuOver), target: '0', met: cpuOver === 0 },
    { figure: `Pause answered ("paused" shown), median of ${nb.pauseMs.length} (ms)`, measured: nb.pauseMs.length ? median(nb.pauseMs).toFixed(0) : '-', target: `< ${TARGET_BUTTON_MS}`, met: nb.pauseMs.length > 0 && median(nb.pauseMs) < TARGET_BUTTON_MS },
    { figure: `Pause answered, max of ${nb.pauseMs.length} (ms)`, measured: Number.isFinite(maxPause) ? maxPause.toFixed(0) : '-', target: `< ${TARGET_BUTTON_MS}`, met: nb.pauseMs.length === PAUSES && maxPause < TARGET_BUTTON_MS },
    { figure: `fast preset: time to >= ${(TARGET_FAST_ACC * 100).toFixed(1)}% held-out (s)`, measured: seconds(fastHit), target: `< ${TARGET_FAST_SECONDS}`, met: !!fastHit && fastHit.seconds < TARGET_FAST_SECONDS },
    { figure: 'fast preset: final held-out accuracy', measured: fast.valAcc, target: `>= ${(TARGET_FAST_ACC * 100).toFixed(1)}%`, met: pctNum(fast.valAcc) >= TARGET_FAST_ACC },
    { figure: `Best in a minute: time to >= ${(TARGET_BEST_ACC * 100).toFixed(1)}% held-out (s)`, measured: seconds(bestHit), target: `< ${TARGET_BEST_SECONDS}`, met: !!bestHit && bestHit.seconds < TARGET_BEST_SECONDS },
    { figure: `Best in a minute: time to ${(EARLIER_BEST_ACC * 100).toFixed(1)}% (s)`, measured: seconds(bestEarlier), target: '(the earlier target)' },
    { figure: 'Best in a minute: final held-out accuracy; whole run (s)', measured: `${best.valAcc}; ${best.pageSeconds.toFixed(1)}`, target: `>= ${(TARGET_BEST_ACC * 100).toFixed(1)}%; < ${TARGET_BEST_SECONDS}`, met: pctNum(best.valAcc) >= TARGET_BEST_ACC && best.pageSeconds < TARGET_BEST_SECONDS },
    { figure: `notebook: time to its final held-out accuracy, ${nb.valAcc} (s)`, measured: seconds(nbHit), target: `<= Node's ${nodeToEpoch.toFixed(1)} (with evaluation)`, met: !!nbHit && nbHit.seconds <= nodeToEpoch },
    { figure: 'notebook: held-out accuracy, the app against Node', measured: nb.valAcc, target: `= ${nodeAcc}`, met: nb.valAcc === nodeAcc },
    { figure: `notebook: ${NOTEBOOK_EPOCHS} epochs in the browser, with each epoch's evaluation (s)`, measured: nb.pageSeconds.toFixed(1), target: `<= NumPy f32's ${numpy.seconds.toFixed(1)}`, met: nb.pageSeconds <= numpy.seconds },
    { figure: 'layer health after each epoch, notebook in Node: ms per epoch; share of training time', measured: `${healthPerEpoch.toFixed(1)}; ${(healthShare * 100).toFixed(1)}%`, target: `<= ${(TARGET_HEALTH_SHARE * 100).toFixed(0)}%`, met: healthShare <= TARGET_HEALTH_SHARE },
    { figure: 'decision map, notebook-sized table model in the worker: one map (ms); share of training time spent on maps', measured: `${map.mapMs.toFixed(1)}; ${(map.spentShare * 100).toFixed(1)}%`, target: `<= ${(TARGET_MAP_SHARE * 100).toFixed(0)}%`, met: map.spentShare <= TARGET_MAP_SHARE },
    { figure: `  the map's forward pass (${(GRID_SIDE ** 2 + 500).toLocaleString('en-US')} points) on 1 / ${forwards[1].threads} thread${forwards[1].threads === 1 ? '' : 's'} (ms); the map drawn on`, measured: `${forwards[0].ms.toFixed(1)} / ${forwards[1].ms.toFixed(1)}; ${map.mapThreads} thread${map.mapThreads === 1 ? '' : 's'}`, target: '' },
    { figure: '  the map drawn again for the trained model (warm; the first maps of a run start its forward pass and helpers), ms', measured: map.warmMs.toFixed(1), target: '' },
    { figure: '  a map after every epoch instead: its share of an epoch\'s training time', measured: `${(map.everyEpochShare * 100).toFixed(0)}% (epoch ${map.epochMs.toFixed(1)} ms)`, target: '(why it is budgeted)' },
    { figure: `Why this row, integrated gradients of ${IG_STEPS.toLocaleString('en-US')} steps, 40-128-5: TypeScript / WebAssembly 1 / ${explain.threads} thread${explain.threads === 1 ? '' : 's'} (ms)`, measured: explain.ig.map((v) => v.toFixed(1)).join(' / '), target: '' },
    { figure: 'Why this digit, 784-512-10: TypeScript / WebAssembly (ms)', measured: explain.digit.map((v) => v.toFixed(2)).join(' / '), target: '' },
    { figure: `an elastic epoch against a plain one, ${THREADS} thread${THREADS === 1 ? '' : 's'}: seconds each; ratio`, measured: `${elastic.elasticSeconds.toFixed(2)} / ${elastic.plainSeconds.toFixed(2)}; ${elastic.ratio.toFixed(2)}x`, target: `<= ${TARGET_ELASTIC_RATIO}x`, met: elastic.ratio <= TARGET_ELASTIC_RATIO },
    { figure: '  floor: a plain epoch on digits distorted ahead of time (more ink, no augmenting); ratio', measured: `${elastic.distortedSeconds.toFixed(2)} s; ${elastic.floor.toFixed(2)}x`, target: '' },
    { figure: 'notebook: training samples/s, the app (Node)', measured: int(sps), target: `(${int(node.samplesPerSec)})` },
  ]);
  console.log('');

  // ------------------------------------------------------------------------------------------
  // The details behind them.
  const W0 = 58;
  const W = 24;
  const row = (label: string, a: string, b = '') => console.log(label.padEnd(W0) + a.padStart(W) + b.padStart(W + 2));
  const rule = () => console.log('-'.repeat(W0 + 2 * W + 2));

  console.log('1. fast preset (784-384-10 ReLU, momentum lr 0.05, batch 64, 12 shuffled epochs, L2 1e-4)');
  rule();
  row('epochs shown', fast.epoch);
  row("training time, app's Elapsed (worker's active time)", fast.elapsedShown);
  row('training time, page clock: Train click → "done" (s)', fast.pageSeconds.toFixed(2));
  row('held-out accuracy (Validation accuracy, 8,400 rows)', fast.valAcc);
  row('samples/s: 33,600 × 12 / page-clock time', int((TRAIN_ROWS * 12) / fast.pageSeconds));
  console.log('');

  console.log(`1b. Best in a minute preset (784-512-10 ReLU, Adam lr 0.001, batch 128, ±2 px shifts, cosine, ${BEST_IN_A_MINUTE_PRESET.epochs} shuffled epochs)`);
  rule();
  row('epochs shown', best.epoch);
  row("training time, app's Elapsed (worker's active time)", best.elapsedShown);
  row('training time, page clock: Train click → "done" (s)', best.pageSeconds.toFixed(2));
  row(`time to >= ${(TARGET_BEST_ACC * 100).toFixed(1)}% / ${(EARLIER_BEST_ACC * 100).toFixed(1)}% held-out (s)`, seconds(bestHit), seconds(bestEarlier));
  row('held-out accuracy (Validation accuracy, 8,400 rows)', best.valAcc);
  row(`samples/s: 33,600 × ${BEST_IN_A_MINUTE_PRESET.epochs} / page-clock time`, int((TRAIN_ROWS * BEST_IN_A_MINUTE_PRESET.epochs) / best.pageSeconds));
  row('machine CPU busy during it', busyText(busyBest));
  console.log('');

  const elapsedS = parseFloat(nb.elapsedShown);
  console.log(`2. notebook preset, ${NOTEBOOK_EPOCHS} epochs (784-128-10 ReLU, SGD lr 0.1, batch 32, sequential 80/20, no shuffling)`);
  rule();
  row('', 'browser (the app)', 'Node (cli/train.ts)');
  rule();
  row('epochs', nb.epoch, String(node.epochs.length));
  row('training time (s)', nb.pageSeconds.toFixed(2), node.trainSeconds.toFixed(2));
  row('  page clock: click → "done", less time paused (s)', `${nb.wallSeconds.toFixed(2)} − ${nb.pausedSeconds.toFixed(2)}`, '');
  row("  app's Elapsed", nb.elapsedShown, '');
  row(`samples/s (33,600 × ${NOTEBOOK_EPOCHS} / training time)`, int(sps), int(node.samplesPerSec));
  row('  browser / Node', `${((sps / node.samplesPerSec) * 100).toFixed(0)}%`, '');
  row(`  from the app's Elapsed (${nb.elapsedShown}, whole seconds)`, Number.isFinite(elapsedS) && elapsedS > 0 ? `~${int((TRAIN_ROWS * NOTEBOOK_EPOCHS) / elapsedS)}` : 'n/a', '');
  row('held-out accuracy', nb.valAcc, nodeAcc);
  console.log('');

  console.log(`3. main thread during (2): ${nb.wallSeconds.toFixed(1)} s from the Train click to "done", ${nb.pauseMs.length} Pause/Resume presses`);
  rule();
  row('long tasks (> 50 ms): all durations (ms)', inRun.length ? inRun.map((t) => t.duration.toFixed(0)).join(' ') : '-');
  const wallOver = nb.tasks.filter((t) => t.wallMs > TARGET_LONG_TASK_MS);
  row(`main-thread tasks (trace), over ${TARGET_LONG_TASK_MS} ms wall: thread time of each (ms)`, wallOver.length ? wallOver.map((t) => t.cpuMs.toFixed(0)).join(' ') : '-');
  row('main-thread tasks (trace): count, longest 5 in thread time (ms)', `${nb.tasks.length}; ${nb.tasks.map((t) => t.cpuMs).sort((a, b) => b - a).slice(0, 5).map((x) => x.toFixed(0)).join(' ')}`);
  // The page's own CPU while training: with every core training, it is taken from the training threads.
  row('main-thread thread time in all (s), its share of the run', `${(nb.tasks.reduce((t, x) => t + x.cpuMs, 0) / 1000).toFixed(2)}; ${((nb.tasks.reduce((t, x) => t + x.cpuMs, 0) / 1000 / nb.wallSeconds) * 100).toFixed(0)}%`);
  row('long animation frames (> 50 ms): count, max (ms)', longFrames.length ? `${longFrames.length}, ${Math.max(...longFrames.map((f) => f.duration)).toFixed(0)}` : '0');
  row('  each Pause press (ms) @ progress', nb.pauseMs.map((ms, i) => `${ms.toFixed(0)}@${nb.pauseAtPercent[i]}%`).join(' '));
  row('Resume → "running" shown (ms): median, max', nb.resumeMs.length ? `${median(nb.resumeMs).toFixed(1)}, ${Math.max(...nb.resumeMs).toFixed(1)}` : '-');
  const stray = inRun.filter((t) => !longFrames.some((f) => inFrame(t, f)));
  if (longFrames.length || stray.length) {
    console.log('long animation frames (> 50 ms) while training, with the long task inside each, the Epoch change near it, and the longest scripts:');
    const at = (ms: number) => `+${((ms - s.clickAt!) / 1000).toFixed(2)} s`;
    // The last Epoch change shown before the frame ended, if within half a second of its start: epoch ends redraw the charts.
    const epochNear = (start: number, duration: number) => {
      const e = s.epochs.filter((x) => x.at <= start + duration && x.at >= start - 500 && x.at >= s.clickAt!).at(-1);
      return e ? `Epoch → ${e.text} at ${e.at - start >= 0 ? '+' : ''}${(e.at - start).toFixed(0)} ms` : 'no Epoch change';
    };
    for (const f of longFrames) {
      const task = inRun.find((t) => inFrame(t, f));
      console.log(`  ${at(f.start)}  frame ${f.duration.toFixed(0)} ms  [${task ? `long task ${task.duration.toFixed(0)} ms` : 'no long task'}; ${epochNear(f.start, f.duration)}]  ${describeFrame(f)}`);
    }
    for (const t of stray) {
      console.log(`  ${at(t.start)}  long task ${t.duration.toFixed(0)} ms outside any long animation frame [${t.attribution || 'no attribution'}; ${epochNear(t.start, t.duration)}]`);
    }
  }
  rule();
  if (!isolated) console.log('WARNING: the page was not cross-origin isolated');
  if (problems.length) console.log(`page problems:\n  ${problems.join('\n  ')}`);
  console.log(`(${((performance.now() - started) / 1000).toFixed(0)} s in all; sample loads ${load1.toFixed(1)} s and ${load2.toFixed(1)} s; machine CPU busy ${busyText(busyFast)} in (1), ${busyText(busyNb)} in (2), ${busyText(busyNode)} in Node)`);
}

/**
 * An epoch of Simard et al.'s 784-800-10 (Adam, batch 128) on the 42,000 digits with elastic distortions
 * (α 34, σ 4: the reproduce preset) against the same epoch without, in a Chromium module worker running
 * the app's TrainingRun on the page's default thread count; the median of ROUNDS alternating rounds each.
 * Training only (the augmentation is part of it), as the epochs' Elapsed counts it.
 *
 * A third epoch finds the floor that no speed of augmenting can go below: the plain recipe on the same
 * digits distorted once ahead of time (the TypeScript Augmenter, same spec), so nothing is augmented
 * while it trains. A distorted digit has more ink (bilinear resampling spreads each stroke: about 196
 * non-zero pixels against 150), and the first layer's sparse kernels cost in proportion to it.
 */
async function elasticEpochs(): Promise<{ elasticSeconds: number; plainSeconds: number; distortedSeconds: number; ratio: number; floor: number }> {
  const ROUNDS = 3, ROWS = 42_000;
  const mnist = loadMnist('train');
  const pixels = mnist.pixels.subarray(0, ROWS * PIXELS), labels = mnist.labels.subarray(0, ROWS);
  const elastic = LITERATURE_PRESETS.find((p) => p.id === 'simard-elastic')!.config, plain = LITERATURE_PRESETS.find((p) => p.id === 'simard-plain')!.config;
  const distorted = new Uint8Array(pixels.length);
  new Augmenter(augmentOf(elastic), elastic.seed).augmentRows(pixels, Int32Array.from({ length: ROWS }, (_, i) => i), 0, ROWS, distorted);
  const bench = await ChromiumBench.start({ 'MNIST.u8': rawRows(pixels, labels), 'MNIST-distorted.u8': rawRows(distorted, labels) });
  const batches = Math.ceil(ROWS / plain.batchSize);
  const runs = [['plain', plain, '/MNIST.u8'], ['elastic', elastic, '/MNIST.u8'], ['distorted', plain, '/MNIST-distorted.u8']] as const;
  const seconds: Record<string, number[]> = { elastic: [], plain: [], distorted: [] };
  try {
    for (let r = 0; r < ROUNDS; r++) {
      for (const [name, config, data] of runs) {
        const got = await bench.run({ data, config: { ...config, threads: THREADS }, kernels: 'auto', warmup: 30, batches });
        seconds[name].push((batches * config.batchSize) / got.samplesPerSec);
      }
    }
  } finally {
    await bench.close();
  }
  const elasticSeconds = median(seconds.elastic), plainSeconds = median(seconds.plain), distortedSeconds = median(seconds.distorted);
  return { elasticSeconds, plainSeconds, distortedSeconds, ratio: elasticSeconds / plainSeconds, floor: distortedSeconds / plainSeconds };
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
