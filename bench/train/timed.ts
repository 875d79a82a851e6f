import type { Evaluation } from '../../src/engine/metrics';
/**
 * How both training-speed scenarios (Node and the page's worker) time a run: untimed warm-up batches,
 * then the timed ones, in slices of about the product's size (SLICE_BATCHES: the page's worker trains
 * about 20 ms a slice), so that helper threads wake once a slice as they do in the page. Only the
 * training calls are timed, not the epoch-end evaluation.
 */
import type { TrainingRun } from '../../src/train/run';
import type { SpeedResult } from './protocol';

const SLICE_BATCHES = 64;

export function timeTraining(run: TrainingRun, warmup: number, batches: number): SpeedResult {
  const train = (count: number) => {
    let ms = 0, done = 0;
    while (done < count) {
      if (run.epochComplete) run.finishEpoch();
      const t0 = performance.now();
      done += run.trainBatches(Math.min(SLICE_BATCHES, count - done));
      ms += performance.now() - t0;
    }
    return ms;
  };
  train(warmup);
  const ms = train(batches);
  return {
    samplesPerSec: (batches * run.config.batchSize) / (ms / 1000), engine: run.engine, valAcc: (run.evaluate(run.split.val) as Evaluation).accuracy,
    memoryBytes: run.engine.memoryBytes,
  };
}
