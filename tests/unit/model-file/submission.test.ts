import { describe, expect, it } from 'vitest';
import { PREDICT_BATCH, predictLabels, predictRows, submissionCsv } from '../../../src/model-file/submission';
import { mnistSubset } from '../mnist';
import { smallModel } from './files';

describe('predictions and the submission file', () => {
  it('submissionCsv: ImageId,Label, ImageId from 1, one row per image, a final newline', () => {
    expect(submissionCsv(new Uint8Array([3, 0, 9]))).toBe('ImageId,Label\n1,3\n2,0\n3,9\n');
    expect(submissionCsv(new Uint8Array(0))).toBe('ImageId,Label\n');
  });

  it('predictLabels: the argmax of the model\'s probabilities for each image, in file order, with progress per batch', () => {
    const model = smallModel([16], 3);
    const ds = mnistSubset(PREDICT_BATCH + 100);
    const progress: [number, number][] = [];
    const labels = predictLabels(model, ds, (done, total) => progress.push([done, total]));
    expect(progress).toEqual([[PREDICT_BATCH, ds.count], [ds.count, ds.count]]);
    // One image at a time gives the same classes.
    for (const i of [0, 1, PREDICT_BATCH, ds.count - 1]) {
      const one = { name: 'one', count: 1, pixels: ds.pixels.slice(i * 784, (i + 1) * 784), labels: null };
      expect(predictLabels(model, one)[0]).toBe(labels[i]);
    }
    expect(new Set(labels).size).toBeGreaterThan(1);
  });

  it('predictRows fills only its slice, so a caller can spread the work', () => {
    const model = smallModel([16], 3);
    const ds = mnistSubset(300);
    const whole = predictLabels(model, ds);
    const sliced = new Uint8Array(ds.count).fill(255);
    predictRows(model, ds, 0, 120, sliced);
    expect(sliced[120]).toBe(255);
    predictRows(model, ds, 120, 300, sliced);
    expect(sliced).toEqual(whole);
  });
});
