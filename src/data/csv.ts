import Papa from 'papaparse';
import type { Dataset } from './dataset';
import { CLASSES, PIXELS, digitDataset } from './digits';
import { describeBadCell, parseByteCell } from './csv-cells';

/** One thing wrong with a file, located as a person would look for it (1-based line and column). */
export interface CsvProblem {
  line: number;
  column?: number;
  message: string;
}

/** A file that cannot be loaded. `message` names the file and lists the first problems. */
export class CsvError extends Error {
  constructor(readonly fileName: string, readonly problems: CsvProblem[], readonly totalProblems: number) {
    super(formatProblems(fileName, problems, totalProblems));
    this.name = 'CsvError';
  }
}

/** Rows allocated before the average row length is known. */
const INITIAL_ROWS = 64;

/** Characters looked at to tell text from binary data (the first ones of the file, however it is cut into pieces). */
const SNIFF_CHARS = 4096;

/** How many problems are listed word for word; the rest are only counted. */
export const MAX_LISTED_PROBLEMS = 5;

/**
 * `Could not load "train.csv": line 3, column 12: pixel column holds "abc", which is not a number.`
 * With several problems: `Could not load "x.csv" (12 problems): line 3 …; line 9 …; and 10 more.`
 */
function formatProblems(fileName: string, problems: CsvProblem[], total: number): string {
  const listed = problems.map((p) => `line ${p.line}${p.column ? `, column ${p.column}` : ''}: ${p.message}`);
  const rest = total - problems.length;
  const count = total > 1 ? ` (${total.toLocaleString('en-US')} problems)` : '';
  const more = rest > 0 ? `; and ${rest.toLocaleString('en-US')} more` : '';
  return `Could not load "${fileName}"${count}: ${listed.join('; ')}${more}.`;
}

/**
 * Streaming parser for Kaggle Digit Recognizer CSVs, straight into bytes.
 *
 * Accepted layouts: `label,pixel0..pixel783` (785 columns, labeled train file) or `pixel0..pixel783`
 * (784 columns, unlabeled test file), with or without the header row, with LF or CRLF line ends, a
 * UTF-8 BOM, and with or without a final newline. Feed text in pieces of any size with `push`, then
 * call `finish`; the browser worker and the Node CLI both drive it, from file chunks.
 *
 * Why papaparse is called per batch of whole lines instead of on the file: the caller controls the
 * reading (progress, cancel, File.stream in a worker, fs streams in Node), and we keep exact line
 * numbers for messages. Each complete run of lines goes through `Papa.parse` (quotes handled, fast
 * mode when there are none) and its cells are written directly into a growing Uint8Array. Every LF
 * ends a line (a CR before it is dropped, whatever the first line's end), and a quoted cell may not
 * run over a line end, so the answer, line numbers included, does not depend on where pieces end.
 */
export class DigitCsvParser {
  private carry = '';
  /** The file's first characters, held until there are SNIFF_CHARS of them (or the end) to check. */
  private head = '';
  private started = false;
  private crlf = false;
  private line = 0; // 1-based number of the last line handed to papaparse
  private columns = 0; // 785 or 784 once known
  private count = 0;
  private pixels: Uint8Array;
  private labels: Int32Array;
  private readonly problems: CsvProblem[] = [];
  private totalProblems = 0;
  private sawHeader = false;
  private fatal = false;

  /** Average characters per line, from the first lines parsed (0 until known). */
  private charsPerLine = 0;

  /**
   * @param sizeHint the file's size in bytes. After the first rows the parser knows the average row
   * length and allocates for the whole file at once (plus 3%), so the bytes are not copied again and
   * the dataset ends at about 1 byte per pixel.
   */
  constructor(readonly fileName: string, private readonly sizeHint = 0) {
    this.pixels = new Uint8Array(INITIAL_ROWS * PIXELS);
    this.labels = new Int32Array(INITIAL_ROWS);
  }

  /** Rows read so far. */
  get rowsRead(): number {
    return this.count;
  }

  /** Feeds the next piece of text (any size; lines may span pieces). */
  push(text: string): void {
    if (this.fatal) return;
    if (!this.started) {
      // The binary check sees the same first characters whatever the pieces' sizes (fuzzing found
      // a file refused as binary when read whole but not when its first piece was a few characters).
      this.head += text;
      if (this.head.length < SNIFF_CHARS) return;
      text = this.start();
      if (this.fatal) return;
    }
    this.feed(text);
  }

  /** Checks the head of the file (BOM, binary) and hands it on. */
  private start(): string {
    let text = this.head;
    this.head = '';
    this.started = true;
    if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
    if (looksBinary(text)) this.fail(1, undefined, 'this is not a text file (it looks like binary data, e.g. an image renamed to .csv); expected a CSV of numbers');
    return text;
  }

