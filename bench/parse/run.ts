/**
 * CSV parse benchmark in headless Chromium: our reader (readDatasetBlob → DigitCsvParser, bytes
 * straight into a Uint8Array) against a plain `Papa.parse(file, { complete })`, side by side in one
 * run, on the 42,000-row Kaggle Digit Recognizer train CSV (public/data/mnist-train-42k.csv, 76.7 MB).
 *
 *   npm run bench:parse                    (about 50 s)
 *   npm run bench:parse -- --only digits   (or --only table: one part; --table-mb 5: a smaller table)
 *
 * Both contenders run the way the product runs a load: in a dedicated module Web Worker that is handed
 * the File (from an <input type=file>, set by Playwright) with postMessage. A fresh worker is started
 * for every round and its module is loaded before the clock starts; the time is measured in the
 * worker, from receiving the File to holding the parsed result.
 *
 * Speed: one browser; one warm-up round each (not counted), then ROUNDS rounds each, alternating
 * ours / papa, with nothing attached to the workers. The median is reported; MB is 10^6 bytes.
 *
 * Memory: one more round each, each in a fresh browser, with this script attached to the worker over
 * CDP (Runtime.getHeapUsage, sampled every SAMPLE_MS during the parse) and the renderer process's peak
 * RSS reset before the parse (/proc/PID/clear_refs) and read after it (VmHWM). After the parse, a
 * forced GC in the worker (HeapProfiler.collectGarbage) while the result is still referenced gives
 * the memory that holds it. V8 keeps typed-array bytes outside its JS heap; CDP reports them as
 * backingStorageSize ("backing": ArrayBuffer contents and external strings), so each memory row says
 * which it counts. Sampled peaks can miss a spike shorter than the sampling interval; the RSS peak
 * cannot, but counts the whole renderer process.
 *
 * Then a table: bench/parse/table-gen.ts's 60 MB CSV (a header, 40 float columns, 2 string columns,
 * ~2% missing cells as empty or NA), read as the app reads any dropped CSV (readSourceBlob on the File:
 * 1 MiB slices, decoding, TableCsvParser into compact columns, then profileTable), side by side with
 * plain Papa.parse of the same File, the same way: ROUNDS timed rounds each, alternating, then one
 * memory round each in a fresh browser. Held bytes per cell: tableBytes() of the table read (its
 * columns' buffers and 2 bytes a dictionary character) over rows x columns.
 */
import { existsSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { cpus, tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { fileURLToPath } from 'node:url';
import { chromium, type Browser, type CDPSession, type Page } from '@playwright/test';
import { build } from 'vite';
import { CHROMIUM_ARGS, CHROMIUM_PATH } from '../../scripts/chromium';
import { serveIsolated } from '../static-server';
import { machineBusy, median, printTargets } from '../stats';
import { PIXELS } from '../../src/data/digits';
import type { Contender, Which } from './protocol';
import { makeTable } from './table-gen';
import type { RoundResult } from './main';
import { OUT_DIR } from './vite.config';

const CSV = fileURLToPath(new URL('../../public/data/mnist-train-42k.csv', import.meta.url));
const CONFIG = fileURLToPath(new URL('./vite.config.ts', import.meta.url));
const ROUNDS = 5;
const SAMPLE_MS = 50;
const PARSE_TIMEOUT_MS = 60_000;

const TARGET_MBPS = 40;
const TARGET_BYTES_PER_CELL = 4.5;
const TARGET_BYTES_PER_PIXEL = 1;
/** "About 1 byte per pixel": the parser allocates for the whole file at once, plus 3% headroom. */
const BYTES_PER_PIXEL_TOLERANCE = 1.05;

const NAMES: Record<Contender, string> = {
  ours: 'readDatasetBlob(file) → DigitCsvParser: 1 MiB slices, papaparse per chunk, bytes into a Uint8Array',
  'ours-table': 'readSourceBlob(file) → TableCsvParser: 1 MiB slices into float32 columns and dictionary codes, then profileTable',
  papa: 'Papa.parse(file, { complete }), no other options: string[][] for the whole file',
};

const args = parseArgs({ options: { only: { type: 'string' }, 'table-mb': { type: 'string' } } }).values;
if (args.only !== undefined && args.only !== 'digits' && args.only !== 'table') throw new Error('--only must be digits or table');

// ---------------------------------------------------------------------------------------------
// Static server for the built page, cross-origin isolated like the product (vite.config.ts).


// ---------------------------------------------------------------------------------------------
// CDP access to a dedicated worker. Playwright's CDPSession cannot address a flattened child session,
// so the worker is attached through the browser session in non-flat mode and spoken to with
// Target.sendMessageToTarget / Target.receivedMessageFromTarget.

interface HeapUsage {
  usedSize: number;
  totalSize: number;
  embedderHeapUsedSize: number;
  backingStorageSize: number;
}

class WorkerSession {
  private nextId = 1;
  private readonly pending = new Map<number, { resolve: (v: unknown) => void; reject: (e: Error) => void }>();
  private readonly onMessage = (event: { sessionId: string; message: string }) => {
    if (event.sessionId !== this.sessionId) return;
    const msg = JSON.parse(event.message) as { id?: number; result?: unknown; error?: { message: string } };
    if (msg.id === undefined) return;
    const p = this.pending.get(msg.id);
    if (!p) return;
    this.pending.delete(msg.id);
    if (msg.error) p.reject(new Error(msg.error.message));
    else p.resolve(msg.result);
  };

  private constructor(private readonly browser: CDPSession, private readonly sessionId: string) {
    browser.on('Target.receivedMessageFromTarget', this.onMessage);
  }

  /** Attaches to the one worker target not in `known`. */
  static async attachNew(browser: CDPSession, known: Set<string>): Promise<WorkerSession> {
    const { targetInfos } = await browser.send('Target.getTargets');
    const fresh = targetInfos.filter((t) => t.type === 'worker' && !known.has(t.targetId));
    if (fresh.length !== 1) throw new Error(`expected one new worker target, found ${fresh.length}`);
    known.add(fresh[0].targetId);
    const { sessionId } = await browser.send('Target.attachToTarget', { targetId: fresh[0].targetId, flatten: false });
    return new WorkerSession(browser, sessionId);
  }

  send<T>(method: string, params: object = {}): Promise<T> {
    const id = this.nextId++;
    const message = JSON.stringify({ id, method, params });
    return new Promise<T>((resolve, reject) => {
      this.pending.set(id, { resolve: resolve as (v: unknown) => void, reject });
      this.browser.send('Target.sendMessageToTarget', { sessionId: this.sessionId, message }).catch(reject);
    });
  }

  heap(): Promise<HeapUsage> {
    return this.send<HeapUsage>('Runtime.getHeapUsage');
  }

  async gc(): Promise<void> {
    // Twice: the first pass may leave objects that only become unreachable after finalisation.
    await this.send('HeapProfiler.collectGarbage');
    await this.send('HeapProfiler.collectGarbage');
  }

  async detach(): Promise<void> {
    this.browser.off('Target.receivedMessageFromTarget', this.onMessage);
    await this.browser.send('Target.detachFromTarget', { sessionId: this.sessionId }).catch(() => {});
  }
}

// ---------------------------------------------------------------------------------------------
// Renderer process peak RSS (Linux): reset VmHWM before the parse, read it after.

/** CPU seconds of each renderer process (Chromium keeps spare renderers besides the page's). */
async function rendererCpu(browser: CDPSession): Promise<Map<number, number>> {
  try {
    const { processInfo } = await browser.send('SystemInfo.getProcessInfo');
    return new Map(processInfo.filter((p) => p.type === 'renderer').map((p) => [p.id, p.cpuTime]));
  } catch {
    return new Map();
  }
}

function procStatusBytes(pid: number, field: 'VmRSS' | 'VmHWM'): number | null {
  try {
    const m = new RegExp(`^${field}:\\s+(\\d+) kB`, 'm').exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
    return m ? Number(m[1]) * 1024 : null;
  } catch {
    return null;
  }
}

/** Resets the process's peak RSS (VmHWM) to its current RSS (Linux, needs ptrace rights: same user or root). */
function resetPeakRss(pid: number): boolean {
  try {
    writeFileSync(`/proc/${pid}/clear_refs`, '5');
    return true;
  } catch {
    return false;
  }
}

// ---------------------------------------------------------------------------------------------

async function withTimeout<T>(p: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`${what} took longer than ${ms / 1000} s`)), ms);
  });
  try {
    return await Promise.race([p, timeout]);
  } finally {
    clearTimeout(timer);
  }
}

