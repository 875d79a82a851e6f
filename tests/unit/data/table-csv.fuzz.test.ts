/**
 * Property-based tests of the table reader (src/data/table-csv.ts): arbitrary bytes, CSV-like bytes,
 * and random tables written as CSV and read back, whole and in pieces cut anywhere (as bytes through
 * a streaming TextDecoder, so multi-byte characters are split across pieces too).
 *
 * Every read must end with a well-formed RawTable or with the reader's own CsvError, whose problems
 * name lines of the file; never another throw, never a hang; and the same answer however the file
 * is cut. A random table must come back cell for cell: numbers as float32 of their value (whole
 * numbers exactly; in semicolon files decimal commas too), texts trimmed, missing tokens as NaN.
 *
 * Each property's number of cases is in its name and is checked after the run (`cases`). Failures
 * print fast-check's seed, path and shrunk counterexample; replay them with FC_SEED and FC_PATH (see `check`).
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { CsvError, MAX_LISTED_PROBLEMS } from '../../../src/data/csv';
import { MISSING_TOKENS, isMissingCell } from '../../../src/data/missing';
import { cellText, FLOAT32_EXACT, type RawTable } from '../../../src/data/table';
import { TableCsvParser } from '../../../src/data/table-csv';

/** Catastrophe bound per case (normal cases take a few ms): a case this slow fails. */
const CASE_LIMIT_MS = 10_000;
/** vitest's own bound for a whole property, far above its normal run time (a few seconds). */
const TEST_LIMIT_MS = 120_000;

type Outcome = { ok: true; table: RawTable } | { ok: false; error: CsvError };

/**
 * Reads the bytes cut at `cuts` (any offsets, sorted here): each piece decoded as streaming UTF-8 and
 * pushed. The parser holds `head` characters before parsing: fewer than its default, so that these
 * short files stream through the same paths as large ones instead of arriving whole.
 */
function readPieces(bytes: Uint8Array, head: number, cuts: number[] = []): Outcome {
  const start = performance.now();
  let out: Outcome;
  try {
    const parser = new TableCsvParser('f.csv', bytes.length, head);
    const decoder = new TextDecoder('utf-8');
    let from = 0;
    for (const to of [...cuts.map((c) => c % (bytes.length + 1)).sort((a, b) => a - b), bytes.length]) {
      parser.push(decoder.decode(bytes.subarray(from, to), { stream: true }));
      from = to;
    }
    parser.push(decoder.decode());
    out = { ok: true, table: parser.finish() };
  } catch (e) {
    if (!(e instanceof CsvError)) throw e; // TypeError, RangeError, ...: the property fails with it
    out = { ok: false, error: e };
  }
  const ms = performance.now() - start;
  if (ms > CASE_LIMIT_MS) throw new Error(`one read took ${Math.round(ms)} ms (catastrophe bound ${CASE_LIMIT_MS} ms)`);
  return out;
}

const encode = (s: string) => new TextEncoder().encode(s);
const decode = (b: Uint8Array) => new TextDecoder('utf-8').decode(b);

/** The property every read must have, whatever the input. `text` is the input as the reader saw it. */
function expectWellFormed(out: Outcome, text: string): void {
  if (!out.ok) {
    const e = out.error;
    expect(e.problems.length).toBeGreaterThanOrEqual(1);
    expect(e.problems.length).toBeLessThanOrEqual(MAX_LISTED_PROBLEMS);
    expect(e.totalProblems).toBeGreaterThanOrEqual(e.problems.length);
    expect(e.message.startsWith('Could not load "f.csv"')).toBe(true);
    const lines = text.split('\n').length;
    for (const p of e.problems) {
      expect(Number.isInteger(p.line) && p.line >= 1 && p.line <= lines).toBe(true);
      expect(e.message).toContain(`line ${p.line}: ${p.message}`);
    }
    return;
  }
  const t = out.table;
  expect(t.rows).toBeGreaterThanOrEqual(1);
  expect(t.columns.length).toBeGreaterThanOrEqual(2);
  expect(new Set(t.columns.map((c) => c.name)).size).toBe(t.columns.length);
  for (const col of t.columns) {
    expect(col.name.length).toBeGreaterThan(0);
    expect(col.values.length).toBe(t.rows);
    expect(col.values instanceof Float32Array || col.values instanceof Float64Array).toBe(true);
    if (col.dictionary) {
      expect(new Set(col.dictionary).size).toBe(col.dictionary.length);
      for (const v of col.values) if (!Number.isNaN(v)) expect(Number.isInteger(v) && v >= 0 && v < col.dictionary.length).toBe(true);
    } else {
      for (const v of col.values) expect(Number.isNaN(v) || Number.isFinite(v)).toBe(true);
    }
  }
}