  private feed(text: string): void {
    const all = this.carry + text;
    const lastNewline = all.lastIndexOf('\n');
    if (lastNewline < 0) {
      this.carry = all;
      return;
    }
    this.carry = all.slice(lastNewline + 1);
    this.parseLines(all.slice(0, lastNewline));
  }

  /** Ends the input. Returns the dataset, or throws a CsvError that lists what is wrong. */
  finish(): Dataset {
    if (!this.fatal && !this.started && this.head.length > 0) {
      const text = this.start();
      if (!this.fatal) this.feed(text);
    }
    if (!this.fatal && this.carry.length > 0) {
      const rest = this.carry;
      this.carry = '';
      this.parseLines(rest);
    }
    if (!this.fatal && this.totalProblems === 0) {
      if (!this.started || (this.line === 0 && this.count === 0)) this.fail(1, undefined, 'the file is empty');
      else if (this.count === 0) this.fail(this.line, undefined, this.sawHeader ? 'there is a header but no data rows' : 'no data rows');
    }
    if (this.totalProblems > 0) throw new CsvError(this.fileName, this.problems, this.totalProblems);
    const labeled = this.columns === PIXELS + 1;
    // Within 5% of the count: hand out views (no copy, no second buffer at the peak); else trim.
    const fits = this.labels.length <= this.count * 1.05 + INITIAL_ROWS;
    const size = this.count * PIXELS;
    return digitDataset(
      this.fileName,
      fits ? this.pixels.subarray(0, size) : this.pixels.slice(0, size),
      labeled ? (fits ? this.labels.subarray(0, this.count) : this.labels.slice(0, this.count)) : null,
    );
  }

  private report(line: number, column: number | undefined, message: string): void {
    this.totalProblems++;
    if (this.problems.length < MAX_LISTED_PROBLEMS) this.problems.push({ line, column, message });
  }

  /** A problem after which reading on makes no sense (binary data, wrong delimiter). */
  private fail(line: number, column: number | undefined, message: string): void {
    this.report(line, column, message);
    this.fatal = true;
    this.carry = '';
  }

