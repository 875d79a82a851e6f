import { MoreButton } from './MoreButton';
import { memo, useId, useMemo, useState } from 'react';
import { CartesianGrid, ReferenceLine, ResponsiveContainer, Scatter, ScatterChart, Tooltip, XAxis, YAxis } from 'recharts';
import { GALLERY_PAGE } from '../../store/gallery';
import { residualOrder } from '../../store/residual-order';
import { currentSchema } from '../../store/schema-view';
import { useStore } from '../../store/store';
import type { RegressionAnalysis, Residuals as ResidualRows } from '../../worker/protocol';
import { formatCount } from '../format';
import { niceTicks } from '../train/chart-data';
import { useThrottled } from '../use-throttled';

/** A value in the target's units: four significant digits, whole numbers from 10,000 on. */
export function formatValue(v: number): string {
  if (!Number.isFinite(v)) return '–';
  return Math.abs(v) >= 1e4 ? formatCount(Math.round(v)) : String(Number(v.toPrecision(4)));
}

/**
 * A regression's errors on the held-out rows: predicted against true values with the identity line,
 * and the rows of largest (or smallest) absolute error as a table, each with its cells as the file
 * wrote them. The same ranking switch as the classes' gallery.
 */
export const Residuals = memo(function Residuals({ analysis }: { analysis: RegressionAnalysis }) {
  const schema = useStore(currentSchema);
  const order = useStore((s) => s.gallery.order);
  const setGallery = useStore((s) => s.setGallery);
  // The scatter and the table redraw in frames of their own.
  const sample = useThrottled(analysis.residuals.sample, 0);
  const id = useId();
  const target = schema?.target.column ?? 'target';
  const columns = schema?.layout === 'table' ? schema.columns.map((c) => c.name) : null;
  const held = analysis.heldOut;
  return (
    <div className="residuals">
      <p className="hint">{held
        ? `The loaded model on the ${formatCount(held.rows)} held-out rows: R² ${held.r2.toFixed(3)}, RMSE ${formatValue(held.rmse)}, MAE ${formatValue(held.mae)}.`
        : `After epoch ${analysis.epoch}.`}</p>
      <div className="residuals__grid">
        <PredictedVsTrue sample={sample} total={analysis.residuals.total} target={target} />
        <div>
          <div role="radiogroup" aria-label="Order" className="radio-row">
            <label><input type="radio" name={`${id}-order`} checked={order === 'highest'} onChange={() => setGallery({ order: 'highest' })} /> Highest error</label>
            <label><input type="radio" name={`${id}-order`} checked={order === 'lowest'} onChange={() => setGallery({ order: 'lowest' })} /> Lowest error</label>
          </div>
          <WorstErrors key={order} residuals={analysis.residuals} order={order} target={target} columns={columns} idColumn={schema?.idColumn ?? null} />
        </div>
      </div>
    </div>
  );
});

const POINT = '#2563eb';
const MARGIN = { top: 8, right: 16, bottom: 28, left: 8 };

/**
 * The held-out rows' predicted values against their true values (a bounded sample), both in the
 * target's units, on the same scale, with the line y = x where a prediction is exact.
 */
