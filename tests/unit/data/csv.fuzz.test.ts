/**
 * Property-based tests of the CSV reader (issue 8, "Bad input, fuzzed"): arbitrary bytes, arbitrary
 * text and random mutations of valid files go through the reading path of the app and the CLI
 * (`readDatasetBlob` on a Blob) and through the parser fed in pieces cut anywhere (as read-blob feeds
 * it, through a streaming TextDecoder, so multi-byte characters are split across pieces too).
 *
 * The reader must end with a well-formed dataset or with its own CsvError, whose problems name a
 * line (and a column when a cell is at fault); never a raw TypeError / RangeError, never a hang. Where
 * the file has no quotes, a small reference reader written here (every "\n" ends a line, a CR before
 * it is dropped) says what the answer must be, down to the lines and columns of the problems listed.
 *
 * Each property's number of cases is in its name and is checked after the run (`cases`). Failures
 * print fast-check's seed, path and shrunk counterexample; replay them with FC_SEED and FC_PATH (see `check`).
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { kaggleHeader, kaggleRow } from '../../../scripts/kaggle-csv';
import { CsvError, DigitCsvParser, MAX_LISTED_PROBLEMS, type CsvProblem } from '../../../src/data/csv';
import { parseByteCell } from '../../../src/data/csv-cells';
import { type Dataset } from '../../../src/data/dataset';
import { CLASSES, PIXELS } from '../../../src/data/digits';
import { readDatasetBlob } from '../../../src/data/read-blob';
import { mnistSubset } from '../mnist';

/** Catastrophe bound per case (normal cases take a few ms): a promise that never settles, or a case this slow, fails. */
const CASE_LIMIT_MS = 10_000;
/** vitest's own bound for a whole property, far above its normal run time (a few seconds). */
const TEST_LIMIT_MS = 120_000;

type Outcome = { ok: true; ds: Dataset } | { ok: false; error: CsvError };

/** Settles a read into an Outcome; anything thrown that is not a CsvError fails the case as it is. */
async function settle(read: () => Promise<Dataset> | Dataset): Promise<Outcome> {
  const start = performance.now();
  let out: Outcome;
  try {
    out = { ok: true, ds: await read() };
  } catch (e) {
    if (!(e instanceof CsvError)) throw e; // TypeError, RangeError, ...: the property fails with it
    out = { ok: false, error: e };
  }
  // A synchronous loop cannot be interrupted from this thread; a read this slow still fails the case.
  const ms = performance.now() - start;
  if (ms > CASE_LIMIT_MS) throw new Error(`one read took ${Math.round(ms)} ms (catastrophe bound ${CASE_LIMIT_MS} ms)`);
  return out;
}

/** The app's and the CLI's path: a Blob read in 1 MiB slices. */
const readBlob = (bytes: Uint8Array) => settle(() => readDatasetBlob(new Blob([bytes as Uint8Array<ArrayBuffer>]), 'f.csv'));

/** As read-blob does, but with the bytes cut at `cuts` (any offsets, sorted here): each piece decoded as streaming UTF-8 and pushed. */
function readPieces(bytes: Uint8Array, cuts: number[]): Promise<Outcome> {
  return settle(() => {
    const parser = new DigitCsvParser('f.csv', bytes.length);
    const decoder = new TextDecoder('utf-8');
    let from = 0;
    for (const to of [...cuts.map((c) => c % (bytes.length + 1)).sort((a, b) => a - b), bytes.length]) {
      parser.push(decoder.decode(bytes.subarray(from, to), { stream: true }));
      from = to;
    }
    parser.push(decoder.decode());
    return parser.finish();
  });
}

/** Raw text (lone surrogates and all) pushed in pieces cut at `cuts`. */
function readTextPieces(text: string, cuts: number[]): Promise<Outcome> {
  return settle(() => {
    const parser = new DigitCsvParser('f.csv', text.length);
    let from = 0;
    for (const to of [...cuts.map((c) => c % (text.length + 1)).sort((a, b) => a - b), text.length]) {
      parser.push(text.slice(from, to));
      from = to;
    }
    return parser.finish();
  });
}

const lineCount = (text: string) => text.split('\n').length;