  private parseLines(text: string): void {
    if (this.line === 0) {
      const firstEnd = text.indexOf('\n');
      const first = firstEnd < 0 ? text : text.slice(0, firstEnd);
      this.crlf = first.endsWith('\r');
      if (!this.checkDelimiter(first)) return;
    }
    if (this.crlf && text.endsWith('\r')) text = text.slice(0, -1);
    const result = Papa.parse<string[]>(keepBom(text), { delimiter: ',', newline: this.crlf ? '\r\n' : '\n', skipEmptyLines: false });
    const rows = result.data;
    // Papa's rows are the lines only if it found one per "\n" and no quote problem. Not so for a
    // quoted cell running over a line end, a bare LF in a CRLF file, or an empty run ('' gives no
    // row): fuzzing found each made the line numbers wrong, and the answer depend on where chunks
    // ended. Counting costs one indexOf per line.
    let lines = 1;
    for (let i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', i + 1)) lines++;
    if (rows.length !== lines || result.errors.length > 0) {
      this.parseLineByLine(text);
      return;
    }
    if (this.charsPerLine === 0 && rows.length > 1) this.charsPerLine = (text.length + 1) / rows.length;
    for (let r = 0; r < rows.length && !this.fatal; r++) {
      this.line++;
      this.readRow(rows[r]);
    }
  }

  /**
   * The careful way for a run of lines papaparse did not map one to one onto rows: each line on its
   * own, split as the fast path would (in a CRLF file without its CR), so line numbers stay exact and
   * the answer is the same wherever the chunks end. A quote left open at the end of a line is refused
   * (a cell may not run over a line end), else papaparse would quietly close it.
   */
  private parseLineByLine(text: string): void {
    for (let from = 0; !this.fatal;) {
      const end = text.indexOf('\n', from);
      let line = end < 0 ? text.slice(from) : text.slice(from, end);
      if (this.crlf && line.endsWith('\r')) line = line.slice(0, -1);
      this.line++;
      const result = Papa.parse<string[]>(keepBom(line), { delimiter: ',', newline: '\n', skipEmptyLines: false });
      const cells = result.data.length > 0 ? result.data[0] : [''];
      if (result.errors.some((e) => e.code === 'MissingQuotes')) {
        this.report(this.line, cells.length, 'a quote is not closed on its line (a cell may not run over a line end)');
      } else this.readRow(cells);
      if (end < 0) return;
      from = end + 1;
    }
  }

  /** Refuses files separated by semicolons, tabs or pipes, naming the separator found. */
  private checkDelimiter(first: string): boolean {
    if (first.includes(',')) return true;
    const names: [string, string][] = [[';', 'semicolons'], ['\t', 'tabs'], ['|', 'pipes (|)'], [' ', 'spaces']];
    for (const [ch, name] of names) {
      if (first.trim().includes(ch)) {
        this.fail(1, undefined, `values are separated by ${name}; the file must be comma-separated (Kaggle's Digit Recognizer layout)`);
        return false;
      }
    }
    return true; // a single column: readRow reports the column count
  }

  private readRow(cells: string[]): void {
    const line = this.line;
    if (cells.length === 1 && cells[0].trim() === '') return; // blank line
    // A CRLF line in a file whose first line ends in LF (or "\r\r\n"): the CR is no part of the cell.
    const last = cells[cells.length - 1];
    if (last.charCodeAt(last.length - 1) === 13) cells[cells.length - 1] = last.slice(0, -1);
    if (this.columns === 0) {
      if (cells.length !== PIXELS + 1 && cells.length !== PIXELS) {
        this.fail(line, undefined, `${cells.length} columns; expected 785 (label + 784 pixels, a train file) or 784 (pixels only, a test file)`);
        return;
      }
      this.columns = cells.length;
      if (this.isHeader(cells)) {
        this.sawHeader = true;
        return;
      }
    }
    if (cells.length !== this.columns) {
      this.report(line, undefined, `${cells.length} columns, but the file has ${this.columns}`);
      return;
    }
    if (this.count === this.labels.length) this.grow();
    const labeled = this.columns === PIXELS + 1;
    const first = labeled ? 1 : 0;
    if (labeled) {
      const y = parseByteCell(cells[0]);
      if (y < 0 || y >= CLASSES) this.report(line, 1, `label column ${describeBadCell(cells[0], 'label')}`);
      else this.labels[this.count] = y;
    }
    const out = this.pixels, base = this.count * PIXELS - first;
    let bad = false;
    for (let c = first; c < cells.length; c++) {
      const cell = cells[c];
      // Inline fast path for 1-3 ASCII digits (all of a Kaggle file); anything else goes the long way.
      let v = -1;
      const n = cell.length;
      if (n === 1) {
        v = cell.charCodeAt(0) - 48;
        if (v < 0 || v > 9) v = parseByteCell(cell);
      } else v = parseByteCell(cell);
      if (v < 0) {
        this.report(line, c + 1, `pixel column ${describeBadCell(cells[c], 'pixel')}`);
        bad = true;
        break; // one message per row is enough
      }
      out[base + c] = v;
    }
    if (!bad) this.count++;
  }

  private isHeader(cells: string[]): boolean {
    const first = cells[0].trim().toLowerCase();
    return first === 'label' || first.startsWith('pixel') || (parseByteCell(cells[0]) < 0 && Number.isNaN(Number(first)));
  }

  private grow(): void {
    // Estimate the file's rows from the lines read so far; grow by half if that estimate was short.
    // Capped by the most rows the file can hold (a row is at least 784 one-digit cells and their
    // commas): a first run of blank or short lines gave a tiny average and a RangeError allocating.
    const most = Math.ceil(this.sizeHint / (2 * PIXELS - 1));
    const estimate = this.charsPerLine ? Math.min(most, Math.ceil((this.sizeHint / this.charsPerLine) * 1.03)) : 0;
    const rows = Math.max(Math.ceil(this.labels.length * 1.5), estimate);
    const pixels = new Uint8Array(rows * PIXELS);
    pixels.set(this.pixels);
    const labels = new Int32Array(rows);
    labels.set(this.labels);
    this.pixels = pixels;
    this.labels = labels;
  }
}

/**
 * Whether a text (a file's start, its BOM removed) looks like binary data rather than text: its first
 * SNIFF_CHARS characters hold a NUL, or more than 1% control characters other than tab, CR and LF,
 * or U+FFFD (what the decoder makes of bytes that are not UTF-8). Both readers (this one and
 * table-csv.ts) refuse such a file, each with its own sentence.
 */
export function looksBinary(text: string): boolean {
  const head = text.slice(0, SNIFF_CHARS);
  let odd = 0;
  for (let i = 0; i < head.length; i++) {
    const c = head.charCodeAt(i);
    if (c === 0) return true;
    if ((c < 32 && c !== 9 && c !== 10 && c !== 13) || c === 0xfffd) odd++;
  }
  return odd > head.length * 0.01;
}

/**
 * Papa.parse drops a BOM that starts its input. The file's own BOM is gone before this; one starting
 * a later line is part of its first cell, whether or not a chunk happens to start there (fuzzing found
 * the cell quoted in a message with or without it, depending on the chunks).
 */
function keepBom(text: string): string {
  return text.charCodeAt(0) === 0xfeff ? '\uFEFF' + text : text;
}

/** Parses a whole CSV held as a string (tests, small files). */
export function parseDigitCsv(fileName: string, text: string): Dataset {
  const parser = new DigitCsvParser(fileName, text.length);
  parser.push(text);
  return parser.finish();
}