/** The same answer: the same columns cell for cell, or the same message. */
function expectSameOutcome(a: Outcome, b: Outcome): void {
  if (a.ok && b.ok) {
    expect(summary(a.table)).toEqual(summary(b.table));
  } else {
    expect(a.ok ? 'a table' : a.error.message).toBe(b.ok ? 'a table' : b.error.message);
  }
}

const summary = (t: RawTable) => ({
  rows: t.rows, header: t.header, delimiter: t.delimiter,
  columns: t.columns.map((c) => ({ name: c.name, type: c.values.constructor.name, values: Array.from(c.values), dictionary: c.dictionary })),
});

/** Cut points for pieces: none to a dozen, anywhere. */
const cutsArb = fc.array(fc.nat(), { maxLength: 12 });
/** Characters the parser holds before parsing (its default is 65,536). */
const headArb = fc.oneof(fc.integer({ min: 1, max: 64 }), fc.integer({ min: 1, max: 4096 }));

/** Runs a property, counting its cases; the count is checked against `numRuns` (so a name's figure is true). */
function check<T>(numRuns: number, arb: fc.Arbitrary<T>, predicate: (v: T) => void): void {
  let cases = 0;
  fc.assert(fc.property(arb, (v) => { cases++; predicate(v); }), {
    numRuns,
    // To replay a failure: FC_SEED=<seed> FC_PATH=<path> npx vitest run tests/unit/data/table-csv.fuzz.test.ts
    // CI runs the same cases every time (a suite that never flakes); elsewhere each run explores new ones.
    seed: process.env.FC_SEED ? Number(process.env.FC_SEED) : process.env.CI ? 20261203 : undefined, path: process.env.FC_PATH,
  });
  if (!process.env.FC_PATH) expect(cases).toBe(numRuns); // a replay runs the one case its path names
}

function expectReadsAlike(bytes: Uint8Array, head: number, cuts: number[]): void {
  const whole = readPieces(bytes, head);
  expectWellFormed(whole, decode(bytes));
  expectSameOutcome(readPieces(bytes, head, cuts), whole);
}

describe('table reader, fuzzed: a RawTable or a located CsvError, the same wherever the pieces end', () => {
  // 300 cases: arbitrary bytes (mostly refused as binary or as plain text).
  it('arbitrary bytes (300 cases)', () => {
    check(300, fc.tuple(fc.uint8Array({ maxLength: 3000 }), headArb, cutsArb), ([bytes, head, cuts]) => expectReadsAlike(bytes, head, cuts));
  }, TEST_LIMIT_MS);

  // 500 cases: bytes from a CSV-like alphabet (numbers, the three delimiters, quotes, line ends, missing tokens, BOM, multi-byte and invalid UTF-8).
  it('CSV-like bytes (500 cases)', () => {
    const unit = fc.constantFrom(...['0', '1', '7', '-2.5', '1e3', '.', 'a', 'x y', ' ', ',', ',', ';', '\t', '\n', '\n', '\r\n', '\r', '"', '"', '""',
      'NA', '?', '-', 'é', '\uFEFF', '😀'].map(encode), new Uint8Array([0xc3]), new Uint8Array([0xff]), new Uint8Array([0]));
    const bytesArb = fc.array(unit, { maxLength: 600 }).map((parts) => new Uint8Array(Buffer.concat(parts)));
    check(500, fc.tuple(bytesArb, headArb, cutsArb), ([bytes, head, cuts]) => expectReadsAlike(bytes, head, cuts));
  }, TEST_LIMIT_MS);
});

// ---------------------------------------------------------------------------------------------------
// Random tables written as CSV.

