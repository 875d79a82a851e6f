/** The training-speed scenario in Node: the product's TrainingRun, helper threads as worker_threads. */
import '../../cli/v8-flags';
import { spawnNodeThread } from '../../cli/threads';
import type { Dataset } from '../../src/data/dataset';
import type { TrainConfig } from '../../src/train/config';
import { TrainingRun } from '../../src/train/run';
import type { SpeedResult } from './protocol';
import { timeTraining } from './timed';

export async function benchNode(ds: Dataset, config: TrainConfig, kernels: 'auto' | 'js', warmup: number, batches: number): Promise<SpeedResult> {
  const run = new TrainingRun(ds, { ...config, epochs: 1000 }, undefined, { kernels, spawn: spawnNodeThread });
  await run.ready;
  const result = timeTraining(run, warmup, batches);
  run.dispose();
  return result;
}