interface Session {
  browser: Browser;
  page: Page;
  cdp: CDPSession;
  isolated: boolean;
  problems: string[];
}

/** A fresh headless Chromium with the benchmark page open and the CSVs set on its file inputs (the table's when there is one). */
async function openSession(url: string, size: number, table: string | null = null): Promise<Session> {
  const browser = await chromium.launch({
    executablePath: CHROMIUM_PATH,
    args: CHROMIUM_ARGS,
  });
  const page = await browser.newPage();
  const problems: string[] = [];
  page.on('pageerror', (e) => problems.push(`page error: ${e.message}`));
  page.on('console', (m) => {
    if (m.type() === 'error') problems.push(`console error: ${m.text()}`);
  });
  await page.goto(url);
  const isolated = await page.evaluate(() => crossOriginIsolated);
  await page.setInputFiles('#file', CSV);
  const seen = await page.evaluate(() => window.parseBench.fileSize());
  if (seen !== size) throw new Error(`page sees ${seen} bytes, file has ${size}`);
  if (table) {
    await page.setInputFiles('#table', table);
    const seenTable = await page.evaluate(() => window.parseBench.fileSize('table'));
    if (seenTable !== statSync(table).size) throw new Error(`page sees ${seenTable} bytes of the table, the file has ${statSync(table).size}`);
  }
  const cdp = await browser.newBrowserCDPSession();
  return { browser, page, cdp, isolated, problems };
}

async function timedRound(page: Page, contender: Contender, which: Which = 'digits'): Promise<RoundResult> {
  await page.evaluate((c) => window.parseBench.start(c), contender);
  const result = await withTimeout(page.evaluate((w) => window.parseBench.parse(w), which), PARSE_TIMEOUT_MS, `${contender} parse`);
  await page.evaluate(() => window.parseBench.stop());
  return result;
}

interface MemoryResult {
  round: RoundResult;
  samples: number;
  before: HeapUsage;
  peakUsed: number;
  peakBacking: number;
  peakSum: number;
  after: HeapUsage;
  /** The page's renderer process: RSS before the parse and its peak during it, bytes (null if unavailable). */
  rssBefore: number | null;
  rssPeak: number | null;
}

/** One parse in a worker of a fresh browser, with the worker's heap sampled over CDP. */
async function memoryRound(session: Session, contender: Contender, which: Which = 'digits'): Promise<MemoryResult> {
  const { page, cdp } = session;
  await page.evaluate((c) => window.parseBench.start(c), contender);
  const worker = await WorkerSession.attachNew(cdp, new Set());
  try {
    await worker.gc();
    const before = await worker.heap();
    const cpuBefore = await rendererCpu(cdp);
    const rssBefore = new Map<number, number | null>();
    for (const pid of cpuBefore.keys()) rssBefore.set(pid, resetPeakRss(pid) ? procStatusBytes(pid, 'VmRSS') : null);

    let peakUsed = before.usedSize;
    let peakBacking = before.backingStorageSize;
    let peakSum = before.usedSize + before.backingStorageSize;
    let samples = 0;
    let sampling = true;
    const sampler = (async () => {
      while (sampling) {
        const h = await worker.heap();
        samples++;
        peakUsed = Math.max(peakUsed, h.usedSize);
        peakBacking = Math.max(peakBacking, h.backingStorageSize);
        peakSum = Math.max(peakSum, h.usedSize + h.backingStorageSize);
        await new Promise((r) => setTimeout(r, SAMPLE_MS));
      }
    })();
    let round: RoundResult;
    try {
      round = await withTimeout(page.evaluate((w) => window.parseBench.parse(w), which), PARSE_TIMEOUT_MS, `${contender} parse`);
    } finally {
      sampling = false;
      await sampler;
    }
    // The page's renderer is the one that spent the parse's CPU time.
    const cpuAfter = await rendererCpu(cdp);
    const spent = (pid: number) => (cpuAfter.get(pid) ?? 0) - (cpuBefore.get(pid) ?? 0);
    const busiest = [...cpuAfter.keys()].sort((a, b) => spent(b) - spent(a))[0];
    const rssPeak = busiest !== undefined && rssBefore.get(busiest) != null ? procStatusBytes(busiest, 'VmHWM') : null;

    // The worker still references its result (`kept`): this is the memory that holds it.
    await worker.gc();
    const after = await worker.heap();
    return { round, samples, before, peakUsed, peakBacking, peakSum, after, rssBefore: busiest === undefined ? null : (rssBefore.get(busiest) ?? null), rssPeak };
  } finally {
    await worker.detach();
    await page.evaluate(() => window.parseBench.stop());
  }
}