/** The property every read must have, whatever the input. `text` is the input as the reader saw it. */
function expectWellFormed(out: Outcome, text: string): void {
  if (out.ok) {
    const { ds } = out;
    expect(Number.isInteger(ds.count) && ds.count >= 1).toBe(true);
    expect(ds.x).toBeInstanceOf(Uint8Array); // so every pixel is 0-255
    expect(ds.x.length).toBe(ds.count * PIXELS);
    if (ds.y !== null) {
      expect(ds.y).toBeInstanceOf(Int32Array);
      expect(ds.y.length).toBe(ds.count);
      for (const y of ds.y) expect(y).toBeLessThan(CLASSES);
    }
    return;
  }
  const e = out.error;
  expect(e.name).toBe('CsvError');
  expect(e.problems.length).toBeGreaterThanOrEqual(1);
  expect(e.problems.length).toBeLessThanOrEqual(MAX_LISTED_PROBLEMS);
  expect(e.totalProblems).toBeGreaterThanOrEqual(e.problems.length);
  expect(e.message.startsWith('Could not load "f.csv"')).toBe(true);
  const lines = lineCount(text);
  for (const p of e.problems) {
    expect(Number.isInteger(p.line) && p.line >= 1 && p.line <= lines).toBe(true);
    const at = p.column === undefined ? `line ${p.line}: ` : `line ${p.line}, column ${p.column}: `;
    expect(e.message).toContain(at + p.message);
    // A problem in a cell names its column (and only then is there one).
    const inCell = /^(label|pixel) column /.test(p.message) || /^a quote is not closed/.test(p.message);
    expect(p.column !== undefined).toBe(inCell);
    if (p.column !== undefined) expect(Number.isInteger(p.column) && p.column >= 1).toBe(true);
  }
}

const located = (ps: CsvProblem[]) => ps.map((p) => [p.line, p.column ?? null]);

/** The same answer: the same bytes, or the same message. */
function expectSameOutcome(a: Outcome, b: Outcome): void {
  if (a.ok && b.ok) {
    expect(a.ds.count).toBe(b.ds.count);
    expect(Buffer.from(a.ds.x).equals(Buffer.from(b.ds.x))).toBe(true);
    expect(a.ds.y === null ? null : Array.from(a.ds.y)).toEqual(b.ds.y === null ? null : Array.from(b.ds.y));
  } else {
    expect(a.ok ? 'a dataset' : a.error.message).toBe(b.ok ? 'a dataset' : b.error.message);
  }
}

type Expected = { ok: true; count: number; pixels: number[]; labels: number[] | null } | { ok: false; problems: [number, number | null][]; total: number };

/**
 * What the reader must answer for a text without quotes: every "\n" ends a line and a CR before it is
 * dropped; blank lines are skipped; the first other line fixes 785 or 784 columns and may be a header;
 * each row with a bad cell gets one problem (its label, and its first bad pixel).
 */
function reference(decoded: string): Expected {
  const text = decoded.charCodeAt(0) === 0xfeff ? decoded.slice(1) : decoded;
  const lines = text.split('\n');
  if (lines.at(-1) === '') lines.pop();
  const problems: [number, number | null][] = [];
  let total = 0;
  const report = (line: number, column: number | null) => {
    total++;
    if (problems.length < MAX_LISTED_PROBLEMS) problems.push([line, column]);
  };
  let columns = 0;
  const pixels: number[] = [], labels: number[] = [];
  let count = 0;
  for (let i = 0; i < lines.length; i++) {
    const line = i + 1;
    const cells = (lines[i].endsWith('\r') ? lines[i].slice(0, -1) : lines[i]).split(',');
    if (cells.length === 1 && cells[0].trim() === '') continue;
    if (columns === 0) {
      if (cells.length !== PIXELS + 1 && cells.length !== PIXELS) return { ok: false, problems: [[line, null]], total: 1 };
      columns = cells.length;
      const first = cells[0].trim().toLowerCase();
      if (first === 'label' || first.startsWith('pixel') || (parseByteCell(cells[0]) < 0 && Number.isNaN(Number(first)))) continue;
    }
    if (cells.length !== columns) { report(line, null); continue; }
    const labeled = columns === PIXELS + 1;
    if (labeled) {
      const y = parseByteCell(cells[0]);
      if (y < 0 || y >= CLASSES) report(line, 1);
    }
    const values = cells.slice(labeled ? 1 : 0).map(parseByteCell);
    const bad = values.findIndex((v) => v < 0);
    if (bad >= 0) { report(line, bad + (labeled ? 2 : 1)); continue; }
    if (labeled && parseByteCell(cells[0]) < CLASSES && parseByteCell(cells[0]) >= 0) labels.push(parseByteCell(cells[0]));
    pixels.push(...values);
    count++;
  }
  if (total > 0) return { ok: false, problems, total };
  if (count === 0) return { ok: false, problems: [[Math.max(1, lines.length), null]], total: 1 };
  return { ok: true, count, pixels, labels: columns === PIXELS + 1 ? labels : null };
}

