import type { RunRecord } from '../../store/run-slice';

import type { EpochMetrics } from '../../train/run';

/** What a chart draws per epoch: the loss, the accuracy (classes), or R² (a regression). */
export type Metric = 'loss' | 'acc' | 'r2';

/** A metric's training and validation values of an epoch (NaN where it has none). */
export const metricValues: Record<Metric, (m: EpochMetrics) => [number, number]> = {
  loss: (m) => [m.trainLoss, m.valLoss],
  acc: (m) => [m.trainAcc, m.valAcc],
  r2: (m) => [m.trainR2 ?? NaN, m.valR2 ?? NaN],
};

/** Epoch points drawn per series at most; longer runs draw every k-th epoch (and the last). */
export const MAX_EPOCH_POINTS = 100;

/** What a chart needs of a run; `plannedEpochs` is the run's configured epoch count. */
export type ChartSeries = Pick<RunRecord, 'id' | 'visible' | 'epochs' | 'running'> & { plannedEpochs: number; keptEpoch?: number | null };

/**
 * Validation dots are drawn for runs of at most this many planned epochs: each dot is an SVG element
 * to redraw, and deciding by the plan, not the epochs done, keeps the prop fixed for the run (a
 * changed prop re-registers the line and redraws the chart from scratch mid-run).
 */
export const MAX_DOT_EPOCHS = 20;

export const drawsDots = (r: ChartSeries) => r.plannedEpochs <= MAX_DOT_EPOCHS;

/** One x position of a chart: values of every visible series that has a point there. */
export type ChartRow = { x: number } & Record<string, number>;

/** Series keys: `train-3`, `val-3`, `run-3` for run 3's per-epoch train and validation values and running values. */
export const seriesKey = (kind: 'train' | 'val' | 'run', id: number) => `${kind}-${id}`;

/**
 * Merges the visible runs' points into rows sorted by x (epochs, fractional inside an epoch), the
 * shape recharts wants for one shared tooltip. Per-epoch points sit at whole x; the running training
 * loss (loss chart only) in between. Bounded, so that a 200-epoch run redraws as fast as a short one:
 * at most MAX_EPOCH_POINTS epoch points and MAX_RUNNING_POINTS running points per run.
 */
export function chartRows(runs: ChartSeries[], metric: Metric): ChartRow[] {
  const rows = new Map<number, ChartRow>();
  const at = (x: number) => {
    let row = rows.get(x);
    if (!row) rows.set(x, (row = { x } as ChartRow));
    return row;
  };
  // An R² below the floor is drawn at it: recharts would stretch the axis to it, under fixed ticks.
  const floored = (v: number) => (metric === 'r2' ? Math.max(R2_AXIS_FLOOR, v) : v);
  for (const r of runs) {
    if (!r.visible) continue;
    // recharts draws a series' lone point as a dot, on a layer that it mounts for it and takes down
    // at the second point: two extra redraws of the chart. So a series without dots starts at its
    // second point (the metrics panel shows the first epoch's numbers meanwhile).
    const minPoints = drawsDots(r) ? 1 : 2;
    const epochs = r.epochs.length >= minPoints ? r.epochs : [];
    const running = r.running.length >= 2 ? r.running : [];
    const stride = Math.ceil(epochs.length / MAX_EPOCH_POINTS);
    for (let i = 0; i < epochs.length; i++) {
      if ((i + 1) % stride !== 0 && i !== epochs.length - 1) continue;
      const m = epochs[i];
      const [train, val] = metricValues[metric](m).map(floored);
      if (Number.isFinite(train)) at(m.epoch)[seriesKey('train', r.id)] = train;
      if (Number.isFinite(val)) at(m.epoch)[seriesKey('val', r.id)] = val;
    }
    if (metric === 'loss') for (const p of running) {
      if (Number.isFinite(p.loss)) at(p.x)[seriesKey('run', r.id)] = p.loss;
    }
  }
  return [...rows.values()].sort((a, b) => a.x - b.x);
}

/**
 * Round axis ticks from 0 (or a lower bound) to a bit above `max`: steps of 1, 2 or 5 × 10^k, about
 * `count` of them. Given to recharts explicitly, because its own "nice ticks" use decimal
 * arithmetic that cost a large share of each live redraw.
 */
export function niceTicks(min: number, max: number, count = 5): number[] {
  if (!(max > min)) max = min + 1;
  const raw = (max - min) / count;
  const power = 10 ** Math.floor(Math.log10(raw));
  const step = [1, 2, 5, 10].map((m) => m * power).find((s) => s >= raw)!;
  const start = Math.floor(min / step) * step;
  const ticks: number[] = [];
  for (let t = start; t < max + step - 1e-12; t += step) ticks.push(Number(t.toPrecision(12)));
  return ticks;
}

