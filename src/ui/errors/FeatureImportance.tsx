import { memo, useId, useMemo, useState } from 'react';
import { currentSchema } from '../../store/schema-view';
import { useStore } from '../../store/store';
import type { FeatureImportance as Importance } from '../../worker/protocol';
import { RgbaCanvas } from '../DigitCanvas';
import { weightRgba } from '../digit-image';
import { formatCount } from '../format';

/** Bars shown before "Show all". */
const TOP_BARS = 20;
/** Pixels listed beside the map. */
const TOP_PIXELS = 10;

/** A drop in the score's own terms: accuracy in percentage points (two decimals below 1), R² as a number. */
const formatDrop = (r: Importance, drop: number) => (!Number.isFinite(drop) ? '–' : drop === 0 ? (r.metric === 'accuracy' ? '0 pp' : '0')
  : r.metric === 'accuracy' ? `${(drop * 100).toFixed(Math.abs(drop) < 0.01 ? 2 : 1)} pp` : drop.toFixed(3));

/** What the numbers are, in one sentence: the metric, the seed and the rows. */
function describe(r: Importance): string {
  const metric = r.metric === 'accuracy' ? 'held-out accuracy (in percentage points, pp)' : 'held-out R²';
  const rows = r.rows < r.heldOut ? `${formatCount(r.rows)} of the ${formatCount(r.heldOut)} held-out rows` : `${formatCount(r.rows)} held-out rows`;
  const base = r.metric === 'accuracy' ? `${(r.base * 100).toFixed(1)}%` : r.base.toFixed(3);
  return `Drop in ${metric} when the column is shuffled, seed ${r.seed}, ${rows}; unshuffled ${base}${r.epoch ? ` after epoch ${r.epoch}` : ''}.`;
}

/**
 * Permutation feature importance of the current model, as the worker measured it after a run or on
 * demand: sorted signed bars per column (a table, so screen readers get the same numbers), or for
 * images a map of the drop per pixel with the most important pixels listed.
 */
export function FeatureImportance() {
  const state = useStore((s) => s.importance);
  const compute = useStore((s) => s.computeImportance);
  const hasModel = useStore((s) => currentSchema(s) !== null);
  const headingId = useId();
  if (!hasModel && !state.result) return null;
  const percent = Math.floor(state.progress * 100);
  return (
    <div className="importance" aria-labelledby={headingId} role="group">
      <h3 id={headingId}>Feature importance</h3>
      <p className="hint">
        How much the model relies on each column: the held-out rows are scored again with that one column shuffled
        across them, which breaks its link to the target. Measured when a run ends, or now.
      </p>
      <div className="importance__actions">
        <button type="button" className="secondary small" onClick={compute} disabled={state.computing}>Compute feature importance</button>
        {state.computing && (
          <span className="importance__progress">
            <progress aria-label="Computing feature importance" max={100} value={percent} />
            <span>computing… {percent}%</span>
          </span>
        )}
      </div>
      {state.message && <p className="importance__message" role="status">{state.message}</p>}
      {state.result && (state.result.map ? <PixelMap result={state.result} /> : <ImportanceBars result={state.result} />)}
    </div>
  );
}