type Delimiter = ',' | ';' | '\t';

/**
 * Independent of the reader: the number syntax a cell is read as (after trimming), and a finite value.
 * In a semicolon file, also a decimal comma: digits, one comma, digits (then an exponent or none).
 */
const NUMBER = /^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/;
const DECIMAL_COMMA = /^[+-]?\d+,\d+([eE][+-]?\d+)?$/;
function numberOf(cell: string, delimiter: Delimiter): number {
  const t = cell.trim();
  const written = NUMBER.test(t) ? t : delimiter === ';' && DECIMAL_COMMA.test(t) ? t.replace(',', '.') : '';
  const v = written ? Number(written) : NaN;
  return Number.isFinite(v) ? v : NaN;
}
const isNumber = (cell: string, delimiter: Delimiter) => !Number.isNaN(numberOf(cell, delimiter));

const numberArb = fc.oneof(
  fc.integer({ min: -1000, max: 1000 }).map(String),
  fc.double({ noNaN: true, noDefaultInfinity: true }).map(String),
  fc.double({ noNaN: true, noDefaultInfinity: true }).map((x) => x.toExponential()),
  fc.tuple(fc.integer({ min: -99, max: 99 }), fc.nat(99999)).map(([a, b]) => `${a}.${b}`),
  fc.constantFrom('.5', '3.', '+1', '007', '-0', '1e5', '1E-3', '123456789012', '16777217', '9007199254740993', '0.1', '1e-7', '1.50', ' 42 '),
  // Decimal commas: numbers in semicolon files, text elsewhere.
  fc.tuple(fc.integer({ min: -99, max: 99 }), fc.nat(99999)).map(([a, b]) => `${a},${b}`),
  fc.double({ noNaN: true, noDefaultInfinity: true }).map((x) => String(x).replace('.', ',')),
  fc.constantFrom('-1,5', '0,25', '12,0', '+3,5e2', ' 7,25 ', '1,234', '16777217,0'),
);
const missingArb = fc.tuple(fc.constantFrom(...MISSING_TOKENS), fc.constantFrom('', ' '), fc.boolean())
  .map(([m, pad, lower]) => pad + (lower ? m.toLowerCase() : m.toUpperCase()) + pad);
const stringArb = fc.array(fc.constantFrom('a', 'b', 'Q', ' ', 'x y', '"', ',', ';', '\t', '\n', '\r\n', 'é', '😀', '-', '?', '1', '.', 'NA'), { minLength: 1, maxLength: 6 })
  .map((parts) => parts.join(''))
  .filter((s) => !isMissingCell(s) && !isNumber(s, ','));

interface Spec {
  delimiter: Delimiter;
  header: boolean;
  eol: string;
  finalNewline: boolean;
  bom: boolean;
  rows: string[][];
  /** Before row i: that many blank lines. */
  blanks: number[];
}

const specArb: fc.Arbitrary<Spec> = fc.integer({ min: 2, max: 5 }).chain((width) => fc.record({
  delimiter: fc.constantFrom<Delimiter>(',', ';', '\t'),
  header: fc.boolean(),
  eol: fc.constantFrom('\n', '\r\n'),
  finalNewline: fc.boolean(),
  bom: fc.boolean(),
  // Per column: numbers and missing cells only, or anything.
  rows: fc.array(fc.boolean(), { minLength: width, maxLength: width }).chain((numeric) => fc.array(
    fc.tuple(...numeric.map((n) => (n ? fc.oneof(numberArb, numberArb, missingArb) : fc.oneof(numberArb, stringArb, stringArb, missingArb)))),
    { minLength: 1, maxLength: 8 })),
  blanks: fc.array(fc.nat(2), { minLength: 9, maxLength: 9 }),
}));

/** Header names no cell can equal (the cells' alphabet has no "H"). */
const headerNames = (width: number) => Array.from({ length: width }, (_, i) => `H${i}`);

/**
 * One cell as a CSV writer quotes it: when it holds a delimiter of any kind, a quote or a line end;
 * but a decimal comma in a semicolon file is written bare, as spreadsheets write it.
 */
