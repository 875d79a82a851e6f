import { describe, expect, it } from 'vitest';
import { type RunsState, MAX_RUNNING_POINTS, initialRuns, newRun, reduceRuns } from '../../../src/store/run-slice';
import { NOTEBOOK_PRESET } from '../../../src/train/config';
import type { RunProgress } from '../../../src/worker/protocol';

const progress = (epoch: number, batch: number, loss = 0.5): RunProgress => ({ epoch, batch, batchesPerEpoch: 100, recentLoss: loss, recentAcc: 0.9, samplesPerSec: 1000, elapsedMs: 10, etaMs: 100 });
const metrics = (epoch: number) => ({ epoch, trainLoss: 0.3, trainAcc: 0.9, valLoss: 0.35, valAcc: 0.88, lr: 0.1, epochMs: 100, evalMs: 10, healthMs: 1, samplesPerSec: 1000 });

function twoRuns(): RunsState {
  return { runs: [{ ...newRun(1, NOTEBOOK_PRESET), state: 'stopped' }, newRun(2, NOTEBOOK_PRESET)], currentId: 2, alert: null };
}

describe('training events → run history', () => {
  it('applies the current run\'s events: progress points, epoch metrics with their learning rate, state', () => {
    let s = twoRuns();
    s = reduceRuns(s, { type: 'runState', runId: 2, state: 'running' });
    s = reduceRuns(s, { type: 'progress', runId: 2, progress: progress(0, 50) });
    s = reduceRuns(s, { type: 'epochEnd', runId: 2, metrics: metrics(1), progress: progress(1, 0), health: null, hints: [] });
    const run = s.runs[1];
    expect(run.state).toBe('running');
    expect(run.epochs).toEqual([metrics(1)]);
    expect(run.running.map((p) => p.x)).toEqual([0.5, 1]);
  });

  it('drops events of a run that was replaced', () => {
    const s = twoRuns();
    expect(reduceRuns(s, { type: 'epochEnd', runId: 1, metrics: metrics(3), progress: progress(3, 0), health: null, hints: [] })).toBe(s);
    expect(reduceRuns(s, { type: 'runState', runId: 1, state: 'done' })).toBe(s);
    expect(reduceRuns(s, { type: 'progress', runId: 9, progress: progress(0, 1) })).toBe(s);
  });

  it('a failed run raises the alert; a refused start removes the run and says why', () => {
    const failed = reduceRuns(twoRuns(), { type: 'runState', runId: 2, state: 'failed', message: 'The loss became NaN …' });
    expect(failed.alert).toBe('The loss became NaN …');
    const refused = reduceRuns(twoRuns(), { type: 'startFailed', runId: 2, message: 'Load a labeled training file first.' });
    expect(refused.runs.map((r) => r.id)).toEqual([1]);
    expect(refused.currentId).toBeNull();
    expect(refused.alert).toBe('Load a labeled training file first.');
  });

  it('keeps the running-loss points bounded for long runs, always with the first and the newest', () => {
    let s: RunsState = { ...initialRuns, runs: [newRun(1, NOTEBOOK_PRESET)], currentId: 1 };
    for (let i = 0; i < 200 * 8; i++) s = reduceRuns(s, { type: 'progress', runId: 1, progress: progress(Math.floor(i / 8), (i % 8) * 12) });
    expect(s.runs[0].running.length).toBeLessThanOrEqual(MAX_RUNNING_POINTS);
    expect(s.runs[0].running.at(-1)!.x).toBeCloseTo(199 + 84 / 100);
    // The first point is the run's highest loss: keeping it keeps the loss chart's axis still.
    expect(s.runs[0].running[0].x).toBe(0);
  });
});

