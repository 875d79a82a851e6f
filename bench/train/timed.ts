import type { Evaluation } from '../../src/engine/metrics';
/**
 * How both training-speed scenarios (Node and the page's worker) time a run: untimed warm-up batches,
 * then the timed ones, in slices of about the product's size (SLICE_BATCHES: the page's worker trains
 * about 20 ms a slice), so that helper threads wake once a slice as they do in the page. Only the
 * training calls are timed, not the epoch-end evaluation.
 *
 * The warm-up is at least `warmup` batches and at least WARMUP_MS of training: Chromium first runs
 * WebAssembly on its baseline compiler (Liftoff) and compiles the hot functions with TurboFan in the
 * background, which on 2 cores takes a core from a two-thread run while it lasts (measured: the
 * notebook recipe's two threads in Chromium at 243,000-303,000 samples/s after 100 warm-up batches,
 * 300,000-316,000 after 3,000). Node compiles with TurboFan up front (--no-liftoff, cli/v8-flags.ts).
 * So the warm-up's batches, and the held-out accuracy after the timed ones, differ between contenders.
 * (A throwaway run to warm the compiler, then the timed run from its start, measured no better: 1.23x
 * to 1.45x for the same two threads against one.)
 */
import type { TrainingRun } from '../../src/train/run';
import type { SpeedResult } from './protocol';

const SLICE_BATCHES = 64;
/** Training time the warm-up lasts at least, ms. */
const WARMUP_MS = 500;

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
  let warm = train(warmup);
  while (warm < WARMUP_MS) warm += train(SLICE_BATCHES);
  const ms = train(batches);
  return {
    samplesPerSec: (batches * run.config.batchSize) / (ms / 1000), engine: run.engine, valAcc: (run.evaluate(run.split.val) as Evaluation).accuracy,
    memoryBytes: run.engine.memoryBytes,
  };
}
