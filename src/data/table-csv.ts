import Papa from 'papaparse';
import { CsvError, looksBinary, MAX_LISTED_PROBLEMS, type CsvProblem } from './csv';
import { guessDelimiter } from './csv-delimiter';
import { RecordScanner } from './csv-records';
import { parseDecimal } from './decimal';
import type { RawColumn, RawTable } from './table';
import { ColumnBuilder } from './table-columns';
import { columnNames, looksLikeHeader } from './table-header';

export { parseDecimal } from './decimal';

type Delimiter = RawTable['delimiter'];

/** Rows allocated before the average row length is known. */
const INITIAL_ROWS = 64;
/**
 * The file's first characters, held before anything is parsed: binary data is told and the
 * delimiter guessed from them (a fixed prefix, so the answer is the same wherever the pieces end),
 * and the first run of records is long enough to estimate the file's row count from.
 */
const HEAD_CHARS = 65_536;
/** Rows after line 1 looked at to decide whether line 1 is a header. */
const HEADER_LOOKAHEAD = 50;

const BINARY = 'this is not a text file (it looks like binary data, e.g. a spreadsheet or an image renamed to .csv)';
const PLAIN_TEXT = 'no comma, semicolon or tab separates the values: this looks like plain text, not a table';

/**
 * Streaming reader of any CSV table into compact columns (see table.ts): comma, semicolon or tab
 * separated, with or without a header, quoted cells (delimiters, doubled quotes and line breaks
 * inside), a BOM, CRLF or LF, blank lines, and missing cells as R, pandas and spreadsheets write them.
 * Feed text in pieces of any size with `push`, then call `finish`; the same table (or the same
 * error) comes out wherever the pieces end.
 *
 * The flow, per piece: the first HEAD_CHARS characters are held to check for binary data (csv.ts's
 * looksBinary) and guess the delimiter (csv-delimiter.ts); then RecordScanner (csv-records.ts) finds
 * the last record end in the pending text, and that run of complete records goes through papaparse
 * (`Papa.Parser`, fast split when the run has no quote) in one call, as csv.ts does, so the caller
 * controls reading, progress and cancel. The first records wait until line 1 can be judged a header
 * or not (table-header.ts, from HEADER_LOOKAHEAD rows), then every row's cells go straight into the
 * columns' typed arrays (table-columns.ts): numbers by `parseDecimal` (decimal.ts; in a semicolon-
 * separated file "1,5" too), texts as dictionary codes. Line numbers in messages are the 1-based
 * file lines where records start (a quoted line break makes a record span lines; blank lines count).
 */
export class TableCsvParser {
  private head = '';
  private started = false;
  private fatal = false;
  /** Text after the last record end, in the pieces it came in (joined only once a record ends). */
  private pending: string[] = [];
  private pendingChars = 0;
  private delimiter: Delimiter = ',';
  /** Whether "1,5" is a number: in semicolon-separated files (see parseDecimal). */
  private decimalComma = false;
  /** Both made once the delimiter is known (start). */
  private scanner!: RecordScanner;
  private papa!: Papa.Parser;
  /** Line where the next record starts. */
  private nextLine = 1;
  /** Records held until the header decision: line 1's and up to HEADER_LOOKAHEAD more; null once decided. */
  private held: { cells: string[]; line: number }[] | null = [];
  private columns: ColumnBuilder[] = [];
  private header = false;
  /** Line of the first record: the header, or the first row. */
  private firstLine = 0;
  private capacity = 0;
  private count = 0;
  /** Average characters per record, from the first run of records (0 until known). */
  private charsPerRow = 0;
  private readonly problems: CsvProblem[] = [];
  private totalProblems = 0;

  /**
   * @param sizeHint the file's size in bytes. Once the first rows give the average row length, every
   * column is allocated for the whole file at once (rows estimated x 1.03), so the values are not
   * copied again and the table ends at about 4 bytes a cell.
   * @param headChars characters held before anything is parsed (HEAD_CHARS). Tests pass fewer, so
   * that their short files stream through the same paths as large ones instead of arriving whole.
   */
  constructor(readonly fileName: string, private readonly sizeHint = 0, private readonly headChars = HEAD_CHARS) {}

