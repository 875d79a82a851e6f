/**
 * Cells that stand for "no value". Tables from R, pandas, Excel and hand-edited files write a missing
 * value in many ways; these are the ones read as missing (compared after trimming, case-insensitively).
 * `-` is here because spreadsheets print it for an empty number; a column that uses `-` as a real
 * value (a sign, a dash category) loses it, which is rarer than the dash meaning "none".
 */
export const MISSING_TOKENS: readonly string[] = ['', '?', 'NA', 'N/A', 'NaN', 'null', 'None', '-'];

const TOKENS = new Set(MISSING_TOKENS.map((t) => t.toLowerCase()));
const LONGEST = Math.max(...MISSING_TOKENS.map((t) => t.length));

/** Whether a cell is missing: after trimming spaces it is empty or one of MISSING_TOKENS (any case). */
export function isMissingCell(cell: string): boolean {
  const t = cell.trim();
  return t.length <= LONGEST && TOKENS.has(t.toLowerCase());
}
