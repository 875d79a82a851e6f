import { parseDecimal } from './decimal';
import { isMissingCell } from './missing';
import { FLOAT32_EXACT, numberText } from './table';

/** Distinct numbers whose first text a column remembers while it is numeric (see ColumnBuilder). */
const MAX_NUMBER_TEXTS = 4096;
/** Whole numbers below this are marked seen in a byte table (see ColumnBuilder.number). */
const SMALL = 1024;

/**
 * A column being read. It starts numeric; its first cell that is neither missing nor a number turns
 * it into a text column for good: the numbers before become dictionary codes of the texts they were
 * written as (so "007" stays "007", not "7"), and every later cell is a code, numbers included.
 * To know those texts it keeps, while numeric, the first text of each distinct number; past
 * MAX_NUMBER_TEXTS distinct numbers it drops them (a column of measurements rarely turns text, and
 * the map would cost ~60 bytes a number) and writes the numbers shortest instead.
 * The reader (table-csv.ts) parses each cell of a numeric column and hands it to `number` or `other`.
 */
export class ColumnBuilder {
  values: Float32Array | Float64Array = new Float32Array(0);
  /** Text → code once the column holds text; null while it is numeric. */
  codes: Map<string, number> | null = null;
  readonly dictionary: string[] = [];
  private numberTexts: Map<number, string> | null = new Map();
  /** Which of the whole numbers 0..SMALL-1 numberTexts holds. */
  private readonly smallSeen = new Uint8Array(SMALL);

  /** @param decimalComma whether "1,5" is a number (semicolon-separated files; see parseDecimal) */
  constructor(readonly name: string, private readonly decimalComma: boolean) {}

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
      const v = parseDecimal(t, this.decimalComma);
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
export const own = (s: string): string => (s.length < 13 ? s : (' ' + s).slice(1));