  /** Rows read so far (the header not counted). */
  get rowsRead(): number {
    return this.count;
  }

  /** Feeds the next piece of text (any size; records, quoted cells and lines may span pieces). */
  push(text: string): void {
    if (this.fatal) return;
    if (!this.started) {
      this.head += text;
      if (this.head.length < this.headChars) return;
      text = this.start();
      if (this.fatal) return;
    }
    this.feed(text);
  }

  /** Ends the input. Returns the table, or throws a CsvError that lists what is wrong. */
  finish(): RawTable {
    if (!this.fatal && !this.started) {
      const text = this.start();
      if (!this.fatal) this.feed(text);
    }
    // The last record needs no line end: one is added, so a quote closing at the end of the file
    // is judged as one closing before a line end. A record still open after it has an unclosed quote.
    if (!this.fatal && this.pendingChars > 0) this.feed('\n');
    if (!this.fatal && this.held && this.held.length > 0) this.decide();
    if (!this.fatal && this.pendingChars > 0) {
      this.report(this.nextLine, 'a quote in this row is never closed, so the rest of the file would be one cell');
    }
    if (!this.fatal && this.totalProblems === 0) {
      if (this.held) this.fail(1, 'the file is empty');
      else if (this.count === 0) this.fail(this.firstLine, 'there is a header but no data rows');
    }
    if (this.totalProblems > 0) throw new CsvError(this.fileName, this.problems, this.totalProblems);
    // Within 5% of the count: views (no copy, no second buffer at the peak); else trimmed copies.
    const fits = this.capacity <= this.count * 1.05 + INITIAL_ROWS;
    const columns: RawColumn[] = this.columns.map((c) => ({
      name: c.name,
      values: fits ? c.values.subarray(0, this.count) : c.values.slice(0, this.count),
      dictionary: c.codes ? c.dictionary : null,
    }));
    return { name: this.fileName, rows: this.count, columns, header: this.header, delimiter: this.delimiter };
  }

  /** Checks the head of the file (BOM, binary data), guesses the delimiter, and hands the head on. */
  private start(): string {
    let text = this.head;
    this.head = '';
    this.started = true;
    let prefix = text.slice(0, this.headChars);
    if (text.charCodeAt(0) === 0xfeff) {
      text = text.slice(1);
      prefix = prefix.slice(1);
    }
    if (looksBinary(prefix)) {
      this.fail(1, BINARY);
      return '';
    }
    this.delimiter = guessDelimiter(prefix);
    this.decimalComma = this.delimiter === ';';
    this.scanner = new RecordScanner(this.delimiter.charCodeAt(0));
    this.papa = new Papa.Parser({ delimiter: this.delimiter, newline: '\n' });
    return text;
  }

  /**
   * Parses every complete record of the pending text and keeps the rest. The scanner is shown the
   * pieces from the one where it stopped (and the character before), and the pending pieces are
   * joined only when a record ends: a quote left open near the start of a large file would
   * otherwise copy the growing rest of the file at every piece (3 s for 60 MB, measured).
   */
  private feed(text: string): void {
    const stopped = Math.max(0, this.scanner.from - 1);
    let k = this.pending.length;
    let base = this.pendingChars;
    while (k > 0 && base > stopped) base -= this.pending[--k].length;
    const window = this.pending.slice(k).join('') + text;
    this.pending.push(text);
    this.pendingChars += text.length;
    const end = this.scanner.lastRecordEnd(window, base);
    if (end < 0) return;
    const all = k === 0 ? window : this.pending.join('');
    this.pending = [all.slice(end + 1)];
    this.pendingChars = all.length - end - 1;
    this.scanner.from -= end + 1;
    this.parseRun(all.slice(0, end + 1));
  }

