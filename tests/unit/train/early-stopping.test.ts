/** Early stopping: stop once the held-out loss has not improved for `patience` epochs, and keep the best epoch's weights. */
import { describe, expect, it } from 'vitest';
import type { Evaluation } from '../../../src/engine/metrics';
import { NOTEBOOK_PRESET } from '../../../src/train/config';
import { type EpochMetrics, MIN_DELTA, TrainingRun } from '../../../src/train/run';
import { mnistSubset } from '../mnist';

describe('early stopping', () => {
  it('stops after `patience` epochs without a lower held-out loss and restores the best epoch, weights, evaluation and all', () => {
    // 400 digits, a wide layer and a brisk Adam: the held-out loss turns up within a few epochs.
    const run = new TrainingRun(mnistSubset(400), { ...NOTEBOOK_PRESET, hidden: [256], optimizer: 'adam', lr: 0.01, epochs: 60, patience: 3 });
    const weights: Float32Array[] = [];
    const metrics: EpochMetrics[] = [];
    while (!run.done) {
      run.trainBatches(Infinity);
      const m = run.finishEpoch();
      metrics.push(m);
      if (!run.done) weights[m.epoch] = run.model.getWeights();
    }
    expect(run.keptEpoch).not.toBeNull();
    const kept = run.keptEpoch!;
    expect(metrics.length).toBeLessThan(60); // it stopped early
    expect(metrics.length).toBe(kept + 3);
    // The kept epoch is the best by the rule: every later loss is not lower by more than MIN_DELTA.
    const best = metrics[kept - 1].valLoss;
    for (const m of metrics.slice(kept)) expect(m.valLoss).toBeGreaterThanOrEqual(best - MIN_DELTA);
    for (const m of metrics) expect(m.bestEpoch).toBeLessThanOrEqual(m.epoch);
    expect(metrics.at(-1)!.bestEpoch).toBe(kept);
    // The model is that epoch's, and so is the held-out evaluation every view shows.
    expect(run.model.getWeights()).toEqual(weights[kept]);
    expect((run.lastVal as Evaluation).meanLoss).toBeCloseTo(best, 6);
  });

  it('off with patience 0, and without held-out rows', () => {
    for (const config of [{ patience: 0 }, { patience: 2, valShare: 0 }]) {
      const run = new TrainingRun(mnistSubset(200), { ...NOTEBOOK_PRESET, hidden: [16], epochs: 3, ...config });
      while (!run.done) {
        run.trainBatches(Infinity);
        expect(run.finishEpoch().bestEpoch).toBeUndefined();
      }
      expect(run.epoch).toBe(3);
      expect(run.keptEpoch).toBeNull();
    }
  });
});