const mb = (bytes: number) => (bytes / 1e6).toFixed(1);

async function main(): Promise<void> {
  if (!existsSync(CSV)) {
    console.error(`Missing ${CSV}. Generate it with: npm run data:mnist`);
    process.exit(1);
  }
  const started = performance.now();
  await build({ configFile: CONFIG });
  const server = await serveIsolated(OUT_DIR);
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/`;
  try {
    if (args.only !== 'table') await benchDigits(url);
    if (args.only !== 'digits') await benchTable(url);
  } finally {
    server.close();
  }
  console.log(`(${((performance.now() - started) / 1000).toFixed(0)} s in all)`);
}

async function benchDigits(url: string): Promise<void> {
  const size = statSync(CSV).size;
  const busy = await machineBusy(1000);
  console.log(`CSV parse benchmark: ${CSV.slice(CSV.indexOf('public/'))} (${size.toLocaleString('en-US')} bytes = ${mb(size)} MB), headless Chromium`);
  for (const c of ['ours', 'papa'] as const) console.log(`  ${c}: ${NAMES[c]}`);
  console.log(`CPU busy before starting: ${(busy * 100).toFixed(0)}% of ${cpus().length} cores over 1 s${busy > 0.15 ? ' (other work on this machine slows both contenders)' : ''}`);

  const problems: string[] = [];
  const order: Contender[] = ['ours', 'papa'];

  const rounds: Record<string, RoundResult[]> = { ours: [], papa: [] };
  const memory = {} as Record<string, MemoryResult>;
  let sessions: Session[] = [];
  try {
    // Speed: one browser, a fresh worker per round, nothing attached to the workers.
    const speedSession = await openSession(url, size);
    sessions.push(speedSession);
    const { page } = speedSession;
    const ready = await page.evaluate(() => window.parseBench.start('papa'));
    await page.evaluate(() => window.parseBench.stop());
    console.log(
      `Chromium ${speedSession.browser.version()}, cross-origin isolated: ${speedSession.isolated}. In a dedicated worker FileReader is ${ready.fileReader ? 'present' : 'missing'} ` +
        `and FileReaderSync ${ready.fileReaderSync ? 'present' : 'missing'}, so Papa.parse(File) reads with ${ready.fileReader ? 'FileReader (async), 10 MB chunks' : 'FileReaderSync'}.`,
    );
    process.stdout.write('warm-up');
    for (const c of order) {
      const res = await timedRound(page, c);
      process.stdout.write(` ${c} ${res.seconds.toFixed(2)} s`);
    }
    process.stdout.write('; timed');
    for (let r = 0; r < ROUNDS; r++) {
      // Alternate which contender goes first, so neither always follows the other.
      for (const c of r % 2 === 0 ? order : [...order].reverse()) {
        const res = await timedRound(page, c);
        rounds[c].push(res);
        process.stdout.write(` ${c} ${res.seconds.toFixed(2)} s`);
      }
    }
    problems.push(...speedSession.problems);
    await speedSession.browser.close();
    sessions = [];

    // Memory: a fresh browser per contender, so the renderer's RSS starts clean.
    process.stdout.write(`\nmemory (fresh browser each, CDP heap samples every ${SAMPLE_MS} ms):`);
    for (const c of order) {
      const s = await openSession(url, size);
      sessions.push(s);
      memory[c] = await memoryRound(s, c);
      problems.push(...s.problems);
      await s.browser.close();
      sessions = [];
      process.stdout.write(` ${c} ${memory[c].round.seconds.toFixed(2)} s (${memory[c].samples} samples)`);
    }
    process.stdout.write('\n\n');
  } finally {
    for (const s of sessions) await s.browser.close().catch(() => {});
  }

  // ------------------------------------------------------------------------------------------
  const ours = rounds.ours;
  const papa = rounds.papa;
  const speed = (rs: RoundResult[]) => {
    const s = median(rs.map((r) => r.seconds));
    return { s, mbps: size / 1e6 / s, page: median(rs.map((r) => r.pageSeconds)) };
  };
  const so = speed(ours);
  const sp = speed(papa);
  const mo = memory.ours;
  const mp = memory.papa;
  const pixels = ours[0].rows * PIXELS;
  const sameData = ours[0].rows === papa[0].rows && ours[0].labelSum === papa[0].labelSum && ours[0].pixelSum === papa[0].pixelSum;
  const retained = (m: MemoryResult) => m.after.usedSize + m.after.backingStorageSize - m.before.usedSize - m.before.backingStorageSize;
  const rssDelta = (m: MemoryResult) => (m.rssPeak !== null && m.rssBefore !== null ? mb(m.rssPeak - m.rssBefore) : 'n/a');
  const dsBytes = ours[0].datasetBytes ?? 0;

  const W0 = 60;
  const W = 30;
  const row = (label: string, a: string, b: string) => console.log(label.padEnd(W0) + a.padStart(W) + b.padStart(W + 2));
  const rule = () => console.log('-'.repeat(W0 + 2 * W + 2));
  console.log(''.padEnd(W0) + 'ours'.padStart(W) + 'plain Papa.parse'.padStart(W + 2));
  rule();
  row(`parse time, median of ${ROUNDS} rounds (s, in the worker)`, so.s.toFixed(3), sp.s.toFixed(3));
  row('throughput (MB/s, MB = 10^6 bytes)', so.mbps.toFixed(1), sp.mbps.toFixed(1));
  row('all rounds (s)', ours.map((r) => r.seconds.toFixed(2)).join(' '), papa.map((r) => r.seconds.toFixed(2)).join(' '));
  row('page clock, post File → "parsed" reply, median (s)', so.page.toFixed(3), sp.page.toFixed(3));
  row('data rows', ours[0].rows.toLocaleString('en-US'), papa[0].rows.toLocaleString('en-US'));
  row('same rows, label sum and pixel sum', '', sameData ? 'yes' : 'NO');
  row('result', 'Uint8Array', 'string[][]');
  rule();
  console.log('memory, one more round each in a fresh browser (heap: V8 JS heap of the worker; backing: its ArrayBuffer + external-string bytes)');
  row('  parse time in this round (s, with CDP sampling)', mo.round.seconds.toFixed(3), mp.round.seconds.toFixed(3));
  row('  worker before parse, after GC: heap + backing (MB)', `${mb(mo.before.usedSize)} + ${mb(mo.before.backingStorageSize)}`, `${mb(mp.before.usedSize)} + ${mb(mp.before.backingStorageSize)}`);
  row('  peak heap used during parse, sampled, incl. garbage (MB)', mb(mo.peakUsed), mb(mp.peakUsed));
  row('  peak backing store during parse, sampled (MB)', mb(mo.peakBacking), mb(mp.peakBacking));
  row('  peak heap + backing in one sample (MB)', mb(mo.peakSum), mb(mp.peakSum));
  row('  renderer process peak RSS above pre-parse RSS (MB)', rssDelta(mo), rssDelta(mp));
  row('  after parse + forced GC, result held: heap (MB)', mb(mo.after.usedSize), mb(mp.after.usedSize));
  row('  after parse + forced GC, result held: backing (MB)', mb(mo.after.backingStorageSize), mb(mp.after.backingStorageSize));
  row('  retained for the result: heap + backing growth (MB)', mb(retained(mo)), mb(retained(mp)));
  row(`    … per pixel (bytes; ${ours[0].rows.toLocaleString('en-US')} × 784 pixels)`, (retained(mo) / pixels).toFixed(3), (retained(mp) / pixels).toFixed(3));
  row("  dataset's own ArrayBuffers: pixels + labels (MB)", `${mb(ours[0].pixelBytes ?? 0)} + ${((ours[0].labelBytes ?? 0) / 1e6).toFixed(3)}`, '-');
  row('    … per pixel (bytes)', (dsBytes / pixels).toFixed(3), '-');
  rule();

  const bpp = dsBytes / pixels;
  console.log(
    `target >= ${TARGET_MBPS} MB/s: ${so.mbps >= TARGET_MBPS ? 'met' : 'NOT met'} (${so.mbps.toFixed(1)} MB/s, ${so.s.toFixed(2)} s for ${mb(size)} MB; ` +
      `plain Papa.parse ${sp.mbps.toFixed(1)} MB/s)`,
  );
  console.log(
    `target <= ~${TARGET_BYTES_PER_PIXEL} byte per pixel: ${bpp <= TARGET_BYTES_PER_PIXEL * BYTES_PER_PIXEL_TOLERANCE ? 'met' : 'NOT met'} ` +
      `(threshold ${TARGET_BYTES_PER_PIXEL * BYTES_PER_PIXEL_TOLERANCE}: ${bpp.toFixed(3)} bytes/pixel in the dataset's buffers, ${(retained(mo) / pixels).toFixed(3)} retained by the worker; ` +
      `plain Papa.parse retains ${(retained(mp) / pixels).toFixed(2)})`,
  );
  if (!sameData) console.log('WARNING: the two parsers disagree on the data');
  if (problems.length) console.log(`page problems:\n  ${problems.join('\n  ')}`);
}

