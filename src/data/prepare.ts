/**
 * A table made ready for the model, the way a careful practitioner would (scikit-learn's advice:
 * fit every transform on the training rows only, then apply it to every row):
 *   1. usable rows: those with a target (rows without one are dropped and counted), and with the
 *      'drop' policy those with every feature;
 *   2. the target: class names sorted (numbers by value, texts as np.unique sorts them), or values;
 *   3. fitted on the training rows: each numeric feature's mean, std (population, ddof = 0) and
 *      median, each categorical feature's categories (sorted) and most common one, a regression
 *      target's mean and std; pixels of an image table are scaled by their largest value instead, as
 *      the digit layout's are by 255, so that drawings and the weights read as images;
 *   4. encoded (schema.ts has the formulas): float32 inputs, one-hot categories.
 */
import { classNames, type FeatureSpec, type ImageShape, type MissingPolicy, type Schema, type Task, featureWidth } from './schema';
import { parseDecimal } from './decimal';
import { isMissingCell } from './missing';
import { type RawColumn, type RawTable, cellText, numberText } from './table';
import { median } from './median';

/** A table's columns as a run uses them: resolved against the file by the settings (table-settings.ts). */
export interface TableChoice {
  /** Column indices. */
  target: number;
  task: Task;
  /** The features in input order, each read as numbers or as categories (one-hot). */
  features: { column: number; kind: 'numeric' | 'categorical' }[];
  missing: MissingPolicy;
  idColumn: number | null;
  /** Set when the features are the pixels of square images. */
  image: ImageShape | null;
  /** Every column's kind and role, for the schema. */
  columns: Schema['columns'];
}

/** The target of the usable rows: classes (sorted names, each row's index) or values. */
export type TargetOfRows = { task: 'classification'; classes: string[]; labels: Int32Array } | { task: 'regression'; values: Float32Array };

/** The rows a run can use, as file rows, and how many were dropped and why. */
export interface UsableRows { rows: Int32Array; noTarget: number; missingFeature: number }

export function usableRows(t: RawTable, c: TableChoice): UsableRows {
  const target = t.columns[c.target].values, features = c.features.map((f) => t.columns[f.column].values);
  const rows: number[] = [];
  let noTarget = 0, missingFeature = 0;
  for (let i = 0; i < t.rows; i++) {
    if (Number.isNaN(target[i])) noTarget++;
    else if (c.missing === 'drop' && features.some((v) => Number.isNaN(v[i]))) missingFeature++;
    else rows.push(i);
  }
  return { rows: Int32Array.from(rows), noTarget, missingFeature };
}

/**
 * Sorts a column's distinct values as class or category names: numbers by value, texts by code point
 * (np.unique's order), so every reader of the schema finds the same order.
 */
export function sortedNames(col: RawColumn, distinct: Iterable<number>): string[] {
  const values = [...distinct];
  if (!col.dictionary) return values.sort((a, b) => a - b).map((v) => numberText(v, col.values instanceof Float32Array));
  const dict = col.dictionary;
  return values.map((v) => dict[v]).sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
}

/** The target of each usable row. */
export function targetOf(t: RawTable, c: TableChoice, rows: Int32Array): TargetOfRows {
  const col = t.columns[c.target];
  if (c.task === 'regression') return { task: 'regression', values: Float32Array.from(rows, (i) => col.values[i]) };
  const distinct = new Set<number>();
  for (const i of rows) distinct.add(col.values[i]);
  const classes = sortedNames(col, distinct);
  const index = new Map(classes.map((name, k) => [name, k]));
  return { task: 'classification', classes, labels: Int32Array.from(rows, (i) => index.get(cellText(col, i))!) };
}

/** mean, population std and median of a column's non-missing values over the given rows. */
function moments(v: ArrayLike<number>, rows: Int32Array): { mean: number; std: number; median: number } {
  const xs = new Float64Array(rows.length);
  let n = 0, mean = 0;
  for (let r = 0; r < rows.length; r++) {
    const x = v[rows[r]];
    if (Number.isNaN(x)) continue; // missing
    xs[n++] = x;
    mean += x;
  }
  if (n === 0) return { mean: 0, std: 0, median: 0 };
  mean /= n;
  let ss = 0;
  for (let k = 0; k < n; k++) {
    const d = xs[k] - mean;
    ss += d * d;
  }
  return { mean, std: Math.sqrt(ss / n), median: median(xs.subarray(0, n)) };
}

/** A categorical feature's categories on the training rows (sorted) and the most common one (ties: the first). */
function categoriesOf(col: RawColumn, rows: Int32Array, name: string): Extract<FeatureSpec, { kind: 'categorical' }> {
  const counts = new Map<number, number>();
  for (const i of rows) {
    const v = col.values[i];
    if (!Number.isNaN(v)) counts.set(v, (counts.get(v) ?? 0) + 1);
  }
  const categories = sortedNames(col, counts.keys());
  let fill = categories[0] ?? '', most = -1;
  const byName = new Map([...counts].map(([v, n]) => [col.dictionary ? col.dictionary[v] : numberText(v, col.values instanceof Float32Array), n]));
  for (const name of categories) {
    const n = byName.get(name)!;
    if (n > most) { most = n; fill = name; }
  }
  return { kind: 'categorical', column: name, categories, fill, numeric: col.dictionary === null };
}

/**
 * The schema of a table run: its features fitted on the training rows (`train`: file rows) and its
 * target on theirs (`trainIdx`: positions in `target`'s rows).
 */
