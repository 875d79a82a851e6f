/**
 * Speed and memory of the table reader (src/data/table-csv.ts) in Node, on a generated table the
 * size of a large upload:
 *
 *   npx tsx bench/parse/table-node.ts          (about 30 s)
 *
 * The table: table-gen.ts's 60 MB of CSV (40 float columns, 2 string columns, ~2% missing cells, a
 * header), made in memory from a fixed seed, so every run reads the same text.
 *
 * Speed: TableCsvParser fed the text in 1 MiB pieces, as read-blob.ts feeds a File (without the
 * UTF-8 decoding, which is timed separately: decode + parse feeds TextDecoder's output from 1 MiB
 * byte slices). One warm-up round, then ROUNDS rounds each; the median is reported.
 *
 * Memory: "held" is tableBytes(): the columns' buffers (allocated once for the whole file from the
 * size hint, plus 3%) and 2 bytes a dictionary character, per cell. "heap after" is what the process
 * holds after a forced GC with the table still referenced and the text dropped (V8's heap plus
 * ArrayBuffer contents), per cell: what the app keeps in its worker once a load is done.
 *
 * Profile: profileTable() on the parsed table, median of ROUNDS.
 */
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { profileTable } from '../../src/data/profile';
import { TableCsvParser } from '../../src/data/table-csv';
import { tableBytes, type RawTable } from '../../src/data/table';
import { busyText, machineBusy, median, printTargets } from '../stats';
import { makeTable } from './table-gen';

setFlagsFromString('--expose-gc');
const gc = runInNewContext('gc') as () => void;

const ROUNDS = 5;
const PIECE = 1 << 20;
const TARGET_MBPS = 60;
const TARGET_BYTES_PER_CELL = 4.5;

function parseText(text: string): RawTable {
  const parser = new TableCsvParser('bench.csv', text.length);
  for (let i = 0; i < text.length; i += PIECE) parser.push(text.slice(i, i + PIECE));
  return parser.finish();
}

function parseBytes(bytes: Uint8Array): RawTable {
  const parser = new TableCsvParser('bench.csv', bytes.length);
  const decoder = new TextDecoder('utf-8');
  for (let i = 0; i < bytes.length; i += PIECE) parser.push(decoder.decode(bytes.subarray(i, i + PIECE), { stream: true }));
  parser.push(decoder.decode());
  return parser.finish();
}

function time(f: () => RawTable): { ms: number; table: RawTable } {
  const start = performance.now();
  const table = f();
  return { ms: performance.now() - start, table };
}

async function main(): Promise<void> {
  console.log(`machine busy before: ${busyText(await machineBusy(1000))}`);
  let text: string | null = makeTable();
  const bytes = new TextEncoder().encode(text);
  const mb = bytes.length / 1e6;
  const first = parseText(text);
  const cells = first.rows * first.columns.length;
  console.log(`table: ${mb.toFixed(1)} MB, ${first.rows.toLocaleString('en-US')} rows x ${first.columns.length} columns ` +
    `(${first.columns.filter((c) => c.dictionary).length} of text), ${cells.toLocaleString('en-US')} cells`);

  const textMs: number[] = [];
  const bytesMs: number[] = [];
  parseBytes(bytes); // warm-up of the decoding path
  for (let r = 0; r < ROUNDS; r++) {
    textMs.push(time(() => parseText(text!)).ms);
    bytesMs.push(time(() => parseBytes(bytes)).ms);
  }

  // Memory: one more read, then the text dropped and a full GC with only the table kept.
  text = null;
  gc();
  const before = process.memoryUsage();
  const { table } = time(() => parseBytes(bytes));
  gc();
  const after = process.memoryUsage();
  const heldByProcess = after.heapUsed + after.arrayBuffers - (before.heapUsed + before.arrayBuffers);

  const profileMs: number[] = [];
  for (let r = 0; r < ROUNDS; r++) {
    const start = performance.now();
    profileTable(table);
    profileMs.push(performance.now() - start);
  }

  const mbps = (ms: number) => mb / (ms / 1000);
  const parseMbps = mbps(median(textMs));
  const held = tableBytes(table) / cells;
  printTargets([
    { figure: 'parse, text in 1 MiB pieces (median)', measured: `${parseMbps.toFixed(1)} MB/s (${median(textMs).toFixed(0)} ms)`, target: `>= ${TARGET_MBPS} MB/s`, met: parseMbps >= TARGET_MBPS },
    { figure: 'decode UTF-8 + parse, 1 MiB byte slices (median)', measured: `${mbps(median(bytesMs)).toFixed(1)} MB/s (${median(bytesMs).toFixed(0)} ms)`, target: '' },
    { figure: 'held by the table: tableBytes / cell', measured: `${held.toFixed(2)} bytes`, target: `<= ${TARGET_BYTES_PER_CELL} bytes`, met: held <= TARGET_BYTES_PER_CELL },
    { figure: 'heap after (GC, table kept) / cell', measured: `${(heldByProcess / cells).toFixed(2)} bytes`, target: '' },
    { figure: `profileTable, ${table.rows.toLocaleString('en-US')} x ${table.columns.length} (median)`, measured: `${median(profileMs).toFixed(0)} ms`, target: '< 1,000 ms', met: median(profileMs) < 1000 },
  ]);
  console.log(`rounds (ms), text: ${textMs.map((m) => m.toFixed(0)).join(' ')}; bytes: ${bytesMs.map((m) => m.toFixed(0)).join(' ')}`);
  console.log(`machine busy after: ${busyText(await machineBusy(1000))}`);
}

await main();