describe('chart rows', () => {
  it('draw at most MAX_EPOCH_POINTS epoch points per series, always with the last epoch', async () => {
    const { chartRows, MAX_EPOCH_POINTS, seriesKey } = await import('../../../src/ui/train/chart-data');
    const epochs = Array.from({ length: 250 }, (_, i) => ({ ...metrics(i + 1), lr: 0.1 }));
    const rows = chartRows([{ id: 1, visible: true, epochs, running: [{ x: 0.5, loss: 1, acc: 0.5 }, { x: 0.75, loss: 0.8, acc: 0.6 }], plannedEpochs: 250, keptEpoch: null }], 'loss');
    const drawn = rows.filter((r) => seriesKey('val', 1) in r);
    expect(drawn.length).toBeLessThanOrEqual(MAX_EPOCH_POINTS);
    expect(drawn.at(-1)!.x).toBe(250);
    expect(rows[0]).toEqual({ x: 0.5, [seriesKey('run', 1)]: 1 });
    expect(chartRows([{ id: 1, visible: false, epochs, running: [], plannedEpochs: 250, keptEpoch: null }], 'acc')).toEqual([]);
  });
});

describe('chart series', () => {
  it('without dots start at their second point; with dots (short runs) at their first', async () => {
    const { chartRows, seriesKey } = await import('../../../src/ui/train/chart-data');
    const oneEpoch = (plannedEpochs: number) => [{ id: 1, visible: true, epochs: [{ ...metrics(1), lr: 0.1 }], running: [{ x: 0.5, loss: 1, acc: 0.5 }], plannedEpochs, keptEpoch: null }];
    expect(chartRows(oneEpoch(50), 'loss')).toEqual([]);
    expect(chartRows(oneEpoch(2), 'acc')).toEqual([{ x: 1, [seriesKey('train', 1)]: 0.9, [seriesKey('val', 1)]: 0.88 }]);
  });
});

describe('axis ticks', () => {
  it('are round steps covering the range', async () => {
    const { niceTicks } = await import('../../../src/ui/train/chart-data');
    expect(niceTicks(0, 2.3)).toEqual([0, 0.5, 1, 1.5, 2, 2.5]);
    expect(niceTicks(0.91, 1)).toEqual([0.9, 0.92, 0.94, 0.96, 0.98, 1]);
    expect(niceTicks(0, 50, 10)).toEqual([0, 5, 10, 15, 20, 25, 30, 35, 40, 45, 50]);
    expect(niceTicks(0, 0)).toEqual([0, 0.2, 0.4, 0.6, 0.8, 1]);
  });

  it('span the planned epochs from the first point, so the x axis stays put while a run grows', async () => {
    const { chartAxes, chartRows } = await import('../../../src/ui/train/chart-data');
    const at = (done: number) => {
      const runs = [{ id: 1, visible: true, epochs: Array.from({ length: done }, (_, i) => ({ ...metrics(i + 1), lr: 0.1 })), running: [{ x: 0.5, loss: 2.2, acc: 0.3 }, { x: 0.75, loss: 1.1, acc: 0.6 }], plannedEpochs: 50, keptEpoch: null }];
      return { loss: chartAxes(runs, chartRows(runs, 'loss'), 'loss'), acc: chartAxes(runs, chartRows(runs, 'acc'), 'acc') };
    };
    expect(at(1).loss.x).toEqual([0, 5, 10, 15, 20, 25, 30, 35, 40, 45, 50]);
    expect(at(30).loss.x).toEqual(at(1).loss.x);
    expect(at(30).loss.y[0]).toBe(0);
    expect(at(30).loss.y.at(-1)).toBeGreaterThanOrEqual(2.2);
    expect(at(30).acc.y.at(-1)).toBe(1);
    // A typical run's first points fall inside the span drawn before any point: no axis change.
    const empty = [{ id: 1, visible: true, epochs: [], running: [], plannedEpochs: 50 }];
    const first = [{ ...empty[0], epochs: [1, 2].map((e) => ({ ...metrics(e), lr: 0.1 })), running: [{ x: 0.25, loss: 0.8, acc: 0.7 }, { x: 0.5, loss: 0.5, acc: 0.85 }] }];
    for (const metric of ['loss', 'acc'] as const) expect(chartAxes(first, chartRows(first, metric), metric)).toEqual(chartAxes(empty, [], metric));
    // A run stepped past its plan widens the axis.
    const long = [{ id: 1, visible: true, epochs: Array.from({ length: 12 }, (_, i) => ({ ...metrics(i + 1), lr: 0.1 })), running: [], plannedEpochs: 10, keptEpoch: null }];
    expect(chartAxes(long, chartRows(long, 'loss'), 'loss').x.at(-1)).toBeGreaterThanOrEqual(12);
  });
});
