import { ExplainButton } from '../ExplainButton';
import type { ExplainTopic } from '../../train/explanations';
import { memo, useCallback, useMemo, useState } from 'react';
import { Line, LineChart, ReferenceLine, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import { formatPercent } from '../format';
import { type ChartSeries, type Metric, chartAxes, chartRows, drawsDots, metricValues, seriesKey } from './chart-data';
import { CHART_MARGIN, EPOCH_AXIS_LABEL, NO_ROWS, epochLabel } from './chart-props';

const TRAIN = '#2563eb';
const VAL = '#ea580c';
// Props recharts compares by reference: constants (chart-props.ts), so a data update does not also
// re-register every axis and line setting in recharts' store. Lines are drawn in place (zIndex 0), not
// through recharts' z-index portals, whose layers mount with a line's first point and cost a redraw each.
const DOT = { r: 2.5 };
/** Early stopping's mark on the x axis: the epoch whose weights the model holds. */
const KEPT_LABEL = { value: 'kept', position: 'insideTopRight' as const, fontSize: 10, fill: '#16a34a' };
const TITLES: Record<Metric, string> = { loss: 'Loss chart', acc: 'Accuracy chart', r2: 'R² chart' };
const TOPICS: Record<Metric, ExplainTopic> = { loss: 'loss', acc: 'accuracy', r2: 'r2' };
const CAPTIONS: Record<Metric, string> = { loss: 'Loss (cross-entropy, or half the squared error)', acc: 'Accuracy', r2: 'R² (1 is perfect, 0 no better than the mean)' };

/**
 * Loss or accuracy per epoch for every visible run: train (blue) and validation (orange) at each
 * epoch's end, and the running training value inside epochs (thin). Earlier runs are dimmed. No
 * animation, so live updates cost one render, and a plain HTML legend: recharts' own Legend measures
 * itself and redraws the chart, which made every epoch's update a 50-150 ms task. A hidden table
 * gives the same numbers to screen readers.
 */
export const MetricChart = memo(function MetricChart({ runs, currentId, metric }: { runs: ChartSeries[]; currentId: number | null; metric: Metric }) {
  const title = TITLES[metric];
  const rows = chartRows(runs, metric);
  // No data yet: NO_ROWS keeps the axes drawn from the start, before a heavy first redraw.
  const data = rows.length > 0 ? rows : NO_ROWS;
  const fmt = useCallback((v: number) => (metric === 'acc' ? formatPercent(v, 1) : v.toFixed(metric === 'r2' ? 2 : 3)), [metric]);
  const cell = (v: number) => (!Number.isFinite(v) ? '–' : metric === 'acc' ? formatPercent(v, 2) : v.toFixed(4));
  const tooltipFmt = useCallback((v: unknown) => fmt(Number(v)), [fmt]);
  const current = runs.find((r) => r.id === currentId);
  const [log, setLog] = useState(false);
  const logScale = metric === 'loss' && log;
  const axes = chartAxes(runs, rows, metric, currentId, logScale);
  const yTicks = useSameArray(axes.y);
  const xTicks = useSameArray(axes.x);
  const xDomain = useMemo(() => [0, xTicks.at(-1)!], [xTicks]);
  const yDomain = useMemo(() => [yTicks[0], yTicks.at(-1)!], [yTicks]);
  return (
    <figure className="metric-chart" aria-label={title}>
      <figcaption>{CAPTIONS[metric]} per epoch <ExplainButton topic={TOPICS[metric]} /></figcaption>
      <div className="metric-chart__plot">
        <ResponsiveContainer width="100%" height="100%">
          <LineChart data={data} margin={CHART_MARGIN}>

            <XAxis dataKey="x" type="number" domain={xDomain} ticks={xTicks} interval={0} niceTicks="none" fontSize={11} label={EPOCH_AXIS_LABEL} />
            <YAxis type="number" scale={logScale ? 'log' : 'auto'} domain={yDomain} ticks={yTicks} interval={0} niceTicks="none" tickFormatter={logScale ? logTick : fmt} width={52} fontSize={11} allowDataOverflow />
            <Tooltip formatter={tooltipFmt} labelFormatter={epochLabel} isAnimationActive={false} />
            {current?.keptEpoch && <ReferenceLine x={current.keptEpoch} stroke="#16a34a" strokeDasharray="4 3" label={KEPT_LABEL} />}
            {runs.filter((r) => r.visible).map((r) => {
              const dim = r.id !== currentId;
              const name = (kind: string) => `${kind} (run ${r.id})`;
              return [
                metric === 'loss' && <Line key={seriesKey('run', r.id)} dataKey={seriesKey('run', r.id)} name={name('running train')} stroke={TRAIN} strokeOpacity={dim ? 0.15 : 0.35} strokeWidth={1} dot={false} connectNulls isAnimationActive={false} zIndex={0} legendType="none" />,
                <Line key={seriesKey('train', r.id)} dataKey={seriesKey('train', r.id)} name={name('train')} stroke={TRAIN} strokeOpacity={dim ? 0.3 : 1} strokeWidth={2} dot={false} connectNulls isAnimationActive={false} zIndex={0} />,
                <Line key={seriesKey('val', r.id)} dataKey={seriesKey('val', r.id)} name={name('validation')} stroke={VAL} strokeOpacity={dim ? 0.3 : 1} strokeWidth={2} dot={!dim && drawsDots(r) ? DOT : false} connectNulls isAnimationActive={false} zIndex={0} />,
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
        {current?.keptEpoch && <span><i style={{ background: '#16a34a', height: 1 }} /> epoch {current.keptEpoch}, kept by early stopping</span>}
      </p>
      {axes.offChart.length > 0 && (
        <p className="hint chart-off" role="note">
          Off the chart, so that the current run fills it: {axes.offChart.map((o) => `run ${o.id} (${metric === 'loss' ? 'up to' : 'down to'} ${offText(o.value, metric)})`).join(', ')}.
          {metric === 'loss' && !logScale && ' A log scale shows every run.'}
        </p>
      )}
      {metric === 'loss' && (
        <label className="checkbox chart-log">
          <input type="checkbox" checked={log} onChange={(e) => setLog(e.currentTarget.checked)} /> Log scale
        </label>
      )}
      {/* no table without a row: screen readers would announce an empty table */}
      {current && current.epochs.length > 0 && <table className="visually-hidden" aria-label={`${title} data`}>
        <thead><tr><th>epoch</th><th>train</th><th>validation</th></tr></thead>
        <tbody>
          {current.epochs.map((m) => (
            <tr key={m.epoch}>
              <td>{m.epoch}</td>
              <td>{cell(metricValues[metric](m)[0])}</td>
              <td>{cell(metricValues[metric](m)[1])}</td>
            </tr>
          ))}
        </tbody>
      </table>}
    </figure>
  );
});

/** A power of ten on a log axis: 0.01, 0.1, 1, 10, 1,000, 1e+5 … */
const logTick = (v: number) => (v >= 1e4 || v < 1e-3 ? v.toExponential(0) : v.toLocaleString('en-US', { maximumSignificantDigits: 3 }));

/** A value left off the chart, as a reader would say it. */
const offText = (v: number, metric: Metric) => (metric === 'acc' ? formatPercent(v, 1) : Math.abs(v) >= 1000 ? Math.round(v).toLocaleString('en-US') : v.toPrecision(3));

/** `next`, or the array returned last time if it holds the same numbers: axis settings keep their identity. */
function useSameArray(next: number[]): number[] {
  const key = next.join(' ');
  return useMemo(() => key.split(' ').map(Number), [key]);
}
