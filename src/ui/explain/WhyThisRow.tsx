import { useEffect, useRef } from 'react';
import { useStore } from '../../store/store';
import type { FeatureContribution, RowExplanation } from '../../worker/protocol';
import { formatPercent } from '../format';
import { className, currentSchema } from '../../store/schema-view';

/**
 * Why this row? The worker's explanation of the row last asked about (a gallery row or a typed one):
 * each feature's contribution to the score, by gradient × input and by integrated gradients from the
 * medians row, as signed bars in a table sorted by |integrated gradients|, and the check that the
 * integrated gradients add up to the change in score. Shown only for the model the page shows.
 */
export function WhyThisRow() {
  const { result, message, source, pending } = useStore((s) => s.rowExplanation);
  const shownRun = useStore((s) => s.training.currentId ?? 0);
  const ref = useRef<HTMLElement>(null);
  const ex = result && result.runId === shownRun ? result : null;
  // A gallery row's button sits far above: bring the answer into view, without taking the focus.
  useEffect(() => {
    if (ex) ref.current?.scrollIntoView?.({ block: 'nearest' });
  }, [ex]);
  const failed = source === 'gallery' && message;
  if (!ex && !failed) return null;
  return (
    <section ref={ref} className="why why-row" aria-label="Why this row?" aria-busy={pending}>
      {failed && <p role="alert" className="field-error">{message}</p>}
      {ex && <Explained ex={ex} />}
    </section>
  );
}

function Explained({ ex }: { ex: RowExplanation }) {
  const schema = useStore(currentSchema); // the model's: WhyThisRow shows only the shown model's answer
  const predictedClass = className(schema, ex.predicted);
  const regression = ex.task === 'regression';
  const predicted = regression ? `${ex.target} ${number(ex.value)}` : `${predictedClass} (${formatPercent(ex.probs[ex.predicted], 1)})`;
  const truth = ex.truth === null ? '' : `, true ${ex.truth}`;
  const which = ex.fileRow === null ? 'The row you typed' : `Row ${ex.fileRow + 1} of the training file`;
  const model = ex.epoch > 0 ? `the model after epoch ${ex.epoch}` : 'the loaded model';
  const score = regression ? `the predicted ${ex.target}` : `the logit of ${predictedClass} (its score before the softmax)`;
  const features = [...ex.features].sort((a, b) => Math.abs(b.integratedGradients) - Math.abs(a.integratedGradients) || Math.abs(b.gradientTimesInput) - Math.abs(a.gradientTimesInput));
  const max = Math.max(1e-12, ...ex.features.flatMap((f) => [Math.abs(f.gradientTimesInput), Math.abs(f.integratedGradients)]));
  const gap = ex.gapShare;
  return (
    <>
      <h3>Why this row? predicted {predicted}{truth}</h3>
      <p className="hint">{which}, explained by {model}. The score z is {score}: z(row) = {number(ex.score)}. A bar to the right (+) pushes it up, to the left (−) down.</p>
      {/* Focusable, so that a keyboard scrolls the table where it is wider than the page (a phone). */}
      <div className="table-scroll" tabIndex={0} role="region" aria-label="Feature contributions, scrollable">
        <table className="why-row__table">
          <caption>Feature contributions to {regression ? `the predicted ${ex.target}` : `the score of ${predictedClass}`}, largest first</caption>
          <thead>
            <tr><th scope="col">feature</th><th scope="col">value</th><th scope="col">gradient × input</th><th scope="col">integrated gradients</th></tr>
          </thead>
          <tbody>
            {features.map((f) => (
              <tr key={f.column}>
                <th scope="row">{f.column}</th>
                <td><Value f={f} /></td>
                <td><Bar v={f.gradientTimesInput} max={max} /></td>
                <td><Bar v={f.integratedGradients} max={max} /></td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <p className="why-row__sum">
        Σ integrated gradients = {number(ex.sum)}; z(row) − z(medians) = {number(ex.score - ex.baselineScore)}:{' '}
        {Number.isFinite(gap) ? `${gap < 0.001 ? 'under 0.1%' : formatPercent(gap, 1)} of the score` : 'the score is 0'}
        {' '}({gap <= 0.01 ? 'within 1%' : 'more than 1%'}, {ex.steps} steps).
      </p>
      <p className="hint">
        The baseline is the medians row: every number at its training median and every category at its most common value (after “vs” above),
        where z = {number(ex.baselineScore)}. Integrated gradients share out the change from it to this row among the features, so they add up to it;
        gradient × input is the score's slope along each feature times its standardised value, a local view (a category's one-hot inputs are summed under its name).
      </p>
    </>
  );
}

/** The cell as the file has it (or as typed), a missing one with what the model read instead, and the baseline's value. */
function Value({ f }: { f: FeatureContribution }) {
  return (
    <>
      {f.filled === null ? f.cell : <span>missing, read as {f.filled}</span>}
      <span className="why-row__base"> vs {f.baseline}</span>
    </>
  );
}

/** A signed bar about a zero line (right and + for positive, left and − for negative), with its number. */
function Bar({ v, max }: { v: number; max: number }) {
  const width = `${(Math.min(1, Math.abs(v) / max) * 50).toFixed(2)}%`;
  const up = v >= 0;
  return (
    <span className={`why-row__bar why-row__bar--${up ? 'up' : 'down'}`}>
      <span className="why-row__track" aria-hidden="true">
        <span className="why-row__fill" style={up ? { left: '50%', width } : { right: '50%', width }} />
      </span>
      <span className="why-row__num">{signed(v)}</span>
    </span>
  );
}

/** 2.3141 → "2.314", −0.5 → "−0.500" (a true minus sign); fewer decimals for larger numbers. */
function number(v: number): string {
  const a = Math.abs(v), text = a.toFixed(a >= 100 ? 1 : a >= 10 ? 2 : 3);
  return v < 0 && Number(text) !== 0 ? `−${text}` : text;
}

/** A number with its sign always written: "+0.412", "−1.250". */
function signed(v: number): string {
  return `${v >= 0 ? '+' : '−'}${number(Math.abs(v))}`; // "+0.000" for a contribution too small to show
}
