import { describe, expect, it } from 'vitest';
import type { Dataset } from '../../../src/data/dataset';
import { NOTEBOOK_PRESET, type TrainConfig } from '../../../src/train/config';
import type { EpochHealth } from '../../../src/train/health';
import { type Hint, hintsFor } from '../../../src/train/hints';
import { type EpochMetrics, TrainingRun } from '../../../src/train/run';
import { mnistSubset } from '../mnist';

/** Trains the run and returns the hints after each epoch, as the worker computes them. */
function hintsOfRun(ds: Dataset, config: TrainConfig): Hint[][] {
  const run = new TrainingRun(ds, config);
  const epochs: EpochMetrics[] = [];
  const out: Hint[][] = [];
  while (!run.done) {
    run.trainBatches(Infinity);
    epochs.push(run.finishEpoch());
    out.push(hintsFor(config, epochs, run.health));
  }
  run.dispose();
  return out;
}

const metrics = (epoch: number, trainLoss: number, valLoss: number, valAcc = 0.9): EpochMetrics =>
  ({ epoch, trainLoss, trainAcc: 0.9, valLoss, valAcc, lr: 0.1, epochMs: 1, evalMs: 0, healthMs: 0, samplesPerSec: 1 });

describe('hints when training goes wrong', () => {
  it('a ReLU run at learning rate 10 collapses to chance or kills its units, and the hint names the rate', () => {
    const hints = hintsOfRun(mnistSubset(3000), { ...NOTEBOOK_PRESET, lr: 10, epochs: 2 }).at(-1)!;
    const bad = hints.filter((h) => h.kind === 'chance' || h.kind === 'dead');
    expect(bad.length).toBeGreaterThan(0);
    for (const h of bad) expect(h.message).toMatch(/learning rate (of )?10\b|below 10\b/);
    expect(bad.map((h) => h.message).join(' ')).toMatch(/1\b/); // a tenth, as the suggestion
  });

  it('a healthy notebook run gets no hint over 10 epochs', () => {
    const hints = hintsOfRun(mnistSubset(20_000), { ...NOTEBOOK_PRESET, epochs: 10 });
    expect(hints).toHaveLength(10);
    expect(hints.flat()).toEqual([]);
  });

  it('an overfitting run gets the overfitting hint, suggesting what it lacks', () => {
    // 400 training rows, a wide layer and many epochs: validation loss turns up while training loss keeps falling.
    const all = hintsOfRun(mnistSubset(500), { ...NOTEBOOK_PRESET, hidden: [256], epochs: 40, shuffle: true }).flat();
    const over = all.find((h) => h.kind === 'overfitting');
    expect(over, JSON.stringify(all.map((h) => h.kind))).toBeDefined();
    expect(over!.message).toMatch(/^Validation loss rose for 3 epochs \(\d\.\d{4} → \d\.\d{4}\) while training loss fell/);
    expect(over!.message).toContain('L2 decay');
    expect(over!.message).toContain('dropout');
    expect(over!.message).toContain('augmentation');
    expect(over!.message).toMatch(/fewer epochs \(validation loss was lowest at epoch \d+\)/);
    // A run that already has L2 is not told to add it.
    const withL2 = hintsFor({ ...NOTEBOOK_PRESET, weightDecay: 1e-4 }, [metrics(1, 0.5, 0.3), metrics(2, 0.4, 0.31), metrics(3, 0.3, 0.32), metrics(4, 0.2, 0.34)], null);
    expect(withL2.map((h) => h.kind)).toEqual(['overfitting']);
    expect(withL2[0].message).not.toContain('L2');
  });

  it('a stalled run (learning rate 1e-7) gets the stall hint, naming its update ratio and rate', () => {
    const hints = hintsOfRun(mnistSubset(2000), { ...NOTEBOOK_PRESET, lr: 1e-7, epochs: 1 }).at(-1)!;
    const stall = hints.find((h) => h.kind === 'stalled');
    expect(stall).toBeDefined();
    expect(stall!.message).toMatch(/^Each step changes the weights by at most \d\.\de-\d+ of their size \(healthy is about 1e-3\): at a learning rate of 1e-7 training has stalled\. Try about 0\.1\./);
  });

  it('an exploding loss and saturated units get theirs, on constructed runs', () => {
    const exploding = hintsFor({ ...NOTEBOOK_PRESET, lr: 2 }, [metrics(1, 0.5, 0.4), metrics(2, 6.1, 5.0)], null);
    expect(exploding.map((h) => h.kind)).toEqual(['exploding']);
    expect(exploding[0].message).toBe('The training loss rose to 6.100, 12x its best (0.500 at epoch 1): the steps are too large. Try a learning rate below 2, such as 0.2.');
    const layer = { label: 'Linear(784 → 64) + Tanh', output: 'tanh' as const, histogram: { lo: -1, hi: 1, counts: [] }, dead: null, deadUnits: [], saturated: 0.8, gradNorm: 1, weightNorm: 1, updateRatio: 1e-3 };
    const health: EpochHealth = { epoch: 1, layers: [layer] };
    const sat = hintsFor({ ...NOTEBOOK_PRESET, activation: 'tanh' }, [metrics(1, 0.5, 0.4)], health);
    expect(sat.map((h) => h.kind)).toEqual(['saturated']);
    expect(sat[0].message).toMatch(/^80\.0% of the tanh units of layer 1 \(Linear\(784 → 64\) \+ Tanh\) are stuck/);
  });
});