/** Binary data and a wrong separator are refused at line 1 from the head of the file, which the reference does not model. */
const sniffed = (out: Outcome) => !out.ok && out.error.problems.length === 1 && /not a text file|separated by/.test(out.error.problems[0].message);

function expectAsReference(out: Outcome, decoded: string): void {
  if (decoded.includes('"') || sniffed(out)) return;
  const want = reference(decoded);
  if (want.ok) {
    expect(out.ok ? 'a dataset' : out.error.message).toBe('a dataset');
    if (!out.ok) return;
    expect(out.ds.count).toBe(want.count);
    expect(Array.from(out.ds.x)).toEqual(want.pixels);
    expect(out.ds.y === null ? null : Array.from(out.ds.y)).toEqual(want.labels);
  } else {
    expect(out.ok ? 'a dataset' : 'an error').toBe('an error');
    if (out.ok) return;
    expect(located(out.error.problems)).toEqual(want.problems);
    expect(out.error.totalProblems).toBe(want.total);
  }
}

const encode = (s: string) => new TextEncoder().encode(s);
const decode = (b: Uint8Array) => new TextDecoder('utf-8').decode(b); // strips one BOM, as read-blob's decoder does

/** Cut points for pieces: none to a dozen, anywhere. */
const cutsArb = fc.array(fc.nat(), { maxLength: 12 });

/** Runs a property, counting its cases; the count is checked against `numRuns` (so a name's figure is true). */
async function check<T>(numRuns: number, arb: fc.Arbitrary<T>, predicate: (v: T) => Promise<void>): Promise<void> {
  let cases = 0;
  await fc.assert(fc.asyncProperty(arb, async (v) => { cases++; await predicate(v); }), {
    numRuns, timeout: CASE_LIMIT_MS,
    // To replay a failure: FC_SEED=<seed> FC_PATH=<path> npx vitest run tests/unit/data/csv.fuzz.test.ts
    // CI runs the same cases every time (a suite that never flakes); elsewhere each run explores new ones.
    seed: process.env.FC_SEED ? Number(process.env.FC_SEED) : process.env.CI ? 20261129 : undefined, path: process.env.FC_PATH,
  });
  if (!process.env.FC_PATH) expect(cases).toBe(numRuns); // a replay runs the one case its path names
}

// ---------------------------------------------------------------------------------------------------
// Valid files, built as the fixtures build them (scripts/kaggle-csv), and their mutations.

interface Layout { labeled: boolean; header: boolean; crlf: boolean; finalNewline: boolean; bom: boolean }

const layoutArb: fc.Arbitrary<Layout> = fc.record({
  labeled: fc.boolean(), header: fc.boolean(), crlf: fc.boolean(), finalNewline: fc.boolean(), bom: fc.boolean(),
});

function fileText(layout: Layout, rows: { label: number; pixels: Uint8Array }[]): string {
  const eol = layout.crlf ? '\r\n' : '\n';
  const lines = rows.map((r) => kaggleRow(r.pixels, 0, layout.labeled ? r.label : null));
  if (layout.header) lines.unshift(kaggleHeader(layout.labeled));
  return (layout.bom ? '\uFEFF' : '') + lines.join(eol) + (layout.finalNewline ? eol : '');
}

/** Real digits from the fixtures' MNIST source (mostly zeros, as Kaggle's files). */
const digits = mnistSubset(40);
const digitArb = fc.nat(digits.count - 1).map((i) => ({ label: digits.y![i], pixels: digits.x.subarray(i * PIXELS, (i + 1) * PIXELS) }));
const validTextArb = fc.tuple(layoutArb, fc.array(digitArb, { minLength: 1, maxLength: 4 })).map(([layout, rows]) => fileText(layout, rows));

/** A mutation of a text; positions are taken modulo the text's length / line count. */
type Mutation = (text: string) => string;

const splice = (s: string, at: number, del: number, ins: string) => s.slice(0, at) + ins + s.slice(at + del);
const withLines = (f: (lines: string[]) => void): Mutation => (text) => {
  const lines = text.split('\n');
  f(lines);
  return lines.join('\n');
};

