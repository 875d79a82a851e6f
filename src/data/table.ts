/**
 * A table as read from a file, before any choice of target or features: one compact typed array a
 * column. Numbers are float32 (a table of 200,000 rows x 40 columns is 32 MB, not 64), except in a
 * column that holds whole numbers beyond 2^24, where float32 would change them (long IDs): float64.
 * A column with any text cell holds dictionary codes instead, in the same float arrays (NaN stays
 * "missing" for both kinds, and codes are exact in float32 up to 2^24 distinct texts).
 */

/** One column as read: compact, 4 bytes a cell (8 for integers beyond 2^24, e.g. long IDs). */
export interface RawColumn {
  name: string;
  /** One value a row: the cell's number, or, when `dictionary` is set, the index of the cell's text in it; NaN for a missing cell. */
  values: Float32Array | Float64Array;
  /** null for a numeric column; else the distinct texts, in order of first appearance. */
  dictionary: string[] | null;
}

export interface RawTable {
  /** File name. */
  name: string;
  rows: number;
  columns: RawColumn[];
  /** Whether line 1 was a header (else the names are "column 1", "column 2", …). */
  header: boolean;
  delimiter: ',' | ';' | '\t';
}

/** Largest integer that float32 holds exactly, with all smaller ones: 2^24. */
export const FLOAT32_EXACT = 16_777_216;

/**
 * A number written shortest: for a value read into float32, the fewest significant digits (1-9) that
 * read back to the same float32, so a cell "3.1" shows as "3.1", not as the float32's exact
 * 3.0999999046325684; for float64, JavaScript's own shortest form.
 */
export function numberText(v: number, float32: boolean): string {
  if (!float32) return String(v);
  for (let digits = 1; digits < 9; digits++) {
    const d = Number(v.toPrecision(digits));
    if (Math.fround(d) === v) return String(d);
  }
  return String(Number(v.toPrecision(9))); // 9 digits always identify a float32
}

/** The text of a cell as the file had it (for a numeric column: the number written shortest, e.g. "3.1"; "" when missing). */
export function cellText(col: RawColumn, row: number): string {
  const v = col.values[row];
  if (Number.isNaN(v)) return '';
  return col.dictionary ? col.dictionary[v] : numberText(v, col.values instanceof Float32Array);
}

/** Bytes the table holds (the typed arrays' buffers + an estimate of 2 bytes a dictionary character). */
export function tableBytes(t: RawTable): number {
  let bytes = 0;
  for (const col of t.columns) {
    bytes += col.values.buffer.byteLength;
    if (col.dictionary) for (const s of col.dictionary) bytes += 2 * s.length;
  }
  return bytes;
}
