/**
 * The tables of `npm run bench:tables`, each written in an awkward form a user brings: scikit-learn's
 * bundled tables (exported by export_sklearn.py at bench time) and the samples in public/data (built
 * at install). Every file of a table is written the same way; each seed splits its rows 80/20 into
 * train.csv and test.csv.
 *
 *   iris            no header, the label first (classes 0, 1, 2)
 *   wine            semicolons as delimiter (decimal points), string class labels (the cultivars)
 *   breast_cancer   `?` for missing cells (3% of feature cells knocked out), string labels
 *   digits          an ID column first (random unique 6-digit numbers), the 8x8 pixels, `digit` last
 *   diabetes        a text ID column (P-0001, …), regression of the disease progression
 *   penguins        quoted cells with commas in the string labels ("Adelie, Pygoscelis adeliae")
 *   cars            `?` for missing cells (its own, and 3% of feature cells more), a name column, regression
 *   seattle-weather a date column, string class labels of uneven size
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import Papa from 'papaparse';
import { Rng } from '../../src/engine/rng';

type Cell = string | number | null;

/** A table before its form: a header, rows of cells (null: missing), which column is the target. */
interface BaseTable {
  name: string;
  source: string;
  header: string[];
  rows: Cell[][];
  target: number;
  task: 'classification' | 'regression';
}

/** A table in its form, ready to be split and written. */
export interface FormTable extends BaseTable {
  /** The awkward form, in words. */
  form: string;
  delimiter: ',' | ';';
  /** false: no header line. */
  writeHeader: boolean;
  /** How a missing cell is written. */
  missingText: string;
  /** Columns that are not features (an ID, a name, a date): what a user drops before scikit-learn. */
  drop: number[];
}

const PUBLIC = fileURLToPath(new URL('../../public/data/', import.meta.url));

interface Exported { name: string; features: string[]; rows: number[][]; target: number[]; targetNames: string[] | null; task: 'classification' | 'regression' }

function fromExport(dir: string, name: string): BaseTable {
  const e = JSON.parse(readFileSync(join(dir, `${name}.json`), 'utf8')) as Exported;
  return {
    name, source: 'scikit-learn', header: [...e.features, 'target'], target: e.features.length, task: e.task,
    rows: e.rows.map((r, i) => [...r, e.targetNames ? e.targetNames[e.target[i]] : e.target[i]]),
  };
}

function fromPublic(file: string, name: string, target: string, task: BaseTable['task']): BaseTable {
  const parsed = Papa.parse<string[]>(readFileSync(join(PUBLIC, file), 'utf8'), { skipEmptyLines: true });
  const [header, ...rows] = parsed.data;
  const cell = (s: string): Cell => (s === '' ? null : Number.isFinite(Number(s)) ? Number(s) : s);
  return { name, source: `public/data/${file}`, header, rows: rows.map((r) => r.map(cell)), target: header.indexOf(target), task };
}

/** Knocks out `share` of the cells of the given columns (seeded, fixed per table: every split sees the same holes). */
function knockOut(t: BaseTable, columns: number[], share: number, seed: number): void {
  const rng = new Rng(seed);
  for (const row of t.rows) for (const c of columns) if (rng.random() < share) row[c] = null;
}

const featureColumns = (t: BaseTable, drop: number[]) => t.header.map((_, i) => i).filter((i) => i !== t.target && !drop.includes(i));

