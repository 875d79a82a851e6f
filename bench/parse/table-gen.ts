/**
 * The large table of the parse benchmarks (table-node.ts in Node, run.ts in Chromium): 60 MB (10^6
 * bytes) of CSV, 40 float columns written with 4-6 significant digits (e.g. "-12.345", "0.0041",
 * "873.61"), a 4-valued and a 20-valued string column, ~2% missing cells (empty, or NA), a header, LF
 * line ends; made in memory from a fixed seed, so every run reads the same text.
 */
import { Rng } from '../../src/engine/rng';

export const TARGET_BYTES = 60e6;
const FLOAT_COLUMNS = 40;
const MISSING_SHARE = 0.02;

const COLORS = ['red', 'green', 'blue', 'yellow'];
const CITIES = ['Paris', 'Berlin', 'Madrid', 'Rome', 'Vienna', 'Prague', 'Warsaw', 'Lisbon', 'Dublin', 'Oslo',
  'Helsinki', 'Athens', 'Budapest', 'Brussels', 'Amsterdam', 'Copenhagen', 'Stockholm', 'Zurich', 'Sofia', 'Riga'];

/** The benchmark table as CSV text: a header, then rows until the text reaches `bytes`. */
export function makeTable(bytes = TARGET_BYTES): string {
  const rng = new Rng(20261203);
  const header = [...Array.from({ length: FLOAT_COLUMNS }, (_, i) => `x${i}`), 'color', 'city'].join(',');
  const lines = [header];
  let size = header.length + 1;
  const cell = (write: () => string) => {
    const r = rng.random();
    return r < MISSING_SHARE / 2 ? '' : r < MISSING_SHARE ? 'NA' : write();
  };
  const float = () => {
    const digits = 4 + rng.int(3);
    const v = (rng.random() < 0.3 ? -1 : 1) * rng.random() * 10 ** (rng.int(5) - 2);
    return String(Number(v.toPrecision(digits)));
  };
  while (size < bytes) {
    const cells: string[] = [];
    for (let c = 0; c < FLOAT_COLUMNS; c++) cells.push(cell(float));
    cells.push(cell(() => COLORS[rng.int(COLORS.length)]), cell(() => CITIES[rng.int(CITIES.length)]));
    const line = cells.join(',');
    lines.push(line);
    size += line.length + 1;
  }
  return lines.join('\n') + '\n';
}
