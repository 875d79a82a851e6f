import { describe, expect, it } from 'vitest';
import { NOTEBOOK_PRESET } from '../../../src/train/config';
import { TrainingRun } from '../../../src/train/run';
import { scheduledLr } from '../../../src/train/schedule';
import { mnistSubset } from '../mnist';

describe('learning-rate schedules', () => {
  const at = (schedule: 'constant' | 'step' | 'cosine', epochs: number, warmup = 0, stepSize = 10) =>
    Array.from({ length: epochs }, (_, e) => scheduledLr(0.1, e, epochs, { schedule, warmup, stepSize }));

  it('constant keeps the base rate; step halves it every step size', () => {
    expect(at('constant', 5)).toEqual([0.1, 0.1, 0.1, 0.1, 0.1]);
    expect(at('step', 7, 0, 3)).toEqual([0.1, 0.1, 0.1, 0.05, 0.05, 0.05, 0.025]);
  });

  it('cosine starts at the base rate and falls to near zero, half way at the middle', () => {
    const lr = at('cosine', 10);
    expect(lr[0]).toBe(0.1);
    expect(lr[5]).toBeCloseTo(0.05, 12);
    for (let e = 1; e < 10; e++) expect(lr[e]).toBeLessThan(lr[e - 1]);
    expect(lr[9]).toBeGreaterThan(0);
    expect(lr[9]).toBeLessThan(0.003);
  });

  it('warm-up climbs linearly to the base rate, then the schedule starts', () => {
    const lr = at('cosine', 8, 3);
    [0.025, 0.05, 0.075, 0.1].forEach((v, e) => expect(lr[e]).toBeCloseTo(v, 12));
    expect(lr[4]).toBeLessThan(0.1);
  });

  it('a run trains each epoch at the scheduled rate, reports it, and a new base rate between epochs is scheduled too', () => {
    const run = new TrainingRun(mnistSubset(300), { ...NOTEBOOK_PRESET, hidden: [8], epochs: 4, schedule: 'step', stepSize: 1 });
    const lrs: number[] = [];
    while (!run.done) {
      run.trainBatches(Infinity);
      lrs.push(run.finishEpoch().lr);
      if (run.epoch === 2) run.lr = 1; // the base from epoch 3: 1 · 0.5²
    }
    expect(lrs.map((v) => Number(v.toPrecision(6)))).toEqual([0.1, 0.05, 0.25, 0.125]);
  });
});