/** The eight tables in their forms; `exported` is export_sklearn.py's output folder. */
export function formTables(exported: string): FormTable[] {
  const plain = { delimiter: ',' as const, writeHeader: true, missingText: '', drop: [] as number[] };
  const out: FormTable[] = [];

  // iris: no header, the label first.
  const iris = fromExport(exported, 'iris');
  const irisNames = ['setosa', 'versicolor', 'virginica'];
  out.push({
    ...iris, ...plain, form: 'no header, label first (0/1/2)', writeHeader: false, target: 0,
    header: ['class', ...iris.header.slice(0, -1)], rows: iris.rows.map((r) => [irisNames.indexOf(r.at(-1) as string), ...r.slice(0, -1)]),
  });

  // wine: semicolons, the cultivars as labels.
  const wine = fromExport(exported, 'wine');
  const cultivars: Record<string, string> = { class_0: 'Barolo', class_1: 'Grignolino', class_2: 'Barbera' };
  out.push({
    ...wine, ...plain, form: 'semicolons, string labels', delimiter: ';', header: [...wine.header.slice(0, -1), 'cultivar'],
    rows: wine.rows.map((r) => [...r.slice(0, -1), cultivars[r.at(-1) as string]]),
  });

  // breast cancer: `?` for 3% of the feature cells.
  const bc = { ...fromExport(exported, 'breast_cancer') };
  bc.header = [...bc.header.slice(0, -1), 'diagnosis'];
  knockOut(bc, featureColumns(bc, []), 0.03, 1);
  out.push({ ...bc, ...plain, form: '`?` for 3% of feature cells, string labels', missingText: '?' });

  // digits: an ID column first.
  const digits = fromExport(exported, 'digits');
  const ids = new Rng(2).shuffle(Int32Array.from({ length: 900_000 }, (_, i) => 100_000 + i)).slice(0, digits.rows.length);
  out.push({
    ...digits, ...plain, form: 'ID column (random 6-digit numbers)', drop: [0], target: digits.header.length,
    header: ['id', ...digits.header.slice(0, -1), 'digit'], rows: digits.rows.map((r, i) => [ids[i], ...r]),
  });

  // diabetes: a text ID column, regression.
  const diabetes = fromExport(exported, 'diabetes');
  out.push({
    ...diabetes, ...plain, form: 'text ID column (P-0001, …)', drop: [0], target: diabetes.header.length,
    header: ['patient', ...diabetes.header.slice(0, -1), 'progression'], rows: diabetes.rows.map((r, i) => [`P-${String(i + 1).padStart(4, '0')}`, ...r]),
  });

  // penguins: quoted labels with commas.
  const penguins = fromPublic('penguins.csv', 'penguins', 'Species', 'classification');
  const latin: Record<string, string> = { Adelie: 'Adelie, Pygoscelis adeliae', Chinstrap: 'Chinstrap, Pygoscelis antarcticus', Gentoo: 'Gentoo, Pygoscelis papua' };
  for (const r of penguins.rows) r[penguins.target] = latin[r[penguins.target] as string];
  out.push({ ...penguins, ...plain, form: 'quoted labels with commas ("Adelie, Pygoscelis adeliae")' });

  // cars: `?` for its own missing cells and 3% more, a name column.
  const cars = fromPublic('cars.csv', 'cars', 'Miles_per_Gallon', 'regression');
  const carsDrop = [cars.header.indexOf('Name')];
  knockOut(cars, featureColumns(cars, carsDrop), 0.03, 3);
  out.push({ ...cars, ...plain, form: '`?` for missing (its own + 3% of feature cells), a name column', missingText: '?', drop: carsDrop });

  // Seattle weather: a date column, string labels of uneven size.
  const weather = fromPublic('seattle-weather.csv', 'seattle-weather', 'weather', 'classification');
  out.push({ ...weather, ...plain, form: 'a date column, string labels of uneven size', drop: [weather.header.indexOf('date')] });
  return out;
}

/** One CSV cell in the table's form: quoted (RFC 4180) when it holds the delimiter, a quote or a line end. */
function cellText(t: FormTable, c: Cell): string {
  if (c === null) return t.missingText;
  const s = String(c);
  return s.includes(t.delimiter) || /["\r\n]/.test(s) ? `"${s.replaceAll('"', '""')}"` : s;
}

function csv(t: FormTable, rows: Int32Array): string {
  const lines = t.writeHeader ? [t.header.map((h) => cellText(t, h)).join(t.delimiter)] : [];
  for (const i of rows) lines.push(t.rows[i].map((c) => cellText(t, c)).join(t.delimiter));
  return lines.join('\n') + '\n';
}

/** Shuffles the rows with the seed and writes the first 80% to DIR/train.csv, the rest to DIR/test.csv. */
export function writeSplit(t: FormTable, seed: number, dir: string): { train: string; test: string; trainRows: number; testRows: number } {
  const order = new Rng(seed).shuffle(Int32Array.from({ length: t.rows.length }, (_, i) => i));
  const nTrain = Math.round(t.rows.length * 0.8);
  mkdirSync(dir, { recursive: true });
  const train = join(dir, 'train.csv'), test = join(dir, 'test.csv');
  writeFileSync(train, csv(t, order.subarray(0, nTrain)));
  writeFileSync(test, csv(t, order.subarray(nTrain)));
  return { train, test, trainRows: nTrain, testRows: t.rows.length - nTrain };
}
