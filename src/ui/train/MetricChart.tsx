import { memo } from 'react';
import { Line, LineChart, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import { formatPercent } from '../format';
import { type ChartSeries, type Metric, chartRows, niceTicks, seriesKey } from './chart-data';

const TRAIN = '#2563eb';
/** Validation dots are drawn while a run has at most this many epochs; each dot is an SVG element to redraw. */
const MAX_DOTS = 20;
const VAL = '#ea580c';

/**
 * Loss or accuracy per epoch for every visible run: train (blue) and validation (orange) at each
 * epoch's end, and the running training value inside epochs (thin). Earlier runs are dimmed. No
 * animation, so live updates cost one render, and a plain HTML legend: recharts' own Legend measures
 * itself and redraws the chart, which made every epoch's update a 50-150 ms task. A hidden table
 * gives the same numbers to screen readers.
 */
export const MetricChart = memo(function MetricChart({ runs, currentId, metric }: { runs: ChartSeries[]; currentId: number | null; metric: Metric }) {
  const title = metric === 'loss' ? 'Loss chart' : 'Accuracy chart';
  const data = chartRows(runs, metric);
  const fmt = (v: number) => (metric === 'loss' ? v.toFixed(3) : formatPercent(v, 1));
  const maxEpochs = Math.max(1, ...runs.filter((r) => r.visible).map((r) => Math.ceil(Math.max(r.epochs.length, r.running.at(-1)?.x ?? 0)) + 1));
  const current = runs.find((r) => r.id === currentId);
  const values = data.flatMap((row) => Object.entries(row).filter(([k]) => k !== 'x').map(([, v]) => v));
  const yTicks = metric === 'loss'
    ? niceTicks(0, values.length ? Math.max(...values) : 1)
    : niceTicks(values.length ? Math.min(...values) : 0.8, 1).filter((t) => t <= 1);
  const xTicks = niceTicks(0, maxEpochs, Math.min(10, maxEpochs)).filter((t) => Number.isInteger(t));
  return (
    <figure className="metric-chart" aria-label={title}>
      <figcaption>{metric === 'loss' ? 'Cross-entropy loss' : 'Accuracy'} per epoch</figcaption>
      <div className="metric-chart__plot">
        <ResponsiveContainer width="100%" height={220}>
          <LineChart data={data} margin={{ top: 6, right: 12, bottom: 4, left: 0 }}>

            <XAxis dataKey="x" type="number" domain={[0, xTicks.at(-1)!]} ticks={xTicks} interval={0} fontSize={11} label={{ value: 'epoch', position: 'insideBottomRight', offset: -2, fontSize: 11 }} />
            <YAxis type="number" domain={[yTicks[0], yTicks.at(-1)!]} ticks={yTicks} interval={0} tickFormatter={fmt} width={52} fontSize={11} />
            <Tooltip formatter={(v) => fmt(Number(v))} labelFormatter={(x) => `epoch ${Number(x).toFixed(2).replace(/\.00$/, '')}`} isAnimationActive={false} />
            {runs.filter((r) => r.visible).map((r) => {
              const dim = r.id !== currentId;
              const name = (kind: string) => `${kind} (run ${r.id})`;
              return [
                metric === 'loss' && <Line key={seriesKey('run', r.id)} dataKey={seriesKey('run', r.id)} name={name('running train')} stroke={TRAIN} strokeOpacity={dim ? 0.15 : 0.35} strokeWidth={1} dot={false} connectNulls isAnimationActive={false} legendType="none" />,
                <Line key={seriesKey('train', r.id)} dataKey={seriesKey('train', r.id)} name={name('train')} stroke={TRAIN} strokeOpacity={dim ? 0.3 : 1} strokeWidth={2} dot={false} connectNulls isAnimationActive={false} />,
                <Line key={seriesKey('val', r.id)} dataKey={seriesKey('val', r.id)} name={name('validation')} stroke={VAL} strokeOpacity={dim ? 0.3 : 1} strokeWidth={2} dot={r.epochs.length <= MAX_DOTS && !dim ? { r: 2.5 } : false} connectNulls isAnimationActive={false} />,
              ];
            })}
          </LineChart>
        </ResponsiveContainer>
      </div>
      <p className="chart-legend" aria-hidden="true">
        <span><i style={{ background: TRAIN }} /> train</span>
        <span><i style={{ background: VAL }} /> validation</span>
        {metric === 'loss' && <span><i style={{ background: TRAIN, opacity: 0.35, height: 1 }} /> running train, inside epochs</span>}
        {runs.filter((r) => r.visible).length > 1 && <span>faded: earlier runs</span>}
      </p>
      <table className="visually-hidden" aria-label={`${title} data`}>
        <thead><tr><th>epoch</th><th>train</th><th>validation</th></tr></thead>
        <tbody>
          {current?.epochs.map((m) => (
            <tr key={m.epoch}>
              <td>{m.epoch}</td>
              <td>{metric === 'loss' ? m.trainLoss.toFixed(4) : formatPercent(m.trainAcc, 2)}</td>
              <td>{metric === 'loss' ? m.valLoss.toFixed(4) : formatPercent(m.valAcc, 2)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </figure>
  );
});
