import Papa from 'papaparse';
import { CsvError, MAX_LISTED_PROBLEMS, type CsvProblem } from './csv';
import { isMissingCell } from './missing';
import { FLOAT32_EXACT, numberText, type RawColumn, type RawTable } from './table';

type Delimiter = RawTable['delimiter'];

/** Rows allocated before the average row length is known. */
const INITIAL_ROWS = 64;
/** Characters looked at to tell text from binary data (the head's first ones). */
const SNIFF_CHARS = 4096;
/**
 * The file's first characters, held before anything is parsed: binary data is told and the
 * delimiter guessed from them (a fixed prefix, so the answer is the same wherever the pieces end),
 * and the first run of records is long enough to estimate the file's row count from.
 */
const HEAD_CHARS = 65_536;
/** Lines of the head the delimiter is guessed from. */
const GUESS_LINES = 20;
/** Rows after line 1 looked at to decide whether line 1 is a header. */
const HEADER_LOOKAHEAD = 50;
/** Distinct numbers whose first text a column remembers while it is numeric (see ColumnBuilder). */
const MAX_NUMBER_TEXTS = 4096;
/** Whole numbers below this are marked seen in a byte table (see ColumnBuilder.number). */
const SMALL = 1024;

const BINARY = 'this is not a text file (it looks like binary data, e.g. a spreadsheet or an image renamed to .csv)';
const PLAIN_TEXT = 'no comma, semicolon or tab separates the values: this looks like plain text, not a table';

/**
 * Streaming reader of any CSV table into compact columns (see table.ts): comma, semicolon or tab
 * separated, with or without a header, quoted cells (delimiters, doubled quotes and line breaks
 * inside), a BOM, CRLF or LF, blank lines, and missing cells as R, pandas and spreadsheets write them.
 * Feed text in pieces of any size with `push`, then call `finish`; the same table (or the same
 * error) comes out wherever the pieces end.
 *
 * The flow, per piece: the first HEAD_CHARS characters are held to check for binary data and guess
 * the delimiter; then RecordScanner finds the last record end in the pending text, and that run of
 * complete records goes through papaparse (`Papa.Parser`, fast split when the run has no quote) in
 * one call, as csv.ts does, so the caller controls reading, progress and cancel. The first records
 * wait until line 1 can be judged a header or not (HEADER_LOOKAHEAD rows), then every row's cells
 * go straight into the columns' typed arrays: numbers by `parseDecimal`, texts as dictionary codes.
 * Line numbers in messages are the 1-based file lines where records start (a quoted line break
 * makes a record span lines; blank lines count).
 */
