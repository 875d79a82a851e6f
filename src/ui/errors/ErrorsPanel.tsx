import { ExplainButton } from '../ExplainButton';
import { memo, useId, useRef } from 'react';
import type { ClassificationAnalysis } from '../../worker/protocol';
import { useStore } from '../../store/store';
import { useThrottled } from '../use-throttled';
import { formatCount, formatPercent } from '../format';
import { ConfusionMatrix } from './ConfusionMatrix';
import { Gallery } from './Gallery';
import { WeightGrid } from './WeightGrid';
import { Residuals } from './Residuals';
import { FeatureImportance } from './FeatureImportance';
import { WhyThisDigit } from '../explain/WhyThisDigit';
import { ExplainRows } from '../explain/ExplainRows';
import { className, currentSchema, readsImages } from '../../store/schema-view';

/** Where the model goes wrong, refreshed after every epoch of the current run. */
export function ErrorsPanel() {
  // Each epoch's analysis is drawn in three frames of its own (gallery, then matrix, then weights),
  // never inside the worker message's handler, so that no redraw stalls the page while training.
  const analysis = useThrottled(useStore((s) => s.analysis), 0);
  return (
    <>
      {analysis?.task === 'regression' ? <Residuals analysis={analysis} /> : <ErrorsView analysis={analysis} />}
      <ExplainRows />
      <FeatureImportance />
    </>
  );
}

/**
 * The panel for one delivered analysis. Memoized: a new analysis re-renders ErrorsPanel inside the
 * worker message's handler (store updates render synchronously), and without this the gallery's 24
 * items and the matrix re-rendered there too, still showing the previous epoch.
 */
const ErrorsView = memo(function ErrorsView({ analysis }: { analysis: ClassificationAnalysis | null }) {
  const confusion = useThrottled(analysis?.confusion ?? null, 0);
  const weights = useThrottled(analysis?.weights ?? null, 0);
  const filter = useStore((s) => s.gallery);
  const setGallery = useStore((s) => s.setGallery);
  const schema = useStore(currentSchema);
  const showImages = useStore((s) => s.showImages);
  const id = useId();
  const trueClassRef = useRef<HTMLSelectElement>(null);
  if (!analysis) {
    return <p className="empty">{schema?.target.task === 'regression'
      ? 'Train a model: after each epoch its errors on the held-out rows show here, predicted against true values.'
      : 'Train a model: after each epoch its mistakes on the held-out rows show here.'}</p>;
  }
  const names = (k: number) => className(schema, k);
  const asImages = readsImages(schema, showImages);
  const columns = schema?.layout === 'table' ? schema.columns.map((c) => c.name) : null;
  const classOptions = [<option key="any" value="">any</option>, ...analysis.classTotals.map((_, k) => <option key={k} value={k}>{names(k)}</option>)];
  const pick = (v: string) => (v === '' ? null : Number(v));
  return (
    <div className="errors-panel">
      <p className="hint">{analysis.heldOut
        ? `The loaded model on the ${formatCount(analysis.heldOut.rows)} held-out rows: ${formatPercent(analysis.heldOut.accuracy, 2)} accuracy, loss ${analysis.heldOut.loss.toFixed(4)}.`
        : `After epoch ${analysis.epoch}.`}</p>
      <div className="errors-panel__controls">
        <div role="radiogroup" aria-label="Order" className="radio-row">
          <label><input type="radio" name={`${id}-order`} checked={filter.order === 'highest'} onChange={() => setGallery({ order: 'highest' })} /> Highest loss</label>
          <label><input type="radio" name={`${id}-order`} checked={filter.order === 'lowest'} onChange={() => setGallery({ order: 'lowest' })} /> Lowest loss</label>
        </div>
        <label>True class <select ref={trueClassRef} value={filter.trueClass ?? ''} onChange={(e) => setGallery({ trueClass: pick(e.currentTarget.value) })}>{classOptions}</select></label>
        <label>Predicted class <select value={filter.predicted ?? ''} onChange={(e) => setGallery({ predicted: pick(e.currentTarget.value) })}>{classOptions}</select></label>
        {(filter.trueClass !== null || filter.predicted !== null) && (
          <button type="button" className="secondary small" onClick={() => {
            setGallery({ trueClass: null, predicted: null });
            trueClassRef.current?.focus(); // the button goes away: keep the keyboard's place in the filters
          }}>Show all classes</button>
        )}
      </div>
      <div className="errors-panel__grid">
        <Gallery key={`${filter.order}-${filter.trueClass}-${filter.predicted}`} errors={analysis.errors} filter={filter} names={names} columns={columns} asImages={asImages} />
        {confusion && (
          <div className="errors-panel__matrix">
            {/* Beside the matrix, not in it: its buttons are its cells. */}
            <ExplainButton topic="confusionMatrix" />
            <ConfusionMatrix confusion={confusion} classes={analysis.confusionClasses} names={names} totals={{ rows: analysis.classTotals, right: analysis.classRight }}
              selected={filter} onSelect={(t, p) => setGallery({ trueClass: t, predicted: p })} />
          </div>
        )}
      </div>
      <WhyThisDigit source="gallery" />
      {weights && weights.units > 0 && asImages && <WeightGrid units={weights.units} values={weights.values} side={weights.side} />}
    </div>
  );
});
