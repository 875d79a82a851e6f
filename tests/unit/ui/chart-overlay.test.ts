/** The run history's overlay for regression runs: every visible run's R² on one chart, on one axis. */
import { describe, expect, it } from 'vitest';
import type { EpochMetrics } from '../../../src/train/run';
import { type ChartSeries, chartAxes, chartRows, seriesKey } from '../../../src/ui/train/chart-data';

const epoch = (e: number, m: Partial<EpochMetrics>): EpochMetrics => ({
  epoch: e, trainLoss: 0.5, trainAcc: NaN, valLoss: 0.6, valAcc: NaN, lr: 0.001, epochMs: 1, evalMs: 1, healthMs: 1, samplesPerSec: 1, ...m,
});
const run = (id: number, epochs: EpochMetrics[], visible = true): ChartSeries => ({ id, visible, epochs, running: [], plannedEpochs: 3, keptEpoch: null });

describe('the R² chart with several runs', () => {
  const regression1 = run(1, [epoch(1, { trainR2: -3, valR2: -0.5 }), epoch(2, { trainR2: 0.6, valR2: 0.55 }), epoch(3, { trainR2: 0.8, valR2: 0.75 })]);
  const regression2 = run(2, [epoch(1, { trainR2: 0.2, valR2: 0.1 }), epoch(2, { trainR2: 0.7, valR2: 0.72 })]);
  const classes = run(3, [epoch(1, { trainAcc: 0.9, valAcc: 0.88 }), epoch(2, { trainAcc: 0.95, valAcc: 0.9 })]);

  it('draws every visible regression run, train and validation, and nothing of a run without R²', () => {
    const rows = chartRows([regression1, regression2, classes], 'r2');
    expect(rows.map((r) => r.x)).toEqual([1, 2, 3]);
    expect(rows[1]).toEqual({ x: 2, [seriesKey('train', 1)]: 0.6, [seriesKey('val', 1)]: 0.55, [seriesKey('train', 2)]: 0.7, [seriesKey('val', 2)]: 0.72 });
    expect(rows.flatMap((r) => Object.keys(r)).some((k) => k.endsWith('-3'))).toBe(false);
    // A hidden run leaves the chart.
    expect(chartRows([{ ...regression1, visible: false }, regression2], 'r2').flatMap((r) => Object.keys(r)).some((k) => k.endsWith('-1'))).toBe(false);
  });

  it('one y axis for all of them, up to 1, down to the lowest R² drawn but no lower than −1, where lower ones are drawn', () => {
    const runs = [regression1, regression2];
    const rows = chartRows(runs, 'r2');
    expect(rows[0][seriesKey('train', 1)]).toBe(-1); // −3, at the floor
    expect(rows[0][seriesKey('val', 1)]).toBe(-0.5);
    const axes = chartAxes(runs, rows, 'r2');
    expect(axes.y[0]).toBe(-1);
    expect(axes.y.at(-1)).toBe(1);
    const later = [regression2];
    expect(chartAxes(later, chartRows(later, 'r2'), 'r2').y[0]).toBe(0);
  });
});

describe('chart ranges after a run that blew up', () => {
  const blown = run(1, [epoch(1, { trainLoss: 130_000, valLoss: 98_000, trainAcc: 0.1, valAcc: 0.1 }), epoch(2, { trainLoss: 120_000, valLoss: 90_000, trainAcc: 0.1, valAcc: 0.1 })]);
  const healthy = run(2, [epoch(1, { trainLoss: 0.6, valLoss: 0.35, trainAcc: 0.88, valAcc: 0.91 }), epoch(2, { trainLoss: 0.3, valLoss: 0.28, trainAcc: 0.92, valAcc: 0.93 })]);
  const runs = [blown, healthy];

  it('the current run fills the loss chart: the outlier is named off the chart, not in the range', () => {
    const axes = chartAxes(runs, chartRows(runs, 'loss'), 'loss', 2);
    expect(axes.y.at(-1)).toBeLessThanOrEqual(1);
    expect(0.6 / axes.y.at(-1)!).toBeGreaterThanOrEqual(0.25); // the healthy curve spans at least a quarter of the height
    expect(axes.offChart).toEqual([{ id: 1, value: 130_000 }]);
    // Without a current run to compare with, every value counts; with the blown run current, so do its.
    expect(chartAxes(runs, chartRows(runs, 'loss'), 'loss', 1).y.at(-1)).toBeGreaterThanOrEqual(130_000);
  });

  it('the accuracy chart likewise, and a log scale shows every run with powers of ten', () => {
    const acc = chartAxes(runs, chartRows(runs, 'acc'), 'acc', 2);
    expect(acc.y[0]).toBeGreaterThanOrEqual(0.7);
    expect(acc.offChart).toEqual([{ id: 1, value: 0.1 }]);
    const log = chartAxes(runs, chartRows(runs, 'loss'), 'loss', 2, true);
    expect(log.offChart).toEqual([]);
    expect(log.y[0]).toBeLessThanOrEqual(0.1);
    expect(log.y.at(-1)).toBeGreaterThanOrEqual(130_000);
    for (const t of log.y) expect(Math.log10(t) % 1).toBeCloseTo(0, 9);
  });
});