/** Sorted signed bars, one row a column named as in the file, as a table. */
const ImportanceBars = memo(function ImportanceBars({ result }: { result: Importance }) {
  const [all, setAll] = useState(false);
  const features = all ? result.features : result.features.slice(0, TOP_BARS);
  const { lo, span } = useMemo(() => {
    let min = 0, max = 0;
    for (const f of result.features) if (Number.isFinite(f.drop)) { min = Math.min(min, f.drop); max = Math.max(max, f.drop); }
    return { lo: min, span: max - min || 1 };
  }, [result]);
  return (
    <figure className="importance__figure" aria-label="Feature importance">
      <figcaption>{describe(result)}</figcaption>
      <table className="importance__bars">
        <caption className="visually-hidden">Feature importance: drop in the score per column, largest first</caption>
        <thead className="visually-hidden">
          <tr><th scope="col">column</th><th scope="col">bar</th><th scope="col">drop</th></tr>
        </thead>
        <tbody>
          {features.map((f) => {
            const v = Number.isFinite(f.drop) ? f.drop : 0;
            return (
              <tr key={f.name}>
                <th scope="row">{f.name}</th>
                <td className="importance__track" aria-hidden="true">
                  {lo < 0 && <i className="importance__zero" style={{ left: `${(-lo / span) * 100}%` }} />}
                  <span className={v < 0 ? 'importance__bar importance__bar--negative' : 'importance__bar'}
                    style={{ left: `${((Math.min(v, 0) - lo) / span) * 100}%`, width: `${(Math.abs(v) / span) * 100}%` }} />
                </td>
                <td className="importance__value">{formatDrop(result, f.drop)}</td>
              </tr>
            );
          })}
        </tbody>
      </table>
      {result.features.length > TOP_BARS && (
        <button type="button" className="secondary small" onClick={() => setAll((a) => !a)}>
          {all ? `Show the top ${TOP_BARS}` : `Show all ${formatCount(result.features.length)} columns`}
        </button>
      )}
    </figure>
  );
});

/**
 * For images: the drop of every pixel as a side × side map (red: shuffling it costs accuracy, blue:
 * it helps by chance), with a text alternative and the most important pixels as a table.
 */
const PixelMap = memo(function PixelMap({ result }: { result: Importance }) {
  const side = result.side, map = result.map!;
  const rgba = useMemo(() => weightRgba(map, 0, map.length), [map]);
  const top = result.features.slice(0, TOP_PIXELS);
  const { alt, idle } = useMemo(() => pixelSummary(result), [result]);
  const where = (p: number) => `row ${Math.floor(p / side) + 1}, column ${(p % side) + 1}`;
  return (
    <figure className="importance__figure" aria-label="Feature importance">
      <figcaption>{describe(result)}</figcaption>
      <div className="importance__map">
        <div>
          <RgbaCanvas rgba={rgba} label={alt} size={Math.max(168, side * 7)} />
          <p className="chart-legend" aria-hidden="true">
            <span><i style={{ background: '#dc2626', height: 8 }} /> shuffling costs accuracy</span>
            <span><i style={{ background: '#2563eb', height: 8 }} /> helps, by chance</span>
          </p>
          <p className="hint importance__note">
            {formatCount(idle)} of {formatCount(side * side)} pixels change nothing when shuffled. One pixel alone moves few
            predictions, as its neighbours carry the same ink: one row of {formatCount(result.rows)} is {formatDrop(result, 1 / result.rows)}, so the faintest tints are chance.
          </p>
        </div>
        <table className="importance__pixels">
          <caption>The {top.length} most important pixels</caption>
          <thead><tr><th scope="col">pixel</th><th scope="col">where</th><th scope="col">drop</th></tr></thead>
          <tbody>
            {top.map((f) => (
              <tr key={f.name}><th scope="row">{f.name}</th><td>{where(f.input)}</td><td className="importance__value">{formatDrop(result, f.drop)}</td></tr>
            ))}
          </tbody>
        </table>
      </div>
    </figure>
  );
});

/** The map in words: where the important pixels lie (their drop-weighted centre) and how many matter at all. */
function pixelSummary(r: Importance): { alt: string; idle: number } {
  const side = r.side, map = r.map!;
  let sum = 0, row = 0, col = 0, idle = 0, positive = 0;
  for (let p = 0; p < map.length; p++) {
    const v = map[p];
    if (v === 0) idle++;
    if (v > 0) {
      positive++;
      sum += v;
      row += v * Math.floor(p / side);
      col += v * (p % side);
    }
  }
  const centre = sum > 0 ? `centred on row ${Math.round(row / sum) + 1}, column ${Math.round(col / sum) + 1}` : 'none of them';
  return { alt: `Pixel importance map, ${side}x${side}: ${positive} pixels cost accuracy when shuffled, ${centre}.`, idle };
}
