import type { RunRecord } from '../../store/run-slice';

export type Metric = 'loss' | 'acc';

/** Epoch points drawn per series at most; longer runs draw every k-th epoch (and the last). */
export const MAX_EPOCH_POINTS = 100;

/** What a chart needs of a run. */
export type ChartSeries = Pick<RunRecord, 'id' | 'visible' | 'epochs' | 'running'>;

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
  for (const r of runs) {
    if (!r.visible) continue;
    const stride = Math.ceil(r.epochs.length / MAX_EPOCH_POINTS);
    for (let i = 0; i < r.epochs.length; i++) {
      if ((i + 1) % stride !== 0 && i !== r.epochs.length - 1) continue;
      const m = r.epochs[i];
      const train = metric === 'loss' ? m.trainLoss : m.trainAcc;
      const val = metric === 'loss' ? m.valLoss : m.valAcc;
      if (Number.isFinite(train)) at(m.epoch)[seriesKey('train', r.id)] = train;
      if (Number.isFinite(val)) at(m.epoch)[seriesKey('val', r.id)] = val;
    }
    if (metric === 'loss') for (const p of r.running) {
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