/** Whole-epoch ticks of an x axis from 0 to a bit past `lastEpoch`, about 10 of them at most. */
export function epochTicks(lastEpoch: number): number[] {
  return niceTicks(0, lastEpoch, Math.min(10, lastEpoch)).filter((t) => Number.isInteger(t));
}

/** The least span of the y axes: loss from 0 to this, accuracy from this to 1, R² from this to 1. */
export const LOSS_AXIS_TOP = 1;
export const ACC_AXIS_BOTTOM = 0.8;
export const R2_AXIS_BOTTOM = 0;
/** R² below this is drawn at it: a model worse than the mean by that much says all there is to say. */
export const R2_AXIS_FLOOR = -1;

/** Tick values of both axes; the first and last of each are its domain; the earlier runs left off it. */
export interface ChartAxes { x: number[]; y: number[]; offChart: { id: number; value: number }[] }

/**
 * An earlier run's loss above this many times the current run's largest (at least LOSS_OUTLIER_BASE) is left
 * off the y range: one run that blew up (ReLU at learning rate 10: losses near 130,000) must not flatten
 * every later run against the axis. Its values are named under the chart instead.
 */
export const LOSS_OUTLIER = 3;
/** The least "largest loss" the outlier test compares with (a run that has only just started). */
const LOSS_OUTLIER_BASE = 0.5;

/**
 * Axes for the visible runs. x spans the longest run's planned epochs from the start, so the
 * curve grows across a fixed axis and the axis itself does not change every epoch (in recharts an
 * axis change re-registers the axis and redraws everything). y covers what a reader needs: every
 * value of the current run, and the earlier runs' finite values that are not outliers against it
 * (loss above LOSS_OUTLIER times its largest; accuracy further below its lowest than three times its
 * distance from 100%); loss from 0 to its largest value (at least LOSS_AXIS_TOP), accuracy from its
 * smallest value (at most ACC_AXIS_BOTTOM) to 100%. On a log scale (loss) every value counts, and the
 * ticks are powers of ten.
 */
export function chartAxes(runs: ChartSeries[], rows: ChartRow[], metric: Metric, currentId: number | null = null, log = false): ChartAxes {
  const visible = runs.filter((r) => r.visible);
  const lastEpoch = Math.max(1, ...visible.map((r) => Math.max(r.plannedEpochs, r.epochs.length, Math.ceil(r.running.at(-1)?.x ?? 0))));
  const x = epochTicks(lastEpoch);
  const idOf = (key: string) => Number(key.slice(key.lastIndexOf('-') + 1));
  let curMin = Infinity, curMax = -Infinity;
  for (const row of rows) {
    for (const key in row) {
      if (key === 'x' || idOf(key) !== currentId) continue;
      curMin = Math.min(curMin, row[key]);
      curMax = Math.max(curMax, row[key]);
    }
  }
  const hasCurrent = curMax >= curMin;
  // The earlier runs' values kept in range.
  const inRange = (v: number) => {
    if (!hasCurrent || log) return true;
    return metric === 'loss' ? v <= LOSS_OUTLIER * Math.max(curMax, LOSS_OUTLIER_BASE) : v >= curMin - 3 * (1 - curMin);
  };
  let min = Infinity, max = -Infinity;
  const off = new Map<number, number>();
  for (const row of rows) {
    for (const key in row) {
      if (key === 'x') continue;
      const v = row[key], id = idOf(key);
      if (id !== currentId && !inRange(v)) {
        const worst = off.get(id);
        off.set(id, worst === undefined ? v : metric === 'loss' ? Math.max(worst, v) : Math.min(worst, v));
        continue;
      }
      min = Math.min(min, v);
      max = Math.max(max, v);
    }
  }
  const offChart = [...off].map(([id, value]) => ({ id, value })).sort((a, b) => a.id - b.id);
  if (metric === 'loss' && log) {
    const lo = Math.floor(Math.log10(Math.max(1e-6, Number.isFinite(min) ? Math.min(min, 0.1) : 0.1)));
    const hi = Math.ceil(Math.log10(Math.max(max, LOSS_AXIS_TOP)));
    return { x, y: Array.from({ length: hi - lo + 1 }, (_, i) => 10 ** (lo + i)), offChart };
  }
  // Loss spans at least 0..1 and accuracy at least 80..100%, the span drawn before any point: a
  // typical run's first points fall inside it, so its first redraw does not change the axis too.
  const y = metric === 'loss' ? niceTicks(0, Math.max(max, LOSS_AXIS_TOP))
    : metric === 'acc' ? niceTicks(Math.min(min, ACC_AXIS_BOTTOM), 1).filter((t) => t <= 1)
      : niceTicks(Math.max(R2_AXIS_FLOOR, Math.min(min, R2_AXIS_BOTTOM)), 1).filter((t) => t <= 1);
  return { x, y, offChart };
}
