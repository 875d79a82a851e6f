/**
 * Where the main thread's long tasks go while the notebook recipe trains: a Chrome trace of the
 * production build (unminified, so functions keep their names), and for every main-thread task over
 * a threshold, what it ran: its top-level events (the worker message, a timer, a frame), React and
 * recharts functions by self time from the trace's CPU samples, style/layout/paint and GC.
 *
 *   npx tsx bench/app/trace.ts [--epochs 50] [--cpu-slowdown 2] [--over 30] [--save trace.json]
 *   npx tsx bench/app/trace.ts --load trace.json      (the report of a saved trace)
 *
 * Then a summary of every task by what started it (a worker message, the scheduler, a frame, style
 * and layout alone), with wall and thread time: on a busy machine a task's wall time includes the
 * time other processes held the core; its thread time is the CPU the page used.
 *
 * --cpu-slowdown uses Chrome's CPU throttling to magnify work done on the main thread (the worker
 * is slowed as well, so training takes that much longer).
 */
import { readFileSync, writeFileSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { chromium } from '@playwright/test';
import { build } from 'vite';
import { CHROMIUM_ARGS, CHROMIUM_PATH } from '../../scripts/chromium';
import { serveIsolated } from '../static-server';

const ROOT = join(import.meta.dirname, '../..');
const OUT_DIR = join(ROOT, 'node_modules/.cache/bench-app-trace');

const { values: opts } = parseArgs({
  options: {
    epochs: { type: 'string', default: '50' },
    'cpu-slowdown': { type: 'string', default: '1' },
    over: { type: 'string', default: '30' },
    save: { type: 'string' },
    /** Report on a trace saved earlier with --save instead of running the app. */
    load: { type: 'string' },
    preset: { type: 'string', default: 'notebook' },
  },
});
const EPOCHS = Number(opts.epochs);
const SLOWDOWN = Number(opts['cpu-slowdown']);
const OVER_MS = Number(opts.over);

interface TraceEvent {
  name: string;
  cat: string;
  ph: string;
  ts: number;
  dur?: number;
  pid: number;
  tid: number;
  /** Thread (CPU) time of the event, µs: unlike dur, it leaves out time the thread was not running. */
  tdur?: number;
  id?: string;
  args?: Record<string, unknown> & { data?: Record<string, unknown> };
}

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
  parent?: number;
}

/** CPU samples from the trace's ProfileChunk events: (time in trace µs, node). */
function cpuSamples(events: TraceEvent[], pid: number, tid: number, nodes: Map<number, ProfileNode>): { ts: number; node: ProfileNode }[] {
  const out: { ts: number; node: ProfileNode }[] = [];
  const profile = events.find((e) => e.name === 'Profile' && e.pid === pid && e.tid === tid);
  if (!profile) return out;
  let ts = (profile.args!.data as { startTime: number }).startTime;
  for (const e of events) {
    if (e.name !== 'ProfileChunk' || e.pid !== pid || e.id !== profile.id) continue;
    const data = e.args!.data as { cpuProfile?: { samples?: number[] }; timeDeltas?: number[] };
    const samples = data.cpuProfile?.samples ?? [];
    const deltas = data.timeDeltas ?? [];
    for (let i = 0; i < samples.length; i++) {
      ts += deltas[i] ?? 0;
      const node = nodes.get(samples[i]);
      if (node) out.push({ ts, node });
    }
  }
  return out;
}

/** The call tree of the CPU profile of one thread (node ids are per profile). */
function profileNodes(events: TraceEvent[], pid: number, tid: number): Map<number, ProfileNode> {
  const nodes = new Map<number, ProfileNode>();
  const profile = events.find((e) => e.name === 'Profile' && e.pid === pid && e.tid === tid);
  for (const e of events) {
    if (e.name !== 'ProfileChunk' || e.pid !== pid || e.id !== profile?.id) continue;
    for (const n of (e.args!.data as { cpuProfile?: { nodes?: ProfileNode[] } }).cpuProfile?.nodes ?? []) nodes.set(n.id, n);
  }
  return nodes;
}