/** Fragments that a broken or hand-edited file might hold. */
const fragmentArb = fc.oneof(
  fc.constantFrom(',', ',,', '-1', '-0', '256', '999', '1.5', '0.0', '1e2', '"', '""', '"7"', '\uFEFF', '\r', '\n', '\r\n', '\n\n',
    ' ', '\t', ';', 'é', '€', '😀', '\0', '\x1a', 'NaN', 'label', 'pixel0', '\uFFFD', '0x1F', '+3', '007'),
  fc.string({ unit: 'binary', maxLength: 6 }),
);
const cellValueArb = fc.constantFrom('', ' ', '-3', '-0', '256', '1000', '0.5', '7.0', '"7"', '" 7 "', ' 7 ', '007', '1e2', 'x', 'NaN',
  'Infinity', '10', '9', '0', '255', '\r', '"', '"1\n2"', '1\r', '١', '７');

const mutationArb: fc.Arbitrary<Mutation> = fc.oneof(
  fc.tuple(fc.nat(), fc.integer({ min: 1, max: 8 })).map(([at, n]): Mutation => (t) => splice(t, at % (t.length + 1), n, '')),
  fc.tuple(fc.nat(), fragmentArb).map(([at, s]): Mutation => (t) => splice(t, at % (t.length + 1), 0, s)),
  fc.tuple(fc.nat(), fragmentArb).map(([at, s]): Mutation => (t) => splice(t, at % (t.length + 1), 1, s)),
  // a cell replaced: line, column, value
  fc.tuple(fc.nat(), fc.nat(), cellValueArb).map(([l, c, v]): Mutation => withLines((lines) => {
    const i = l % lines.length;
    const cells = lines[i].split(',');
    cells[c % cells.length] = v;
    lines[i] = cells.join(',');
  })),
  // a cell dropped or doubled
  fc.tuple(fc.nat(), fc.nat(), fc.boolean()).map(([l, c, dup]): Mutation => withLines((lines) => {
    const i = l % lines.length;
    const cells = lines[i].split(',');
    const j = c % cells.length;
    cells.splice(j, dup ? 0 : 1, ...(dup ? [cells[j]] : []));
    lines[i] = cells.join(',');
  })),
  fc.tuple(fc.nat(), fc.nat()).map(([l, to]): Mutation => withLines((lines) => { lines.splice(to % (lines.length + 1), 0, lines[l % lines.length]); })),
  fc.nat().map((l): Mutation => withLines((lines) => { lines.splice(l % lines.length, 1); })),
  fc.tuple(fc.nat(), fc.constantFrom('', ' ', '\r', '\t', ',')).map(([l, s]): Mutation => withLines((lines) => { lines.splice(l % (lines.length + 1), 0, s); })),
  // line ends: one line or all to CRLF, or LF; a lone CR
  fc.nat().map((l): Mutation => withLines((lines) => { const i = l % lines.length; if (!lines[i].endsWith('\r')) lines[i] += '\r'; })),
  fc.nat().map((l): Mutation => withLines((lines) => { const i = l % lines.length; lines[i] = lines[i].replace(/\r$/, ''); })),
  fc.constantFrom<Mutation>((t) => t.replace(/\r?\n/g, '\r\n'), (t) => t.replace(/\r\n/g, '\n'), (t) => t.replace(/\r?\n/g, '\r')),
  // header variations
  fc.constantFrom<Mutation>(
    (t) => t.replace(/label/i, 'LABEL'), (t) => t.replace(/label,/, ''), (t) => t.replace(/pixel783/, 'pixel783,pixel784'),
    (t) => t.replace(/pixel(\d+)/g, '"pixel$1"'), (t) => t.replace(/^(\uFEFF?)/, '$1label,' + kaggleHeader(false) + '\n'),
    (t) => t.replace(/^(\uFEFF?)/, '$1' + kaggleHeader(false).replace(/,/g, ';') + '\n'),
    (t) => '\uFEFF' + t, (t) => t.replace(/^\uFEFF/, ''),
  ),
  // truncated anywhere, in the middle of a row most likely
  fc.nat().map((at): Mutation => (t) => t.slice(0, at % (t.length + 1))),
);

/** Byte-level damage after encoding: a byte replaced, inserted or deleted (so invalid UTF-8 too). */
const byteMutationArb = fc.tuple(fc.constantFrom('replace', 'insert', 'delete'), fc.nat(), fc.integer({ min: 0, max: 255 }));

function damage(bytes: Uint8Array, ops: [string, number, number][]): Uint8Array {
  let b = bytes;
  for (const [op, at, value] of ops) {
    const i = at % (b.length + 1);
    const next = new Uint8Array(b.length + (op === 'insert' ? 1 : op === 'delete' && i < b.length ? -1 : 0));
    next.set(b.subarray(0, i));
    if (op === 'insert') { next[i] = value; next.set(b.subarray(i), i + 1); }
    else if (op === 'delete') next.set(b.subarray(i + 1), i);
    else { next.set(b.subarray(i), i); if (i < b.length) next[i] = value; }
    b = next;
  }
  return b;
}

