/**
 * A table's settings against its file: the target guessed on awkward tables, the task, each column's
 * role with why, image rows, and one sentence for each choice that cannot train.
 */
import { describe, expect, it } from 'vitest';
import { profileTable } from '../../../src/data/profile';
import { parseTableCsv } from '../../../src/data/table-csv';
import { MAX_CLASSES, resolveTable } from '../../../src/train/table-settings';
import type { TrainConfig } from '../../../src/train/config';

const profile = (csv: string) => profileTable(parseTableCsv('t.csv', csv));
const resolve = (csv: string, settings: Partial<TrainConfig> = {}) => resolveTable(profile(csv), settings);
const rows = (n: number, row: (i: number) => string) => Array.from({ length: n }, (_, i) => row(i)).join('\n');

describe('the target and the task', () => {
  it('a column named like a label is the target wherever it is; else the last column that can be one', () => {
    const named = resolve(`Species,island,mass\n${rows(30, (i) => `${['a', 'b', 'c'][i % 3]},${i % 2 ? 'x' : 'y'},${3000 + i * 7}`)}`);
    expect(named.choice!.target).toBe(0);
    // The label first, no header: the last column that is not an ID.
    const noHeader = resolve(rows(30, (i) => `${i % 2},${i * 1.5},${i * 2.25}`));
    expect(noHeader.choice!.target).toBe(2);
    // An ID last: the column before it.
    const idLast = resolve(`a,b,id\n${rows(30, (i) => `${i % 3},${i * 0.7},${i + 1}`)}`);
    expect(idLast.choice!.target).toBe(1);
  });

  it('a headerless file with its classes first and numbers last keeps the last as target, and offers the first', () => {
    const labelFirst = resolve(rows(30, (i) => `${['Iris-setosa', 'Iris-versicolor', 'Iris-virginica'][i % 3]},${(i * 0.37).toFixed(2)},${(i * 0.91).toFixed(2)}`));
    expect(labelFirst.choice!.target).toBe(2);
    expect(labelFirst.targetHint).toBe('No column is named like a target, so the last one, "column 3", was taken, and it holds numbers to regress. ' +
      'The first column, "column 1", holds 3 classes ("Iris-setosa", "Iris-versicolor", "Iris-virginica"): if it is what to predict, make it the target.');
    // Chosen, or classes already last, or a column named like a target: no offer.
    expect(resolve(rows(30, (i) => `${['a', 'b'][i % 2]},${i * 0.37}`), { target: '2' }).targetHint).toBeNull();
    expect(resolve(rows(30, (i) => `${i * 0.37},${['a', 'b'][i % 2]}`)).targetHint).toBeNull();
    expect(resolve(`kind,label\n${rows(30, (i) => `${['a', 'b'][i % 2]},${i * 0.37}`)}`).targetHint).toBeNull();
  });

  it('strings and few whole numbers are classes, many numbers a regression, close calls are said', () => {
    expect(resolve(`x,y\n${rows(40, (i) => `${i},${['cat', 'dog'][i % 2]}`)}`).guess).toEqual({ task: 'classification', close: null });
    expect(resolve(`x,y\n${rows(40, (i) => `${i},${i % 3}`)}`).guess.task).toBe('classification');
    const eleven = resolve(`x,y\n${rows(44, (i) => `${i},${i % 11}`)}`).guess;
    expect(eleven.task).toBe('regression');
    expect(eleven.close).toMatch(/holds 11 distinct whole numbers/);
    expect(resolve(`x,y\n${rows(40, (i) => `${i},${i * 0.37}`)}`).guess).toEqual({ task: 'regression', close: null });
  });
});

describe('roles', () => {
  const CSV = `id,name,x,colour,empty,same,label\n${rows(40, (i) => `${i + 1},${`word ${i} `.repeat(5)},${i * 0.5},${['r', 'g'][i % 2]},,7,${i % 3}`)}`;

  it('ID, free text, empty and constant columns are left out with why; the user can change any role', () => {
    const r = resolve(CSV);
    expect(r.roles.map((x) => x.role)).toEqual(['ignore', 'ignore', 'feature', 'feature', 'ignore', 'ignore', 'target']);
    expect(r.roles[0].why).toMatch(/like an ID/);
    expect(r.roles[4].why).toMatch(/every cell is missing/);
    expect(r.roles[5].why).toMatch(/the same value/);
    expect(r.choice!.features).toEqual([{ column: 2, kind: 'numeric' }, { column: 3, kind: 'categorical' }]);
    expect(r.choice!.idColumn).toBe(0);
    const changed = resolve(CSV, { ignore: ['x'], include: ['same'] });
    expect(changed.choice!.features.map((f) => f.column)).toEqual([3, 5]);
  });

  it('the pixels of square images are all numeric features, scaled by their largest value', () => {
    const header = [...Array.from({ length: 16 }, (_, i) => `p${i}`), 'label'].join(',');
    const r = resolve(`${header}\n${rows(40, (i) => [...Array.from({ length: 16 }, (_, p) => (p === 0 ? 0 : (i * p) % 17)), i % 4].join(','))}`);
    expect(r.choice!.image).toEqual({ side: 4, maxValue: 16 });
    expect(r.choice!.features).toHaveLength(16); // the constant p0 too
    expect(r.choice!.features.every((f) => f.kind === 'numeric')).toBe(true);
  });
});

describe('choices that cannot train, each with one sentence naming the column', () => {
  it('a target with one class, regression of text, too many classes, no usable feature, an unknown column', () => {
    expect(resolve('x,y\n1,a\n2,a\n3,a\n').errors.target).toBe('The target column "y" has one class only ("a"): there is nothing to learn. Choose another target.');
    expect(resolve('x,y\n1,a\n2,b\n', { task: 'regression' }).errors.task).toMatch(/^Regression needs numbers, but the target "y" holds text/);
    const many = resolve(`x,y\n${rows(MAX_CLASSES + 5, (i) => `${i % 7},${i * 1.5}`)}`, { task: 'classification' });
    expect(many.errors.task).toMatch(new RegExp(`has 1,005 distinct values: more than the ${MAX_CLASSES.toLocaleString('en-US')} classes .* Choose Regression\\.$`));
    expect(resolve(`id,y\n${rows(30, (i) => `${i + 1},${i % 2}`)}`).errors.features).toMatch(/^No column can be a feature/);
    expect(resolve('x,y\n1,a\n2,b\n', { target: 'z' }).errors.target).toBe('The file has no column "z"; its columns are "x", "y".');
    expect(resolve('x,y\n1,a\n2,b\n', { ignore: ['w'] }).errors.ignore).toBe('Ignored column "w" is not a column of the file; its columns are "x", "y".');
    // A column named by its 1-based number, as the CLI's --target 1.
    expect(resolve('x,y\n1,a\n2,b\n', { target: '2' }).choice!.target).toBe(1);
  });
});