export class TableCsvParser {
  private head = '';
  private started = false;
  private fatal = false;
  /** Text after the last record end, in the pieces it came in (joined only once a record ends). */
  private pending: string[] = [];
  private pendingChars = 0;
  private delimiter: Delimiter = ',';
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
    if (looksBinary(prefix.slice(0, SNIFF_CHARS))) {
      this.fail(1, BINARY);
      return '';
    }
    this.delimiter = guessDelimiter(prefix);
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
    this.header = looksLikeHeader(first.cells, records.slice(1).map((r) => r.cells));
    const names = this.header ? columnNames(first.cells) : first.cells.map((_, i) => `column ${i + 1}`);
    this.columns = names.map((name) => new ColumnBuilder(name));
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
    for (let c = 0; c < width; c++) {
      const col = cols[c];
      const cell = cells[c];
      if (col.codes === null) {
        const v = parseDecimal(cell);
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

// ---------------------------------------------------------------------------------------------------
// Columns

/**
 * A column being read. It starts numeric; its first cell that is neither missing nor a number turns
 * it into a text column for good: the numbers before become dictionary codes of the texts they were
 * written as (so "007" stays "007", not "7"), and every later cell is a code, numbers included.
 * To know those texts it keeps, while numeric, the first text of each distinct number; past
 * MAX_NUMBER_TEXTS distinct numbers it drops them (a column of measurements rarely turns text, and
 * the map would cost ~60 bytes a number) and writes the numbers shortest instead.
 */
class ColumnBuilder {
  values: Float32Array | Float64Array = new Float32Array(0);
  /** Text → code once the column holds text; null while it is numeric. */
  codes: Map<string, number> | null = null;
  readonly dictionary: string[] = [];
  private numberTexts: Map<number, string> | null = new Map();
  /** Which of the whole numbers 0..SMALL-1 numberTexts holds. */
  private readonly smallSeen = new Uint8Array(SMALL);

  constructor(readonly name: string) {}

  resize(rows: number): void {
    const next = this.values instanceof Float64Array ? new Float64Array(rows) : new Float32Array(rows);
    next.set(this.values);
    this.values = next;
  }

  /** A number cell of a numeric column. A whole number beyond 2^24 makes the column float64, so IDs stay exact. */
  number(row: number, v: number, cell: string): void {
    if ((v > FLOAT32_EXACT || v < -FLOAT32_EXACT) && this.values instanceof Float32Array && Number.isInteger(v)) {
      this.values = Float64Array.from(this.values);
    }
    this.values[row] = v;
    const texts = this.numberTexts;
    if (texts === null) return;
    const key = this.values[row]; // as stored, which is what toText looks up
    // Small whole numbers are looked up in a byte table, not the map: a table of them (the Kaggle
    // digit file read as a table: 33M cells of 0-255) was read at half the speed with map lookups.
    if (key >= 0 && key < SMALL && (key | 0) === key) {
      if (this.smallSeen[key]) return;
      this.smallSeen[key] = 1;
    } else if (texts.has(key)) return;
    if (texts.size === MAX_NUMBER_TEXTS) this.numberTexts = null;
    else texts.set(key, own(cell.trim()));
  }

  /** Any other cell: a number with unusual spaces around it, a missing cell, or text. */
  other(row: number, cell: string): void {
    const t = cell.trim();
    if (this.codes === null && t.length !== cell.length) {
      const v = parseDecimal(t);
      if (v === v) return this.number(row, v, t);
    }
    if (isMissingCell(t)) this.values[row] = NaN;
    else {
      if (this.codes === null) this.toText(row);
      this.values[row] = this.code(t);
    }
  }

  /** The column turns out to hold text at `rows`: the numbers above become codes of the texts they were written as. */
  private toText(rows: number): void {
    const old = this.values;
    const float32 = old instanceof Float32Array;
    // Codes are exact in float32; a column made float64 by long IDs goes back to 4 bytes a cell.
    this.values = float32 ? old : new Float32Array(old.length);
    this.codes = new Map();
    for (let i = 0; i < rows; i++) {
      const v = old[i];
      this.values[i] = v !== v ? NaN : this.code(this.numberTexts?.get(v) ?? numberText(v, float32));
    }
    this.numberTexts = null;
  }

  /** The dictionary code of a text, added on first sight; codes beyond 2^24 make the column float64. */
  private code(text: string): number {
    let code = this.codes!.get(text);
    if (code === undefined) {
      code = this.dictionary.length;
      const kept = own(text);
      this.dictionary.push(kept);
      this.codes!.set(kept, code);
      if (code > FLOAT32_EXACT && this.values instanceof Float32Array) this.values = Float64Array.from(this.values);
    }
    return code;
  }
}

/**
 * A copy of `s` that does not keep alive the string it was cut from: V8 makes substrings of 13 or
 * more characters views into their parent, so a dictionary of them would hold every run of the file.
 */
const own = (s: string): string => (s.length < 13 ? s : (' ' + s).slice(1));

// ---------------------------------------------------------------------------------------------------
// Cells

/** 10^0 … 10^22: the powers of ten that are exact doubles. */
const POW10 = [1, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15, 1e16, 1e17, 1e18, 1e19, 1e20, 1e21, 1e22];

/** Space, tab, CR: the spaces trimmed on the fast path (a CRLF file's last cell ends in CR). */
const isBlank = (c: number) => c === 32 || c === 9 || c === 13;

/**
 * The value of a cell written as a decimal number, `[+-]digits[.digits][(e|E)[+-]digits]` (".5" and
 * "3." too) with spaces around, else NaN: not hex, "Infinity", "1,5" or "", which Number() accepts.
 * Returns exactly what Number() gives: with at most 15 digits m and a power of ten |k| <= 22, both m
 * and 10^k are exact doubles, so m * 10^k (or m / 10^-k) is rounded once, correctly (Clinger's fast
 * path); longer forms go to Number() itself. A value beyond the doubles' range ("1e400") is not a
 * number here. Written for speed (about 2x Number() here): positions instead of counters, and the
 * next character read once per step, as this runs for every cell of a numeric column.
 */
export function parseDecimal(s: string): number {
  let end = s.length;
  if (end === 0) return NaN;
  let i = 0;
  let c = s.charCodeAt(0);
  if (isBlank(c)) {
    while (i < end && isBlank(s.charCodeAt(i))) i++;
    if (i === end) return NaN;
    c = s.charCodeAt(i);
  }
  while (isBlank(s.charCodeAt(end - 1))) end--;
  const from = i;
  const negative = c === 45;
  if (negative || c === 43) {
    if (++i === end) return NaN;
    c = s.charCodeAt(i);
  }
  let mantissa = 0;
  const intStart = i;
  while (c >= 48 && c <= 57) {
    mantissa = mantissa * 10 + (c - 48);
    if (++i === end) break;
    c = s.charCodeAt(i);
  }
  let digits = i - intStart;
  let scale = 0;
  if (i < end && c === 46) {
    const fracStart = ++i;
    if (i < end) {
      c = s.charCodeAt(i);
      while (c >= 48 && c <= 57) {
        mantissa = mantissa * 10 + (c - 48);
        if (++i === end) break;
        c = s.charCodeAt(i);
      }
    }
    digits += i - fracStart;
    scale = fracStart - i;
  }
  if (digits === 0) return NaN;
  if (i < end) {
    if (c !== 101 && c !== 69) return NaN;
    if (++i === end) return NaN;
    c = s.charCodeAt(i);
    const expNegative = c === 45;
    if ((expNegative || c === 43) && ++i === end) return NaN;
    let exponent = 0;
    for (; i < end; i++) {
      const d = s.charCodeAt(i) - 48;
      if (d < 0 || d > 9) return NaN;
      exponent = exponent * 10 + d;
    }
    scale += expNegative ? -exponent : exponent;
  }
  if (mantissa === 0) return negative ? -0 : 0;
  // `digits` counts leading zeros too: a bound on the significant digits, which is all exactness needs.
  if (digits <= 15 && scale >= -22 && scale <= 22) {
    const v = scale >= 0 ? mantissa * POW10[scale] : mantissa / POW10[-scale];
    return negative ? -v : v;
  }
  const v = Number(s.slice(from, end));
  return Number.isFinite(v) ? v : NaN;
}

/** Line breaks inside a record's (quoted) cells. */
function lineBreaks(cells: string[]): number {
  let n = 0;
  for (const cell of cells) for (let i = cell.indexOf('\n'); i >= 0; i = cell.indexOf('\n', i + 1)) n++;
  return n;
}

// ---------------------------------------------------------------------------------------------------
// Records

/** What a quote inside a quoted cell turned out to be (see RecordScanner.closes); a closing quote gives an index instead. */
const WAIT = -1;
const NOT_CLOSING = -2;
const ESCAPED = -3;

/**
 * Finds where complete records end in text that arrives in pieces, by papaparse's own quote rules,
 * so a run handed to papaparse ends exactly where papaparse ends a record when it reads the file whole:
 * - a quote opens a quoted cell only as the cell's first character (right after a delimiter or a line
 *   end); elsewhere it is an ordinary character;
 * - in a quoted cell, `""` is a quote, and a quote followed by whitespace (none or some) and then a
 *   delimiter or a line end closes the cell; any other quote is kept as text and the cell goes on;
 * - a line end outside a quoted cell ends the record.
 * The scan resumes where it stopped (each character is looked at about once, by indexOf), and waits
 * for more text when a quote's meaning depends on characters not read yet.
 */
class RecordScanner {
  private inQuote = false;
  /** Where the scan resumes, in the pending text (which starts at a record's start). */
  from = 0;

  /** @param delim the delimiter's character code */
  constructor(private readonly delim: number) {}

  /**
   * Index in the pending text of its last line end that ends a record, or -1. `text` is the pending
   * text from index `base`, at least one character before where the last scan stopped (or 0). The
   * caller takes the records up to the index returned and lowers `from` by as many characters.
   */
  lastRecordEnd(text: string, base: number): number {
    const n = text.length;
    let end = -1;
    let i = this.from - base;
    // The first line end at or after i, looked up forward only (-2: not yet): looking back from each
    // opening quote to the line end before it would read a line of many quoted cells many times.
    let nl = -2;
    while (i < n) {
      const q = text.indexOf('"', i);
      if (!this.inQuote) {
        if (q < 0) {
          const last = text.lastIndexOf('\n');
          if (last >= i) end = last;
          i = n;
          break;
        }
        if (nl !== -1 && nl < i) nl = text.indexOf('\n', i);
        if (nl !== -1 && nl < q) {
          end = text.lastIndexOf('\n', q);
          nl = text.indexOf('\n', q);
        }
        // The pending text starts at a record's start; a later scan's text starts before `from`.
        const before = q + base === 0 ? 10 : text.charCodeAt(q - 1);
        this.inQuote = before === this.delim || before === 10;
        i = q + 1;
      } else {
        if (q < 0) {
          i = n;
          break;
        }
        const closed = this.closes(text, q);
        if (closed === WAIT) {
          i = q;
          break;
        }
        if (closed === ESCAPED) i = q + 2;
        else if (closed === NOT_CLOSING) i = q + 1;
        else {
          this.inQuote = false;
          if (text.charCodeAt(closed) === 10) end = closed;
          i = closed + 1;
        }
      }
    }
    this.from = base + i;
    return end < 0 ? -1 : base + end;
  }

  /** The delimiter or line end that the quote at `q` closes its cell before, or WAIT / NOT_CLOSING / ESCAPED. */
  private closes(text: string, q: number): number {
    if (q + 1 >= text.length) return WAIT;
    if (text.charCodeAt(q + 1) === 34) return ESCAPED;
    for (let j = q + 1; j < text.length; j++) {
      const c = text.charCodeAt(j);
      if (c === this.delim || c === 10) return j;
      // papaparse's test for the characters between: `.trim() === ''`
      if (c !== 32 && String.fromCharCode(c).trim() !== '') return NOT_CLOSING;
    }
    return WAIT;
  }
}

/** The first characters hold a NUL, or more than 1% control characters (not tab, CR, LF) or U+FFFD (bytes that are not UTF-8). */
function looksBinary(head: string): boolean {
  let odd = 0;
  for (let i = 0; i < head.length; i++) {
    const c = head.charCodeAt(i);
    if (c === 0) return true;
    if ((c < 32 && c !== 9 && c !== 10 && c !== 13) || c === 0xfffd) odd++;
  }
  return odd > head.length * 0.01;
}

const CANDIDATES: Delimiter[] = [',', ';', '\t'];

/**
 * The delimiter, from the first GUESS_LINES non-blank lines of the head: among the candidates that
 * occur (outside quotes) in line 1, the one whose count on line 1 the most other lines repeat, then
 * the one line 1 has most of. So `a;b` / `1,5;2,5` (decimal commas) is semicolon-separated, and a
 * comma inside a tab-separated text cell does not matter. With none on line 1, a comma: the first
 * row then has one cell and the file is refused as plain text.
 */
function guessDelimiter(head: string): Delimiter {
  const lines: number[][] = [];
  let counts = [0, 0, 0];
  let inQuote = false;
  let blank = true;
  for (let i = 0; i < head.length && lines.length < GUESS_LINES; i++) {
    const c = head.charCodeAt(i);
    if (c === 34) inQuote = !inQuote;
    if (inQuote) {
      blank = false;
      continue;
    }
    if (c === 10) {
      if (!blank) lines.push(counts);
      counts = [0, 0, 0];
      blank = true;
      continue;
    }
    const k = c === 44 ? 0 : c === 59 ? 1 : c === 9 ? 2 : -1;
    if (k >= 0) counts[k]++;
    if (c !== 32 && c !== 13) blank = false;
  }
  if (lines.length === 0) lines.push(counts); // line 1 is longer than the head
  const first = lines[0];
  let best = -1;
  let bestAgree = -1;
  for (let k = 0; k < CANDIDATES.length; k++) {
    if (first[k] === 0) continue;
    const agree = lines.filter((l) => l[k] === first[k]).length;
    if (agree > bestAgree || (agree === bestAgree && first[k] > first[best])) {
      best = k;
      bestAgree = agree;
    }
  }
  return best < 0 ? ',' : CANDIDATES[best];
}

const MISSING = 0;
const NUMBER = 1;
const TEXT = 2;

function cellKind(cell: string): number {
  if (isMissingCell(cell)) return MISSING;
  return Number.isNaN(parseDecimal(cell.trim())) ? TEXT : NUMBER;
}

/**
 * Whether line 1 is a header, judged against the rows after it (up to HEADER_LOOKAHEAD):
 * 1. some cell of line 1 is text while the rest of its column is mostly numbers (at least half of
 *    its non-missing cells, and at least one): `label,pixel0,…` over digits, `price` over prices; or
 * 2. line 1 holds no number, its texts are distinct, and none of them appears again in its own
 *    column below (a table of text whose first row is not repeated data: `name,city` over names).
 * Missing cells of line 1 (a pandas index column's empty name) count for neither rule. A header of
 * numbers (`country,2019,2020`) over numbers is read as a row: there is nothing to tell it apart.
 */
function looksLikeHeader(first: string[], rows: string[][]): boolean {
  const kinds = first.map(cellKind);
  for (let c = 0; c < first.length; c++) {
    if (kinds[c] !== TEXT) continue;
    let numbers = 0;
    let present = 0;
    for (const row of rows) {
      const k = c < row.length ? cellKind(row[c]) : MISSING;
      if (k !== MISSING) present++;
      if (k === NUMBER) numbers++;
    }
    if (numbers > 0 && 2 * numbers >= present) return true;
  }
  if (kinds.includes(NUMBER) || !kinds.includes(TEXT)) return false;
  const texts = first.filter((_, c) => kinds[c] === TEXT).map((s) => s.trim());
  if (new Set(texts).size !== texts.length) return false;
  return first.every((cell, c) => kinds[c] !== TEXT || rows.every((row) => c >= row.length || row[c].trim() !== cell.trim()));
}

/** Header cells as column names: trimmed; an empty one is "column N"; a repeated one gets " (2)", " (3)", … */
function columnNames(cells: string[]): string[] {
  const names = cells.map((cell, i) => own(cell.trim()) || `column ${i + 1}`);
  const taken = new Set(names);
  const seen = new Set<string>();
  return names.map((name) => {
    if (!seen.has(name)) {
      seen.add(name);
      return name;
    }
    let k = 2;
    while (taken.has(`${name} (${k})`)) k++;
    taken.add(`${name} (${k})`);
    return `${name} (${k})`;
  });
}
