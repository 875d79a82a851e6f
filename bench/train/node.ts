/**
 * The training-speed scenario in Node: the product's TrainingRun, helper threads as worker_threads, on
 * digit rows (a Dataset) or on a table as the CLI reads it (readCsv: its columns and profile, prepared
 * by the run as for `npm run train -- --data FILE.csv`).
 */
import '../../cli/v8-flags';
import { spawnNodeThread } from '../../cli/threads';
import type { TrainConfig } from '../../src/train/config';
import { TrainingRun } from '../../src/train/run';
import type { RunSource } from '../../src/train/run-data';
import type { SpeedResult } from './protocol';
import { timeTraining } from './timed';

export async function benchNode(ds: RunSource, config: TrainConfig, kernels: 'auto' | 'js', warmup: number, batches: number): Promise<SpeedResult> {
  const run = new TrainingRun(ds, { ...config, epochs: 1000 }, undefined, { kernels, spawn: spawnNodeThread });
  await run.ready;
  const result = timeTraining(run, warmup, batches);
  run.dispose();
  return result;
}