function quote(cell: string, delimiter: Delimiter): string {
  if (delimiter === ';' && DECIMAL_COMMA.test(cell.trim())) return cell;
  return /[,;\t"\r\n]/.test(cell) ? `"${cell.replaceAll('"', '""')}"` : cell;
}

/** The CSV text, and the length of its start up to line 1's end (the head must hold it for the delimiter to be guessed). */
function writeCsv(s: Spec): { text: string; lineOne: number } {
  const lines = s.rows.map((row, i) => s.eol.repeat(s.blanks[i]) + row.map((cell) => quote(cell, s.delimiter)).join(s.delimiter));
  if (s.header) lines.unshift(headerNames(s.rows[0].length).join(s.delimiter));
  const text = (s.bom ? '\uFEFF' : '') + lines.join(s.eol) + (s.finalNewline ? s.eol : '');
  return { text, lineOne: (s.bom ? 1 : 0) + lines[0].length + s.eol.length };
}

/** The table must hold the spec's cells; line 1 of a spec without a header may be taken for one. */
function expectRoundTrip(out: Outcome, s: Spec): void {
  if (!out.ok) {
    // Only a one-row table whose row looks like a header can be refused.
    expect(out.error.message).toBe('Could not load "f.csv": line ' + (s.blanks[0] + 1) + ': there is a header but no data rows.');
    expect(!s.header && s.rows.length === 1).toBe(true);
    return;
  }
  const t = out.table;
  if (s.header) expect(t.header).toBe(true);
  expect(t.delimiter).toBe(s.delimiter);
  const rows = t.header && !s.header ? s.rows.slice(1) : s.rows;
  expect(t.rows).toBe(rows.length);
  if (s.header) expect(t.columns.map((c) => c.name)).toEqual(headerNames(t.columns.length));
  if (!t.header) expect(t.columns.map((c) => c.name)).toEqual(t.columns.map((_, i) => `column ${i + 1}`));
  t.columns.forEach((col, c) => {
    const cells = rows.map((row) => row[c]);
    const numberIn = (cell: string) => numberOf(cell, s.delimiter);
    const firstText = cells.findIndex((cell) => !isMissingCell(cell) && Number.isNaN(numberIn(cell)));
    expect(col.dictionary === null).toBe(firstText < 0);
    if (firstText < 0) {
      const long = cells.some((cell) => Number.isInteger(numberIn(cell)) && Math.abs(numberIn(cell)) > FLOAT32_EXACT);
      expect(col.values).toBeInstanceOf(long ? Float64Array : Float32Array);
    }
    cells.forEach((cell, r) => {
      const at = `column ${c + 1}, row ${r + 1}: ${JSON.stringify(cell)}`;
      if (isMissingCell(cell)) return expect(col.values[r], at).toBeNaN();
      const x = numberIn(cell);
      if (firstText < 0) {
        // float32 of the value; whole numbers exactly (float64 beyond 2^24)
        expect(Math.fround(col.values[r]), at).toBe(Math.fround(x));
        if (Number.isInteger(x)) expect(col.values[r], at).toBe(x);
      } else if (r < firstText) {
        // a number before the column met text: the text of a number of the same value (-0 is 0 here)
        expect(Math.fround(numberIn(cellText(col, r))) === Math.fround(x), at).toBe(true);
      } else {
        expect(cellText(col, r), at).toBe(cell.trim());
      }
    });
  });
}

describe('table reader, fuzzed: random tables written as CSV read back exactly', () => {
  // 400 cases: 2-5 columns, 1-8 rows, each delimiter, header or not, LF or CRLF, BOM or not, blank lines anywhere,
  // decimal commas (bare in semicolon files, quoted text elsewhere); the parser holds line 1 and up to 100 more characters.
  it('round trip of generated tables, whole and in pieces (400 cases)', () => {
    check(400, fc.tuple(specArb, fc.nat(100), cutsArb), ([spec, extra, cuts]) => {
      const { text, lineOne } = writeCsv(spec);
      const bytes = encode(text);
      const head = lineOne + extra;
      const whole = readPieces(bytes, head);
      expectWellFormed(whole, decode(bytes));
      expectRoundTrip(whole, spec);
      expectSameOutcome(readPieces(bytes, head, cuts), whole);
    });
  }, TEST_LIMIT_MS);
});