// ---------------------------------------------------------------------------------------------------

/** Reads the bytes whole and in pieces: well formed, as the reference reader says, and the same both ways. */
async function expectReadsAlike(bytes: Uint8Array, cuts: number[]): Promise<void> {
  const text = decode(bytes);
  const whole = await readBlob(bytes);
  expectWellFormed(whole, text);
  expectAsReference(whole, text);
  expectSameOutcome(await readPieces(bytes, cuts), whole);
}

describe('CSV reader, fuzzed: it ends with a dataset or a located CsvError, never anything else', () => {
  // 300 cases: arbitrary bytes (mostly refused as binary, or as one odd column count at line 1).
  it('arbitrary bytes (300 cases)', async () => {
    await check(300, fc.tuple(fc.uint8Array({ maxLength: 3000 }), cutsArb), async ([bytes, cuts]) => {
      await expectReadsAlike(bytes, cuts);
    });
  }, TEST_LIMIT_MS);

  // 300 cases: bytes from a CSV-like alphabet (digits, commas, quotes, CR/LF, BOM and multi-byte UTF-8 pieces).
  it('CSV-like bytes (300 cases)', async () => {
    const unit = fc.constantFrom(...['0', '1', '7', '25', '255', '256', ',', ',', ',', '\n', '\r\n', '\r', '"', ' ', '-', '.', 'a', 'é', '\uFEFF', '😀'].map(encode),
      new Uint8Array([0xc3]), new Uint8Array([0xff]), new Uint8Array([0]));
    const bytesArb = fc.array(unit, { maxLength: 600 }).map((parts) => new Uint8Array(Buffer.concat(parts)));
    await check(300, fc.tuple(bytesArb, cutsArb), async ([bytes, cuts]) => {
      await expectReadsAlike(bytes, cuts);
    });
  }, TEST_LIMIT_MS);

  // 300 cases: any string of code points (fast-check's full unicode), read as UTF-8 bytes and pushed as raw text.
  it('arbitrary unicode text (300 cases)', async () => {
    await check(300, fc.tuple(fc.string({ unit: 'binary', maxLength: 2000 }), cutsArb), async ([s, cuts]) => {
      const bytes = encode(s);
      const text = decode(bytes);
      const whole = await readBlob(bytes);
      expectWellFormed(whole, text);
      expectAsReference(whole, text);
      const pushed = await readTextPieces(s, cuts);
      expectWellFormed(pushed, s);
      expectAsReference(pushed, s);
    });
  }, TEST_LIMIT_MS);

  // 400 cases: valid files of 1-4 real digits in every layout, damaged by 1-4 mutations, then maybe 0-2 damaged bytes.
  it('mutations of valid files (400 cases)', async () => {
    const arb = fc.tuple(validTextArb, fc.array(mutationArb, { minLength: 1, maxLength: 4 }), fc.array(byteMutationArb, { maxLength: 2 }), cutsArb);
    await check(400, arb, async ([valid, mutations, byteOps, cuts]) => {
      const bytes = damage(encode(mutations.reduce((t, m) => m(t), valid)), byteOps);
      await expectReadsAlike(bytes, cuts);
    });
  }, TEST_LIMIT_MS);
});

describe('CSV reader, fuzzed: valid files read back exactly', () => {
  // 200 cases: 1-5 rows of random pixels and labels, header or not, LF or CRLF, final newline or not, BOM or not.
  it('round trip of generated files, whole and in pieces (200 cases)', async () => {
    const rowArb = fc.record({ label: fc.integer({ min: 0, max: 9 }), pixels: fc.uint8Array({ minLength: PIXELS, maxLength: PIXELS }) });
    await check(200, fc.tuple(layoutArb, fc.array(rowArb, { minLength: 1, maxLength: 5 }), cutsArb), async ([layout, rows, cuts]) => {
      const bytes = encode(fileText(layout, rows));
      for (const out of [await readBlob(bytes), await readPieces(bytes, cuts)]) {
        expect(out.ok ? 'a dataset' : out.error.message).toBe('a dataset');
        if (!out.ok) return;
        expect(out.ds.count).toBe(rows.length);
        expect(Buffer.from(out.ds.x).equals(Buffer.concat(rows.map((r) => r.pixels)))).toBe(true);
        expect(out.ds.y === null ? null : Array.from(out.ds.y)).toEqual(layout.labeled ? rows.map((r) => r.label) : null);
      }
    });
  }, TEST_LIMIT_MS);
});
