import type { Schema } from '../../src/data/schema';

/** A small table schema: 2 numbers and a 2-category column in, 3 classes out (4 inputs). */
export const TABLE_SCHEMA: Schema = {
  layout: 'table',
  columns: [
    { name: 'a', kind: 'numeric', role: 'feature' }, { name: 'b', kind: 'numeric', role: 'feature' },
    { name: 'colour', kind: 'categorical', role: 'feature' }, { name: 'kind', kind: 'categorical', role: 'target' },
  ],
  features: [
    { kind: 'numeric', column: 'a', mean: 1, std: 2, fill: 1 },
    { kind: 'numeric', column: 'b', mean: 0, std: 0, fill: 0 },
    { kind: 'categorical', column: 'colour', categories: ['blue', 'red'], fill: 'red', numeric: false },
  ],
  inputSize: 4,
  target: { column: 'kind', task: 'classification', classes: ['x', 'y', 'z'] },
  image: null,
  missing: 'fill',
  idColumn: null,
};

/**
 * A synthetic labeled table as CSV text, made from a seeded generator: an ID, two numbers (one with
 * missing cells written `?`), a colour category, a string class that depends on them, and a value to
 * regress (3·x1 − 2·x2 + a colour effect + noise).
 */
export function syntheticCsv(rows: number, seed = 1): string {
  let s = seed >>> 0;
  const rand = () => ((s = (Math.imul(s, 1664525) + 1013904223) >>> 0) / 4294967296);
  const colours = ['red', 'green', 'blue'];
  const lines = ['id,x1,x2,colour,kind,value'];
  for (let i = 0; i < rows; i++) {
    const x1 = rand() * 4 - 2, x2 = rand() * 4 - 2, c = Math.floor(rand() * 3);
    const score = x1 + 0.5 * x2 + (c === 2 ? 1 : 0);
    const kind = score > 1 ? 'high' : score > -0.5 ? 'mid' : 'low';
    const value = 3 * x1 - 2 * x2 + c + 0.1 * (rand() - 0.5);
    lines.push([`r${i + 1}`, x1.toFixed(3), i % 17 === 3 ? '?' : x2.toFixed(3), colours[c], kind, value.toFixed(3)].join(','));
  }
  return `${lines.join('\n')}\n`;
}

/**
 * syntheticCsv's table with more of what real files hold, for readers other than ours: a whole-number
 * category `year` (2006-2008), missing cells written empty and `NA` besides `?`. With `unseen`, a file
 * to predict: cells the training rows never had (colour `purple`, year 2011), years written `2007.0`,
 * missing IDs and IDs to quote (a comma, a quote), missing and unknown targets. `delimiter` and
 * `newline` as the file is to be written.
 */
export function messyTableCsv(rows: number, seed = 1, { unseen = false, delimiter = ',', newline = '\n' } = {}): string {
  const [header, ...lines] = syntheticCsv(rows, seed).trim().split('\n');
  const names = header.split(',');
  const table = [[...names.slice(0, 4), 'year', ...names.slice(4)]];
  lines.forEach((line, i) => {
    const [id, x1, x2, colour, kind, value] = line.split(',');
    const row = { id, x1, x2, colour, year: String(2006 + ((i * 7) % 3)), kind, value };
    if (i % 11 === 5) row.x1 = '';
    if (i % 13 === 7) row.colour = i % 2 ? '' : 'NA';
    if (unseen) {
      if (i % 9 === 4) row.colour = 'purple';
      if (i % 10 === 3) row.year = '2011';
      else if (i % 4 === 1) row.year += '.0';
      if (i % 29 === 8) row.id = '?';
      else if (i % 15 === 0) row.id = `q"${id}`;
      else if (i % 6 === 0) row.id = `${id},b`;
      if (i % 31 === 2) [row.kind, row.value] = ['?', ''];
      if (i % 37 === 5) row.kind = 'unknown';
    }
    table.push([row.id, row.x1, row.x2, row.colour, row.year, row.kind, row.value]);
  });
  const cell = (s: string) => (/[",;\t\r\n]/.test(s) ? `"${s.replaceAll('"', '""')}"` : s);
  return `${table.map((cells) => cells.map(cell).join(delimiter)).join(newline)}${newline}`;
}