  /** A run of complete records, ending in "\n" (papaparse gives an empty last row for the text after it). */
  private parseRun(run: string): void {
    const rows = (this.papa.parse(run, 0, false) as Papa.ParseResult<string[]>).data;
    const records = rows.length - 1;
    if (this.charsPerRow === 0 && records > 1) this.charsPerRow = run.length / records;
    // Without a quote every record is one line; with quotes, a record spans 1 + its cells' line breaks.
    const quoted = run.includes('"');
    for (let r = 0; r < records && !this.fatal; r++) {
      const cells = rows[r];
      const line = this.nextLine;
      this.nextLine += quoted ? 1 + lineBreaks(cells) : 1;
      if (cells.length === 1 && cells[0].trim() === '') continue; // a blank line
      if (this.held) {
        this.held.push({ cells, line });
        if (this.held.length > HEADER_LOOKAHEAD) this.decide();
      } else this.readRow(cells, line);
    }
  }

  /** Judges line 1 (header or not) from the held records, makes the columns and reads the held rows. */
  private decide(): void {
    const records = this.held!;
    this.held = null;
    const first = records[0];
    this.firstLine = first.line;
    if (first.cells.length < 2) {
      this.fail(first.line, PLAIN_TEXT);
      return;
    }
    this.header = looksLikeHeader(first.cells, records.slice(1).map((r) => r.cells), this.decimalComma);
    const names = this.header ? columnNames(first.cells) : first.cells.map((_, i) => `column ${i + 1}`);
    this.columns = names.map((name) => new ColumnBuilder(name, this.decimalComma));
    for (const r of records.slice(this.header ? 1 : 0)) this.readRow(r.cells, r.line);
  }

  private readRow(cells: string[], line: number): void {
    const cols = this.columns;
    const width = cols.length;
    if (cells.length !== width) {
      const n = cells.length;
      this.report(line, `${n} cell${n === 1 ? '' : 's'}, but ${this.header ? `the header has ${width} columns` : `line ${this.firstLine} has ${width}`}`);
      return;
    }
    if (this.totalProblems > 0) return; // the file is refused: rows are only checked, to count the problems
    if (this.count === this.capacity) this.grow();
    const row = this.count++;
    const decimalComma = this.decimalComma;
    for (let c = 0; c < width; c++) {
      const col = cols[c];
      const cell = cells[c];
      if (col.codes === null) {
        const v = parseDecimal(cell, decimalComma);
        if (v === v) {
          col.number(row, v, cell);
          continue;
        }
      }
      col.other(row, cell);
    }
  }

  /**
   * Room for more rows in every column: the file's rows estimated from its size and the first run's
   * characters per record (x 1.03), or 1.5x when that estimate falls short. Capped by the most rows
   * the file can hold (a row has at least a delimiter between each two cells and a line end), so
   * short first rows cannot make a large file allocate for billions of rows.
   */
  private grow(): void {
    const most = Math.ceil(this.sizeHint / this.columns.length) + 1;
    const estimate = this.charsPerRow ? Math.min(most, Math.ceil((this.sizeHint / this.charsPerRow) * 1.03)) : 0;
    this.capacity = Math.max(INITIAL_ROWS, Math.ceil(this.capacity * 1.5), estimate);
    for (const col of this.columns) col.resize(this.capacity);
  }

  private report(line: number, message: string): void {
    this.totalProblems++;
    if (this.problems.length < MAX_LISTED_PROBLEMS) this.problems.push({ line, message });
  }

  /** A problem after which reading on makes no sense (binary data, not a table). */
  private fail(line: number, message: string): void {
    this.report(line, message);
    this.fatal = true;
    this.pending = [];
    this.pendingChars = 0;
  }
}

/** Parses a whole CSV table held as a string (tests, small files). */
export function parseTableCsv(fileName: string, text: string): RawTable {
  const parser = new TableCsvParser(fileName, text.length);
  parser.push(text);
  return parser.finish();
}

/** Line breaks inside a record's (quoted) cells. */
function lineBreaks(cells: string[]): number {
  let n = 0;
  for (const cell of cells) for (let i = cell.indexOf('\n'); i >= 0; i = cell.indexOf('\n', i + 1)) n++;
  return n;
}
