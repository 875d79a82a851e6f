import { parseDecimal } from './decimal';
import { isMissingCell } from './missing';
import { own } from './table-columns';

const MISSING = 0;
const NUMBER = 1;
const TEXT = 2;

function cellKind(cell: string, decimalComma: boolean): number {
  if (isMissingCell(cell)) return MISSING;
  return Number.isNaN(parseDecimal(cell.trim(), decimalComma)) ? TEXT : NUMBER;
}

/**
 * Whether line 1 is a header, judged against the rows after it (table-csv.ts passes up to HEADER_LOOKAHEAD):
 * 1. some cell of line 1 is text while the rest of its column is mostly numbers (at least half of
 *    its non-missing cells, and at least one): `label,pixel0,…` over digits, `price` over prices; or
 * 2. line 1 holds no number, its texts are distinct, and none of them appears again in its own
 *    column below (a table of text whose first row is not repeated data: `name,city` over names).
 * Missing cells of line 1 (a pandas index column's empty name) count for neither rule. A header of
 * numbers (`country,2019,2020`) over numbers is read as a row: there is nothing to tell it apart.
 * Numbers are what the columns will read as numbers: with `decimalComma`, "1,5" too (parseDecimal).
 */
export function looksLikeHeader(first: string[], rows: string[][], decimalComma: boolean): boolean {
  const kinds = first.map((cell) => cellKind(cell, decimalComma));
  for (let c = 0; c < first.length; c++) {
    if (kinds[c] !== TEXT) continue;
    let numbers = 0;
    let present = 0;
    for (const row of rows) {
      const k = c < row.length ? cellKind(row[c], decimalComma) : MISSING;
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
export function columnNames(cells: string[]): string[] {
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