function PredictedVsTrue({ sample, total, target }: { sample: ResidualRows['sample']; total: number; target: string }) {
  const { points, ticks } = useMemo(() => {
    const n = sample.trueValues.length;
    let lo = Infinity, hi = -Infinity;
    const pts = new Array<{ x: number; y: number }>(n);
    for (let i = 0; i < n; i++) {
      const x = sample.trueValues[i], y = sample.predicted[i];
      pts[i] = { x, y };
      lo = Math.min(lo, x, y);
      hi = Math.max(hi, x, y);
    }
    return { points: pts, ticks: n ? niceTicks(lo, hi, 6) : [0, 1] };
  }, [sample]);
  const domain: [number, number] = [ticks[0], ticks.at(-1)!];
  const shown = sample.trueValues.length;
  return (
    <figure className="scatter" aria-label="Predicted vs true">
      <figcaption>
        Predicted against true {target} on {shown < total ? `${formatCount(shown)} of the ${formatCount(total)}` : `the ${formatCount(total)}`} held-out rows.
        A point on the diagonal is exact; above it, the model predicts too high.
      </figcaption>
      <div className="scatter__plot">
        <ResponsiveContainer width="100%" height="100%">
          <ScatterChart margin={MARGIN}>
            <CartesianGrid stroke="#e5e7eb" />
            <XAxis type="number" dataKey="x" name={`true ${target}`} domain={domain} ticks={ticks} interval={0} tickFormatter={formatValue} fontSize={11}
              label={{ value: `true ${target}`, position: 'insideBottom', offset: -14, fontSize: 12 }} />
            <YAxis type="number" dataKey="y" name={`predicted ${target}`} domain={domain} ticks={ticks} interval={0} tickFormatter={formatValue} fontSize={11} width={56}
              label={{ value: `predicted ${target}`, angle: -90, position: 'insideLeft', offset: 4, fontSize: 12, style: { textAnchor: 'middle' } }} />
            <Tooltip formatter={(v: unknown) => formatValue(Number(v))} isAnimationActive={false} cursor={{ strokeDasharray: '3 3' }} />
            <ReferenceLine segment={[{ x: domain[0], y: domain[0] }, { x: domain[1], y: domain[1] }]} stroke="#16a34a" strokeWidth={1.5} strokeDasharray="5 4" ifOverflow="hidden" />
            <Scatter data={points} fill={POINT} fillOpacity={0.55} isAnimationActive={false} shape="circle" legendType="none" />
          </ScatterChart>
        </ResponsiveContainer>
      </div>
      <p className="chart-legend" aria-hidden="true">
        <span><i style={{ background: POINT, opacity: 0.55, height: 8, width: 8, borderRadius: '50%' }} /> a held-out row</span>
        <span><i style={{ background: '#16a34a', height: 1 }} /> predicted = true</span>
      </p>
    </figure>
  );
}

/**
 * The held-out rows by absolute error, 24 at a time: the row (or its ID), true and predicted values
 * and the error in the target's units, then the row's cells as the file wrote them.
 */
function WorstErrors({ residuals, order, target, columns, idColumn }: {
  residuals: ResidualRows; order: 'highest' | 'lowest'; target: string; columns: string[] | null; idColumn: string | null;
}) {
  const [shown, setShown] = useState(GALLERY_PAGE);
  const ranked = residualOrder(residuals, order);
  const items = ranked.slice(0, shown);
  const idAt = idColumn && columns ? columns.indexOf(idColumn) : -1;
  const kept = residuals.total > residuals.rows.length ? ` (the ${formatCount(residuals.rows.length)} of largest and smallest error are kept)` : '';
  return (
    <section className="gallery gallery--rows" aria-label="Prediction errors">
      <p className="gallery__count">
        {formatCount(items.length)} shown of {formatCount(residuals.total)} held-out rows{kept}, {order === 'highest' ? 'largest absolute error first' : 'smallest absolute error first'}.
      </p>
      <div className="table-scroll" tabIndex={0} role="region" aria-label="Prediction errors, scrollable">
        <table>
          <caption className="visually-hidden">Held-out rows by absolute error in {target}, with their cells as the file wrote them</caption>
          <thead>
            <tr>
              <th scope="col">{idAt >= 0 ? idColumn : 'row'}</th><th scope="col">true</th><th scope="col">predicted</th><th scope="col">absolute error</th>
              {columns?.map((c, k) => k !== idAt && <th key={c} scope="col">{c}</th>)}
            </tr>
          </thead>
          <tbody>
            {items.map((i, position) => (
              <tr key={position}>
                <th scope="row">{idAt >= 0 ? residuals.cells![i][idAt] : residuals.rows[i] + 1}</th>
                <td>{formatValue(residuals.trueValues[i])}</td>
                <td>{formatValue(residuals.predicted[i])}</td>
                <td className="residuals__error">{formatValue(residuals.errors[i])}</td>
                {residuals.cells?.[i].map((v, k) => k !== idAt && <td key={k}>{v === '' ? '–' : v}</td>)}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <MoreButton shown={shown} total={ranked.length} onMore={() => setShown((k) => k + GALLERY_PAGE)} />
    </section>
  );
}
