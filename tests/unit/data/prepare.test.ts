/**
 * A table made ready for the model: fitted on the training rows only, missing cells filled, categories
 * one-hot (an unseen one all zeros, counted), a regression's target standardised.
 */
import { describe, expect, it } from 'vitest';
import { encodeRows, encodeTargets, fitSchema, targetOf, usableRows } from '../../../src/data/prepare';
import { profileTable } from '../../../src/data/profile';
import { parseTableCsv } from '../../../src/data/table-csv';
import { resolveTable } from '../../../src/train/table-settings';
import type { TrainConfig } from '../../../src/train/config';

const CSV = [
  'size,colour,grade,kind',
  '1,red,3,a',
  '2,blue,?,b',
  '3,red,5,a',
  '?,green,1,b',
  '5,red,2,a',
  '100,blue,4,',
].join('\n');

function prepared(csv: string, settings: Partial<TrainConfig>, train: number[]) {
  const table = parseTableCsv('t.csv', csv), profile = profileTable(table);
  const choice = resolveTable(profile, settings).choice!;
  const usable = usableRows(table, choice);
  const target = targetOf(table, choice, usable.rows);
  const trainIdx = Int32Array.from(train);
  const schema = fitSchema(table, choice, Int32Array.from(train, (i) => usable.rows[i]), target, trainIdx);
  return { table, usable, target, schema };
}

describe('a table made ready for the model', () => {
  it('drops and counts rows without a target; classes are sorted names', () => {
    const { usable, target } = prepared(CSV, { target: 'kind' }, [0, 1, 2, 3, 4]);
    expect(Array.from(usable.rows)).toEqual([0, 1, 2, 3, 4]);
    expect(usable.noTarget).toBe(1);
    expect(target).toMatchObject({ task: 'classification', classes: ['a', 'b'] });
  });

  it('fits means, stds, medians and categories on the training rows only: a held-out row never moves them', () => {
    const train = [0, 1, 2];
    const a = prepared(CSV, { target: 'kind' }, train).schema;
    const changed = CSV.replace('5,red,2,a', '9999,purple,2,a'); // row 4 is held out
    const b = prepared(changed, { target: 'kind' }, train).schema;
    expect(b.features).toEqual(a.features);
    const size = a.features.find((f) => f.column === 'size')!;
    // Rows 0-2: sizes 1, 2, 3 → mean 2, population std √(2/3), median 2.
    expect(size).toMatchObject({ kind: 'numeric', mean: 2, fill: 2 });
    if (size.kind === 'numeric') expect(size.std).toBeCloseTo(Math.sqrt(2 / 3), 12);
    expect(a.features.find((f) => f.column === 'colour')).toEqual({ kind: 'categorical', column: 'colour', categories: ['blue', 'red'], fill: 'red', numeric: false });
  });

  it('encodes: numbers standardised, a missing one filled with the training median, one-hot categories, an unseen one all zeros and counted', () => {
    const { table, schema, usable } = prepared(CSV, { target: 'kind' }, [0, 1, 2]);
    // Features in file order: size (1), colour (blue, red), grade (1).
    expect(schema.inputSize).toBe(4);
    const { x, unseen } = encodeRows(table, schema, usable.rows);
    const size = schema.features[0] as Extract<typeof schema.features[0], { kind: 'numeric' }>;
    const z = (v: number) => Math.fround((v - size.mean) / size.std);
    const row = (r: number) => Array.from(x.subarray(r * 4, r * 4 + 4));
    expect(row(0).slice(0, 3)).toEqual([z(1), 0, 1]); // red
    expect(row(1).slice(0, 3)).toEqual([z(2), 1, 0]); // blue
    expect(row(3).slice(0, 3)).toEqual([z(2), 0, 0]); // size missing → median 2; green never seen in training → none
    expect(unseen).toBe(1);
    // grade's row 1 is missing: the training rows' grades 3, 5 (row 1's is the missing one) have median 4.
    const grade = schema.features[2] as Extract<typeof schema.features[2], { kind: 'numeric' }>;
    expect(grade.fill).toBe(4);
    expect(row(1)[3]).toBeCloseTo((4 - grade.mean) / grade.std, 6);
  });

  it('a missing category takes the training rows\' most common one; Drop rows drops rows with a missing feature', () => {
    const csv = 'c,y\nx,1\n?,2\nz,1\nx,2\n';
    const filled = prepared(csv, { target: 'y', task: 'classification' }, [0, 1, 2, 3]);
    const { x } = encodeRows(filled.table, filled.schema, filled.usable.rows);
    expect(Array.from(x.subarray(2, 4))).toEqual([1, 0]); // the missing cell is the most common, x
    const dropped = prepared(csv, { target: 'y', task: 'classification', missing: 'drop' }, [0, 1, 2]);
    expect(Array.from(dropped.usable.rows)).toEqual([0, 2, 3]);
    expect(dropped.usable.missingFeature).toBe(1);
  });

  it("a regression's target is standardised on the training rows and comes back in its own units", () => {
    const { table, schema } = prepared('x,y\n1,10\n2,20\n3,30\n4,1000\n', { target: 'y', task: 'regression' }, [0, 1, 2]);
    expect(schema.target).toMatchObject({ task: 'regression', mean: 20 });
    const t = schema.target as Extract<typeof schema.target, { task: 'regression' }>;
    expect(t.std).toBeCloseTo(Math.sqrt(200 / 3), 10);
    const y = encodeTargets(table, schema, [0, 3]);
    expect(y[0]).toBeCloseTo((10 - 20) / t.std, 6);
    expect(y[1] * t.std + t.mean).toBeCloseTo(1000, 2);
  });

  it('a numeric target of classes sorts them as numbers', () => {
    const { target } = prepared('x,y\n1,10\n2,9\n3,100\n4,9\n', { target: 'y', task: 'classification' }, [0, 1, 2, 3]);
    expect(target).toMatchObject({ classes: ['9', '10', '100'] });
    if (target.task === 'classification') expect(Array.from(target.labels)).toEqual([1, 0, 2, 0]);
  });

  it('another file: numbers written as text are read as numbers, a real text refused naming the column; "2007.0" is the category 2007', () => {
    const { schema } = prepared('x,year,y\n1,2007,a\n2,2008,b\n3,2007,a\n4,2009,b\n5,2008,a\n6,2009,b\n', { target: 'y' }, [0, 1, 2, 3, 4, 5]);
    expect(schema.features.map((f) => f.kind)).toEqual(['numeric', 'categorical']);
    const other = parseTableCsv('other.csv', 'x,year\n2,2008.0\n?,2007\n7, 2009\n');
    const { x } = encodeRows(other, schema, [0, 1, 2]);
    expect(Array.from(x.subarray(1, 4))).toEqual([0, 1, 0]); // 2008.0 is 2008
    expect(Array.from(x.subarray(9, 12))).toEqual([0, 0, 1]);
    const texty = parseTableCsv('texty.csv', 'x,year\n2,2008\nabc,2007\n');
    expect(() => encodeRows(texty, schema, [0, 1])).toThrow('"texty.csv" has text in column "x" (such as "abc"), where the model reads numbers');
    const asText = parseTableCsv('as-text.csv', 'x,year\n2,2008\nNA,2007\n"3",2009\n');
    expect(encodeRows(asText, schema, [0, 1, 2]).x[8]).toBeCloseTo(encodeRows(parseTableCsv('n.csv', 'x,year\n3,2009\n'), schema, [0]).x[0], 6);
  });
});
