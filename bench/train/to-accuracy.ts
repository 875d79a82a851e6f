/**
 * Time to an accuracy: ours trains a table CSV as `npm run train -- --data TRAIN.csv` does (its read,
 * its config: the Table preset with the CLI's default threads, its TrainingRun), and after each epoch
 * scores the test CSV (encoded with the run's fitted schema, as `--test` does), stopping at the first
 * epoch whose test accuracy reaches `goal`, or where the run itself stops (early stopping, 200 epochs).
 *
 * The time is the run's, from the table in memory to the epoch that reached the goal: the run's
 * preparation (split, fitted standardisation, encoding), every epoch's training and its held-out
 * evaluation (its early stopping's); the per-epoch test scoring, there only to know when to stop, is
 * left out. `trainSeconds` is the CLI's own figure (training steps only).
 */
import '../../cli/v8-flags';
import { type CliOptions, configFor, parseCli } from '../../cli/args';
import { readCsv } from '../../cli/read-csv';
import { cores, spawnNodeThread } from '../../cli/threads';
import { Evaluation } from '../../src/engine/metrics';
import { evaluateDataset } from '../../src/train/evaluate';
import { TrainingRun } from '../../src/train/run';
import { isTableSource } from '../../src/train/run-data';
import { defaultThreads } from '../../src/train/settings';
import { encodeFor } from '../../src/worker/encode';

export interface ToAccuracy {
  reached: boolean;
  /** The test accuracy of the last epoch trained (the first that reached the goal, if one did). */
  testAcc: number;
  epochs: number;
  /** Preparation + epochs + held-out evaluations, without the test scoring. */
  seconds: number;
  /** Training steps only (the CLI's trainSeconds). */
  trainSeconds: number;
  threads: number;
  kernel: string;
  batchSize: number;
  /** Each epoch's test accuracy. */
  curve: number[];
}

/** `flags`: CLI flags over the defaults (e.g. ['--l2', '5e-7']); none for the defaults. */
export async function trainToAccuracy(trainCsv: string, testCsv: string, goal: number, flags: string[] = []): Promise<ToAccuracy> {
  const source = await readCsv(trainCsv), test = await readCsv(testCsv);
  if (!isTableSource(source) || !isTableSource(test)) throw new Error('trainToAccuracy: both files must read as tables');
  const options = parseCli(['--data', trainCsv, ...flags]) as CliOptions;
  const config = { ...configFor(options, source), threads: defaultThreads(cores()) };
  let scoringMs = 0;
  const t0 = performance.now();
  const run = new TrainingRun(source, config, undefined, { spawn: spawnNodeThread });
  await run.ready;
  const s0 = performance.now();
  const testSet = encodeFor(test, run.dataset.schema, 'test').dataset;
  scoringMs += performance.now() - s0;
  const curve: number[] = [];
  let trainMs = 0, acc = NaN;
  try {
    while (!run.done) {
      run.trainBatches(Number.POSITIVE_INFINITY);
      trainMs += run.finishEpoch().epochMs;
      const s1 = performance.now();
      acc = (evaluateDataset(run.model, testSet) as Evaluation).accuracy;
      scoringMs += performance.now() - s1;
      curve.push(acc);
      if (acc >= goal) break;
    }
    return {
      reached: acc >= goal, testAcc: acc, epochs: run.epoch, seconds: (performance.now() - t0 - scoringMs) / 1000, trainSeconds: trainMs / 1000,
      threads: run.engine.threads, kernel: run.engine.kernel, batchSize: config.batchSize, curve,
    };
  } finally {
    run.dispose();
  }
}
