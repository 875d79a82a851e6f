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
