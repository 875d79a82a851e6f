import { describe, expect, it } from 'vitest';
import { DIGIT_SCHEMA, digitDataset } from '../../../src/data/digits';
import type { Schema } from '../../../src/data/schema';
import { PREDICT_BATCH, predictAll, predictRows, submissionCsv, submissionName } from '../../../src/model-file/submission';
import { mnistSubset } from '../mnist';
import { smallModel } from './files';

describe('predictions and the submission file', () => {
  it('submissionCsv: ImageId,Label, ImageId from 1, one row per image, a final newline', () => {
    expect(submissionCsv(DIGIT_SCHEMA, new Int32Array([3, 0, 9]))).toBe('ImageId,Label\n1,3\n2,0\n3,9\n');
    expect(submissionCsv(DIGIT_SCHEMA, new Int32Array(0))).toBe('ImageId,Label\n');
    expect(submissionName(DIGIT_SCHEMA, 'test.csv')).toBe('submission.csv');
  });

  it("a table's predictions: its ID column (or the row) and the class name or value, under the target's name", () => {
    const table: Schema = {
      layout: 'table', columns: [], features: [{ kind: 'numeric', column: 'x', mean: 0, std: 1, fill: 0 }], inputSize: 1,
      target: { column: 'Species', task: 'classification', classes: ['Adelie', 'Gentoo, the big one'] }, image: null, missing: 'fill', idColumn: 'id',
    };
    expect(submissionCsv(table, new Int32Array([1, 0]), ['p1', 'p2'])).toBe('id,Species\np1,"Gentoo, the big one"\np2,Adelie\n');
    expect(submissionCsv({ ...table, idColumn: null }, new Int32Array([0]))).toBe('row,Species\n1,Adelie\n');
    const regression: Schema = { ...table, target: { column: 'mpg', task: 'regression', mean: 20, std: 5 }, idColumn: null };
    expect(submissionCsv(regression, new Float32Array([21.5, 18.25]))).toBe('row,mpg\n1,21.5\n2,18.25\n');
    expect(submissionName(regression, 'cars.csv')).toBe('cars-predictions.csv');
  });

  it("predictAll: the argmax of the model's probabilities for each image, in file order, with progress per batch", () => {
    const model = smallModel([16], 3);
    const ds = mnistSubset(PREDICT_BATCH + 100);
    const progress: [number, number][] = [];
    const labels = predictAll(model, ds, (done, total) => progress.push([done, total]));
    expect(progress).toEqual([[PREDICT_BATCH, ds.count], [ds.count, ds.count]]);
    // One image at a time gives the same classes.
    for (const i of [0, 1, PREDICT_BATCH, ds.count - 1]) {
      const one = digitDataset('one', ds.x.slice(i * 784, (i + 1) * 784), null);
      expect(predictAll(model, one)[0]).toBe(labels[i]);
    }
    expect(new Set(labels).size).toBeGreaterThan(1);
  });

  it('predictRows fills only its slice, so a caller can spread the work', () => {
    const model = smallModel([16], 3);
    const ds = mnistSubset(300);
    const whole = predictAll(model, ds);
    const sliced = new Int32Array(ds.count).fill(-1);
    predictRows(model, ds, 0, 120, sliced);
    expect(sliced[120]).toBe(-1);
    predictRows(model, ds, 120, 300, sliced);
    expect(sliced).toEqual(whole);
  });
});