/** The generated 60 MB table: our table reader as the app runs it, against plain Papa.parse of the same File. */
async function benchTable(url: string): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'mlp-parse-'));
  const file = join(dir, 'table.csv');
  writeFileSync(file, makeTable(args['table-mb'] === undefined ? undefined : Number(args['table-mb']) * 1e6));
  const size = statSync(file).size;
  const busy = await machineBusy(1000);
  console.log(`\nTable parse benchmark: bench/parse/table-gen.ts's table (${size.toLocaleString('en-US')} bytes = ${mb(size)} MB: a header, 40 float columns, ` +
    '2 string columns, ~2% missing cells as empty or NA), headless Chromium, each parse in a fresh module worker handed the File');
  for (const c of ['ours-table', 'papa'] as const) console.log(`  ${c}: ${NAMES[c]}`);
  console.log(`CPU busy before starting: ${(busy * 100).toFixed(0)}% of ${cpus().length} cores over 1 s${busy > 0.15 ? ' (other work on this machine slows both contenders)' : ''}`);
  const order: Contender[] = ['ours-table', 'papa'];
  const rounds: Record<string, RoundResult[]> = { 'ours-table': [], papa: [] };
  const memory: Record<string, MemoryResult> = {};
  const problems: string[] = [];
  let sessions: Session[] = [];
  try {
    const speed = await openSession(url, statSync(CSV).size, file);
    sessions.push(speed);
    process.stdout.write('warm-up');
    for (const c of order) process.stdout.write(` ${c} ${(await timedRound(speed.page, c, 'table')).seconds.toFixed(2)} s`);
    process.stdout.write('; timed');
    for (let r = 0; r < ROUNDS; r++) {
      for (const c of r % 2 === 0 ? order : [...order].reverse()) {
        const res = await timedRound(speed.page, c, 'table');
        rounds[c].push(res);
        process.stdout.write(` ${c} ${res.seconds.toFixed(2)} s`);
      }
    }
    problems.push(...speed.problems);
    await speed.browser.close();
    sessions = [];
    process.stdout.write(`\nmemory (fresh browser each, CDP heap samples every ${SAMPLE_MS} ms):`);
    for (const c of order) {
      const s = await openSession(url, statSync(CSV).size, file);
      sessions.push(s);
      memory[c] = await memoryRound(s, c, 'table');
      problems.push(...s.problems);
      await s.browser.close();
      sessions = [];
      process.stdout.write(` ${c} ${memory[c].round.seconds.toFixed(2)} s`);
    }
    process.stdout.write('\n\n');
  } finally {
    for (const s of sessions) await s.browser.close().catch(() => {});
    rmSync(dir, { recursive: true, force: true });
  }

  const ours = rounds['ours-table'], papa = rounds.papa;
  const o = ours[0], p = papa[0];
  const cells = o.rows * (o.columns ?? 0);
  const speedOf = (rs: RoundResult[]) => {
    const sec = median(rs.map((r) => r.seconds));
    return { sec, mbps: size / 1e6 / sec, page: median(rs.map((r) => r.pageSeconds)) };
  };
  const so = speedOf(ours), sp = speedOf(papa);
  const same = o.rows === p.rows && o.columns === p.columns && o.missingCells === p.missingCells;
  const retained = (m: MemoryResult) => m.after.usedSize + m.after.backingStorageSize - m.before.usedSize - m.before.backingStorageSize;
  const W0 = 60, W = 30;
  const row = (label: string, a: string, b: string) => console.log(label.padEnd(W0) + a.padStart(W) + b.padStart(W + 2));
  const rule = () => console.log('-'.repeat(W0 + 2 * W + 2));
  console.log(''.padEnd(W0) + 'ours (readSourceBlob)'.padStart(W) + 'plain Papa.parse'.padStart(W + 2));
  rule();
  row(`read time, median of ${ROUNDS} rounds (s, in the worker)`, so.sec.toFixed(3), sp.sec.toFixed(3));
  row('throughput end to end (MB/s, MB = 10^6 bytes)', so.mbps.toFixed(1), sp.mbps.toFixed(1));
  row('all rounds (s)', ours.map((r) => r.seconds.toFixed(2)).join(' '), papa.map((r) => r.seconds.toFixed(2)).join(' '));
  row('page clock, post File → "parsed" reply, median (s)', so.page.toFixed(3), sp.page.toFixed(3));
  row('rows x columns', `${o.rows.toLocaleString('en-US')} x ${o.columns}`, `${p.rows.toLocaleString('en-US')} x ${p.columns}`);
  row('missing cells (empty or NA)', (o.missingCells ?? 0).toLocaleString('en-US'), (p.missingCells ?? 0).toLocaleString('en-US'));
  row('same rows, columns and missing cells', '', same ? 'yes' : 'NO');
  row('result', 'float32 columns + profile', 'string[][]');
  row('column kinds (profileTable)', o.kinds ?? '', '-');
  const rd = median(ours.map((r) => r.readDecodeSeconds ?? NaN)), pr = median(ours.map((r) => r.profileSeconds ?? NaN));
  row('  ours, where the time goes (medians, s): read + decode', rd.toFixed(3), '-');
  row('    parse into columns (the rest)', (so.sec - rd - pr).toFixed(3), '-');
  row('    profileTable', pr.toFixed(3), '-');
  rule();
  row('held: tableBytes (MB)', mb(o.tableBytes ?? 0), '-');
  row(`  … per cell (bytes; ${cells.toLocaleString('en-US')} cells)`, ((o.tableBytes ?? 0) / cells).toFixed(2), '-');
  row('retained by the worker after GC: heap + backing growth (MB)', mb(retained(memory['ours-table'])), mb(retained(memory.papa)));
  row('  … per cell (bytes)', (retained(memory['ours-table']) / cells).toFixed(2), (retained(memory.papa) / cells).toFixed(2));
  row('peak heap + backing in one sample, during the read (MB)', mb(memory['ours-table'].peakSum), mb(memory.papa.peakSum));
  rule();
  const held = (o.tableBytes ?? 0) / cells;
  printTargets([
    { figure: 'table read end to end in a worker, readSourceBlob (median)', measured: `${so.mbps.toFixed(1)} MB/s (${so.sec.toFixed(2)} s)`, target: `>= ${TARGET_MBPS} MB/s`, met: so.mbps >= TARGET_MBPS },
    { figure: '  plain Papa.parse of the same File, for comparison', measured: `${sp.mbps.toFixed(1)} MB/s (${sp.sec.toFixed(2)} s)`, target: '' },
    { figure: 'held by the table: tableBytes / cell', measured: `${held.toFixed(2)} bytes`, target: `<= ${TARGET_BYTES_PER_CELL} bytes`, met: held <= TARGET_BYTES_PER_CELL },
  ]);
  if (!same) console.log('WARNING: the two parsers disagree on the table');
  if (problems.length) console.log(`page problems:\n  ${problems.join('\n  ')}`);
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
