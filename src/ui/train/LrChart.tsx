import { memo, useMemo } from 'react';
import { Line, LineChart, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import type { EpochMetrics } from '../../train/run';
import { MAX_EPOCH_POINTS, epochTicks, niceTicks } from './chart-data';
import { CHART_MARGIN, EPOCH_AXIS_LABEL, NO_ROWS, epochLabel } from './chart-props';

const fmt = (v: number) => (v === 0 ? '0' : v >= 0.01 ? String(Number(v.toPrecision(2))) : v.toExponential(0));
const tooltipFmt = (v: unknown) => Number(v).toPrecision(3);

/**
 * The learning rate each epoch of the current run trained at, as the worker reported it: the
 * schedule (constant, step, cosine, warm-up) and any rate changed by hand between epochs. Drawn as
 * steps, since the rate holds for a whole epoch (epoch e spans e − 1 to e). Per epoch only, so it redraws once an epoch.
 */
export const LrChart = memo(function LrChart({ epochs, plannedEpochs }: { epochs: EpochMetrics[]; plannedEpochs: number }) {
  const data = useMemo(() => {
    const stride = Math.ceil(epochs.length / MAX_EPOCH_POINTS);
    // Epoch e trains over x in [e − 1, e]: a step from its start, and one more point closes the last.
    const points = epochs.filter((_, i) => i % stride === 0 || i === epochs.length - 1).map((m) => ({ x: m.epoch - 1, lr: m.lr }));
    const last = epochs.at(-1);
    return last ? [...points, { x: last.epoch, lr: last.lr }] : points;
  }, [epochs]);
  const top = Math.max(0, ...data.map((d) => d.lr));
  const yTicks = useMemo(() => niceTicks(0, top > 0 ? top : 1, 3), [top]);
  const last = Math.max(1, plannedEpochs, epochs.length);
  const xTicks = useMemo(() => epochTicks(last), [last]);
  return (
    <figure className="metric-chart metric-chart--small" aria-label="Learning-rate chart">
      <figcaption>Learning rate per epoch</figcaption>
      <div className="metric-chart__plot">
        <ResponsiveContainer width="100%" height="100%">
          <LineChart data={data.length ? data : (NO_ROWS as typeof data)} margin={CHART_MARGIN}>
            <XAxis dataKey="x" type="number" domain={[0, xTicks.at(-1)!]} ticks={xTicks} interval={0} niceTicks="none" fontSize={11} label={EPOCH_AXIS_LABEL} />
            <YAxis type="number" domain={[0, yTicks.at(-1)!]} ticks={yTicks} interval={0} niceTicks="none" tickFormatter={fmt} width={52} fontSize={11} />
            <Tooltip formatter={tooltipFmt} labelFormatter={epochLabel} isAnimationActive={false} />
            <Line dataKey="lr" name="learning rate" type="stepAfter" stroke="#16a34a" strokeWidth={2} dot={false} isAnimationActive={false} />
          </LineChart>
        </ResponsiveContainer>
      </div>
      {epochs.length > 0 && <table className="visually-hidden" aria-label="Learning-rate chart data">
        <thead><tr><th>epoch</th><th>learning rate</th></tr></thead>
        <tbody>{epochs.map((m) => <tr key={m.epoch}><td>{m.epoch}</td><td>{m.lr}</td></tr>)}</tbody>
      </table>}
    </figure>
  );
});
