/**
 * Reading one CSV cell as a byte value. The fast path handles what Kaggle files contain (1-3 ASCII
 * digits); anything else goes to `describeBadCell`, which says what is wrong with it.
 */

/** The cell's value if it is a whole number 0-255 written in digits, else -1. */
export function parseByteCell(s: string): number {
  const n = s.length;
  if (n === 0 || n > 3) return n > 3 ? parseSlow(s) : -1;
  let v = 0;
  for (let i = 0; i < n; i++) {
    const d = s.charCodeAt(i) - 48;
    if (d < 0 || d > 9) return parseSlow(s);
    v = v * 10 + d;
  }
  return v <= 255 ? v : -1;
}

/** Tolerates surrounding spaces and leading zeros ("  7", "007"); still only whole numbers 0-255. */
function parseSlow(s: string): number {
  const t = s.trim();
  if (!/^\d+$/.test(t)) return -1;
  const v = Number(t);
  return v <= 255 ? v : -1;
}

/** Why a cell is not a valid pixel / label, as a phrase to put after "column N". */
export function describeBadCell(raw: string, kind: 'pixel' | 'label'): string {
  const s = raw.trim();
  const shown = JSON.stringify(raw.length > 20 ? `${raw.slice(0, 20)}…` : raw);
  if (s === '') return `is empty`;
  const v = Number(s);
  if (!Number.isFinite(v)) return `holds ${shown}, which is not a number`;
  if (kind === 'label') return `holds label ${shown}; labels must be whole numbers 0-9`;
  if (!Number.isInteger(v)) return `holds pixel ${shown}; pixels must be whole numbers 0-255`;
  return `holds pixel ${shown}, outside 0-255`;
}