export function fitSchema(t: RawTable, c: TableChoice, train: Int32Array, target: TargetOfRows, trainIdx: Int32Array): Schema {
  const features: FeatureSpec[] = c.features.map((f) => {
    const col = t.columns[f.column];
    if (f.kind === 'categorical') return categoriesOf(col, train, col.name);
    const m = moments(col.values, train);
    // Pixels: scaled by the images' largest value (0 … 1), as x/255 scales the digit layout's.
    return c.image ? { kind: 'numeric', column: col.name, mean: 0, std: c.image.maxValue, fill: m.median } : { kind: 'numeric', column: col.name, mean: m.mean, std: m.std, fill: m.median };
  });
  const name = t.columns[c.target].name;
  let spec: Schema['target'];
  if (target.task === 'classification') spec = { column: name, task: 'classification', classes: target.classes };
  else {
    const m = moments(target.values, trainIdx);
    spec = { column: name, task: 'regression', mean: m.mean, std: m.std > 0 ? m.std : 1 };
  }
  return {
    layout: 'table', columns: c.columns, features, inputSize: features.reduce((n, f) => n + featureWidth(f), 0), target: spec,
    image: c.image, missing: c.missing, idColumn: c.idColumn === null ? null : t.columns[c.idColumn].name,
  };
}

/** Inputs of the given file rows under a fitted schema, and the cells whose category training never saw (encoded all 0). */
export interface Encoded { x: Float32Array; unseen: number }

/**
 * The number of each cell of a column a numeric feature reads. Another file (a test set, a file to
 * predict) may hold a feature's numbers as text, when some cell there is no number: each text is read
 * as a number (a missing token as missing), and a text that is none stops the encoding with a sentence
 * naming the column and the value, instead of feeding the model its dictionary codes.
 */
function numbersOf(t: RawTable, col: RawColumn): (row: number) => number {
  const { values, dictionary } = col;
  if (!dictionary) return (row) => values[row];
  const asNumbers = dictionary.map((text) => (isMissingCell(text) ? NaN : parseDecimal(text, t.delimiter === ';')));
  const bad = dictionary.findIndex((text, k) => Number.isNaN(asNumbers[k]) && !isMissingCell(text));
  if (bad >= 0) throw new Error(`"${t.name}" has text in column "${col.name}" (such as "${dictionary[bad]}"), where the model reads numbers`);
  return (row) => (Number.isNaN(values[row]) ? NaN : asNumbers[values[row]]);
}

/**
 * Each cell's category name under a categorical feature: its text, or, for a feature of numbers (few
 * distinct whole ones), the number written shortest, whether the file wrote "2007" or "2007.0".
 */
function categoryOf(t: RawTable, col: RawColumn, numeric: boolean): (row: number) => string {
  if (!numeric || !col.dictionary) return (row) => cellText(col, row);
  const dictionary = col.dictionary;
  const names = dictionary.map((text) => {
    const v = parseDecimal(text, t.delimiter === ';');
    return Number.isNaN(v) ? text : numberText(Math.fround(v), true);
  });
  return (row) => names[col.values[row]];
}

/**
 * The inputs [rows, schema.inputSize] of file rows of a table (the run's own, a test file or one to
 * predict, whose columns are found by name): missing cells filled, numbers standardised, categories
 * one-hot. Throws when a feature column is missing from the table, or holds text where the model
 * reads numbers.
 */
export function encodeRows(t: RawTable, schema: Schema, rows: ArrayLike<number>): Encoded {
  const cols = schema.features.map((f) => {
    const col = t.columns.find((c) => c.name === f.column);
    if (!col) throw new Error(`"${t.name}" has no column "${f.column}", a feature of the model`);
    return col;
  });
  const w = schema.inputSize, x = new Float32Array(rows.length * w);
  let unseen = 0;
  let at = 0;
  schema.features.forEach((f, k) => {
    const col = cols[k];
    if (f.kind === 'numeric') {
      const inv = f.std > 0 ? 1 / f.std : 0, number = numbersOf(t, col);
      for (let r = 0; r < rows.length; r++) {
        const v = number(rows[r]);
        x[r * w + at] = ((Number.isNaN(v) ? f.fill : v) - f.mean) * inv;
      }
    } else {
      const index = new Map(f.categories.map((name, j) => [name, j]));
      const fill = index.get(f.fill) ?? -1, category = categoryOf(t, col, f.numeric);
      for (let r = 0; r < rows.length; r++) {
        const v = col.values[rows[r]];
        const j = Number.isNaN(v) ? fill : index.get(category(rows[r])) ?? -1;
        if (j >= 0) x[r * w + at + j] = 1;
        else if (!Number.isNaN(v)) unseen++;
      }
    }
    at += featureWidth(f);
  });
  return { x, unseen };
}

/**
 * The targets of file rows under a fitted schema, for a test file: class indices (-1 for a class the
 * model does not know, or a missing cell) or standardised values (NaN when missing).
 */
export function encodeTargets(t: RawTable, schema: Schema, rows: ArrayLike<number>): Int32Array | Float32Array {
  const col = t.columns.find((c) => c.name === schema.target.column);
  const target = schema.target;
  if (target.task === 'regression') {
    return Float32Array.from({ length: rows.length }, (_, r) => (col ? (col.values[rows[r]] - target.mean) / target.std : NaN));
  }
  const index = new Map(classNames(schema).map((name, k) => [name, k]));
  return Int32Array.from({ length: rows.length }, (_, r) => (col && !Number.isNaN(col.values[rows[r]]) ? index.get(cellText(col, rows[r])) ?? -1 : -1));
}