/** recharts' drawing and the errors panel's components: a task that samples any of them re-rendered a heavy view. */
const VIEW_FUNCTIONS = /\b(CurveWithAnimation|StaticCurve|LineImpl|YAxisImpl|XAxisImpl|CartesianAxis|MetricChart|Gallery|ProbabilityBars|WeightGrid|DigitCanvas|ConfusionMatrix)\b/;

function stackNames(node: ProfileNode, nodes: Map<number, ProfileNode>): string {
  const names: string[] = [];
  for (let n: ProfileNode | undefined = node; n; n = n.parent !== undefined ? nodes.get(n.parent) : undefined) names.push(n.callFrame.functionName);
  return names.join(' ');
}

const frameName = (n: ProfileNode) => {
  const f = n.callFrame;
  const file = f.url ? f.url.split('/').pop()!.replace(/-[\w-]{8}\.js$/, '.js') : '';
  return `${f.functionName || '(anonymous)'}${file ? ` ${file}:${f.lineNumber + 1}` : ''}`;
};

async function main(): Promise<void> {
  if (opts.load) {
    report((JSON.parse(readFileSync(opts.load, 'utf8')) as { traceEvents: TraceEvent[] }).traceEvents, NaN);
    return;
  }
  await build({ root: ROOT, logLevel: 'warn', build: { outDir: OUT_DIR, emptyOutDir: true, reportCompressedSize: false, chunkSizeWarningLimit: 100_000, minify: false } });
  const server = await serveIsolated(OUT_DIR);
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/`;
  const browser = await chromium.launch({ executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS });
  try {
    const page = await browser.newPage();
    await page.goto(url);
    await page.getByRole('combobox').first().selectOption({ label: 'Kaggle-sized train.csv: 42,000 labeled digits' });
    await page.getByRole('button', { name: 'Load sample MNIST' }).click();
    await page.getByRole('region', { name: 'Dataset summary' }).getByText('42,000 rows').first().waitFor({ timeout: 60_000 });
    await page.getByRole('combobox', { name: 'Preset' }).selectOption(opts.preset!);
    await page.getByLabel('Epochs', { exact: true }).fill(String(EPOCHS));
    const cdp = await page.context().newCDPSession(page);
    if (SLOWDOWN > 1) await cdp.send('Emulation.setCPUThrottlingRate', { rate: SLOWDOWN });
    await browser.startTracing(page, {
      categories: ['toplevel', 'devtools.timeline', 'disabled-by-default-devtools.timeline', 'v8.execute', 'disabled-by-default-v8.cpu_profiler', 'disabled-by-default-v8.gc', 'v8'],
    });
    const t0 = Date.now();
    await page.getByRole('button', { name: 'Train', exact: true }).click();
    await page.waitForFunction(() => /done|failed|stopped/.test(document.querySelector('.training-progress')!.textContent ?? ''), undefined, { timeout: 600_000, polling: 1000 });
    const trainSeconds = (Date.now() - t0) / 1000;
    const buffer = await browser.stopTracing();
    if (opts.save) writeFileSync(opts.save, buffer);
    const { traceEvents: events } = JSON.parse(buffer.toString()) as { traceEvents: TraceEvent[] };
    report(events, trainSeconds);
  } finally {
    await browser.close();
    server.close();
  }
}

function report(events: TraceEvent[], trainSeconds: number): void {
  const main = events.find((e) => e.name === 'thread_name' && (e.args as { name: string }).name === 'CrRendererMain' && events.some((x) => x.pid === e.pid && x.name === 'FunctionCall'));
  if (!main) throw new Error('no renderer main thread in the trace');
  const { pid, tid } = main;
  const onMain = events.filter((e) => e.pid === pid && e.tid === tid && e.ph === 'X' && e.dur !== undefined);
  const tasks = onMain.filter((e) => e.name === 'RunTask' || e.name === 'ThreadControllerImpl::RunTask').sort((a, b) => a.ts - b.ts);
  // Top-level tasks only (RunTask can nest).
  const top: TraceEvent[] = [];
  for (const t of tasks) if (!top.length || t.ts >= top.at(-1)!.ts + top.at(-1)!.dur!) top.push(t);
  const nodes = profileNodes(events, pid, tid);
  const samples = cpuSamples(events, pid, tid, nodes);
  const long = top.filter((t) => t.dur! / 1000 > OVER_MS);
  const durations = top.map((t) => t.dur! / 1000);
  // Wall time counts time the thread was descheduled (a busy 2-core machine); thread time does not.
  const cpuMs = top.map((t) => (t.tdur ?? t.dur!) / 1000);
  console.log(`thread (CPU) time of main-thread tasks: ${cpuMs.filter((d) => d > 50).length} over 50 ms, ${cpuMs.filter((d) => d > 30).length} over 30 ms, longest ${Math.max(...cpuMs).toFixed(1)} ms; ` +
    `longest 5: ${[...cpuMs].sort((a, b) => b - a).slice(0, 5).map((d) => d.toFixed(0)).join(', ')}`);
  console.log(`${SLOWDOWN > 1 ? `CPU slowed ${SLOWDOWN}x; ` : ''}${Number.isFinite(trainSeconds) ? `${opts.preset} preset, ${EPOCHS} epochs in ${trainSeconds.toFixed(1)} s` : opts.load}: ${top.length} main-thread tasks, ` +
    `${durations.filter((d) => d > 50).length} over 50 ms, ${long.length} over ${OVER_MS} ms, longest ${Math.max(...durations).toFixed(1)} ms; ${samples.length} CPU samples`);
  const sum = new Map<string, number>();
  const sumInclusive = new Map<string, number>();
  const add = (m: Map<string, number>, k: string, v: number) => m.set(k, (m.get(k) ?? 0) + v);
  for (const t of long) {
    const end = t.ts + t.dur!;
    const inside = onMain.filter((e) => e.ts >= t.ts && e.ts < end && e !== t);
    const kinds = new Map<string, number>();
    for (const e of inside) {
      const d = e.args?.data ?? {};
      let key: string | null = null;
      if (['FunctionCall', 'EventDispatch', 'TimerFire', 'FireAnimationFrame', 'v8.callFunction'].includes(e.name)) key = `${e.name}${d.type ? ` ${d.type as string}` : ''}${d.functionName ? ` ${d.functionName as string}` : ''}`;
      else if (['UpdateLayoutTree', 'Layout', 'Paint', 'PrePaint', 'Layerize', 'Commit', 'MajorGC', 'MinorGC', 'V8.GC_SCAVENGER', 'V8.GC_MARK_COMPACTOR', 'HitTest', 'ParseHTML', 'UpdateLayer', 'PaintImage', 'Decode Image', 'CpuProfiler::StartProfiling', 'V8.GCFinalizeMC', 'V8.GCScavenger', 'V8.GCIncrementalMarking', 'BlinkGC.AtomicPhase'].includes(e.name)) key = e.name;
      if (key) add(kinds, key, e.dur! / 1000);
    }
    const self = new Map<string, number>();
    const inclusive = new Map<string, number>();
    const within = samples.filter((s) => s.ts >= t.ts && s.ts < end);
    for (let i = 0; i < within.length; i++) {
      const dt = ((within[i + 1]?.ts ?? end) - within[i].ts) / 1000;
      add(self, frameName(within[i].node), dt);
      add(sum, frameName(within[i].node), dt);
      // Inclusive: every distinct function on the sample's stack.
      const seen = new Set<string>();
      for (let n: ProfileNode | undefined = within[i].node; n; n = n.parent !== undefined ? nodes.get(n.parent) : undefined) seen.add(frameName(n));
      for (const k of seen) {
        add(inclusive, k, dt);
        add(sumInclusive, k, dt);
      }
    }
    console.log(`\n${(t.dur! / 1000).toFixed(1)} ms task at +${((t.ts - top[0].ts) / 1e6).toFixed(2)} s`);
    console.log(`  events: ${[...kinds].sort((a, b) => b[1] - a[1]).slice(0, 8).map(([k, v]) => `${k} ${v.toFixed(1)}`).join(' | ')}`);
    console.log(`  inclusive: ${[...inclusive].sort((a, b) => b[1] - a[1]).filter(([k]) => /\.js:/.test(k)).slice(0, 25).map(([k, v]) => `${k} ${v.toFixed(1)}`).join(' | ')}`);
    console.log(`  self time: ${[...self].sort((a, b) => b[1] - a[1]).slice(0, 12).map(([k, v]) => `${k} ${v.toFixed(1)}`).join(' | ')}`);
  }
  // Every task by what started it, with the time it spent and whether a chart or errors-panel render ran inside.
  const byKind = new Map<string, { n: number; over50: number; max: number; total: number; withViews: number; cpuOver50: number; cpuMax: number }>();
  for (const t of top) {
    const end = t.ts + t.dur!;
    const inside = onMain.filter((e) => e.ts >= t.ts && e.ts < end);
    const first = inside.find((e) => ['FunctionCall', 'EventDispatch', 'TimerFire', 'FireAnimationFrame'].includes(e.name));
    const d = first?.args?.data ?? {};
    const kind = !first ? (inside.some((e) => /GC/.test(e.name)) ? 'GC' : inside.some((e) => ['Paint', 'Layout', 'Commit', 'UpdateLayoutTree'].includes(e.name)) ? 'rendering (style, layout, paint)' : 'other')
      : first.name === 'FunctionCall' ? `script ${(d.functionName as string) || '(anonymous)'}` : `${first.name}${d.type ? ` ${d.type as string}` : ''}`;
    const views = samples.some((s) => s.ts >= t.ts && s.ts < end && VIEW_FUNCTIONS.test(stackNames(s.node, nodes)));
    const k = byKind.get(kind) ?? { n: 0, over50: 0, max: 0, total: 0, withViews: 0, cpuOver50: 0, cpuMax: 0 };
    const ms = t.dur! / 1000;
    const cpu = (t.tdur ?? t.dur!) / 1000;
    byKind.set(kind, {
      n: k.n + 1, over50: k.over50 + (ms > 50 ? 1 : 0), max: Math.max(k.max, ms), total: k.total + ms, withViews: k.withViews + (views ? 1 : 0),
      cpuOver50: k.cpuOver50 + (cpu > 50 ? 1 : 0), cpuMax: Math.max(k.cpuMax, cpu),
    });
  }
  console.log('\nmain-thread tasks by what started them (n, over 50 ms, longest, total ms; the same in thread time; how many ran a chart or errors-panel render):');
  for (const [kind, k] of [...byKind].sort((a, b) => b[1].total - a[1].total).slice(0, 12)) {
    console.log(`  ${kind.padEnd(40)} n ${String(k.n).padStart(6)}  >50 ${String(k.over50).padStart(3)}  max ${k.max.toFixed(0).padStart(4)}  total ${k.total.toFixed(0).padStart(6)}  thread time >50 ${String(k.cpuOver50).padStart(3)} max ${k.cpuMax.toFixed(0).padStart(4)}  with views ${k.withViews}`);
  }

  console.log(`\ninclusive time summed over those tasks: ${[...sumInclusive].sort((a, b) => b[1] - a[1]).filter(([k]) => /\.js:/.test(k)).slice(0, 40).map(([k, v]) => `${k} ${v.toFixed(1)}`).join(' | ')}`);
  console.log(`\nself time summed over those tasks: ${[...sum].sort((a, b) => b[1] - a[1]).slice(0, 25).map(([k, v]) => `${k} ${v.toFixed(1)}`).join(' | ')}`);
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
