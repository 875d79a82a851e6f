import { useState } from 'react';
import { GALLERY_PAGE, type GalleryFilter, galleryOrder } from '../../store/gallery';
import { useStore } from '../../store/store';
import type { Misclassified } from '../../worker/protocol';
import { DigitCanvas } from '../DigitCanvas';
import { formatCount } from '../format';
import { MoreButton } from './MoreButton';
import { ProbabilityBars } from './ProbabilityBars';
import { currentSchema } from '../../store/schema-view';
import { explainsRows } from '../explain/ExplainRows';

/**
 * The misclassified held-out samples, ranked by loss, 24 at a time: each as its image (explained on a
 * click: why this digit?), or, for a table, as a row of a table with its cells as the file wrote them.
 */
export function Gallery({ errors, filter, names, columns, asImages }: {
  errors: Misclassified; filter: GalleryFilter; names: (k: number) => string; columns: string[] | null; asImages: boolean;
}) {
  const [shown, setShown] = useState(GALLERY_PAGE);
  const explain = useStore((s) => s.explain);
  const explainRow = useStore((s) => s.explainRow);
  const whyRows = useStore((s) => explainsRows(currentSchema(s)));
  const order = galleryOrder(errors, filter);
  const items = order.slice(0, shown);
  const partial = errors.total > errors.rows.length ? ` (the ${formatCount(errors.rows.length)} of highest and lowest loss are kept)` : '';
  const { top } = errors, images = asImages ? errors.images : null, n = images ? images.length / Math.max(1, errors.rows.length) : 0;
  const classesOf = (i: number) => (errors.probClasses ? errors.probClasses.subarray(i * top, (i + 1) * top) : Array.from({ length: top }, (_, k) => k));
  const count = (
    <p className="gallery__count">
      {formatCount(order.length)} shown of {formatCount(errors.total)} misclassified held-out samples{partial}, {filter.order === 'highest' ? 'most confidently wrong first' : 'nearest misses first'}.
    </p>
  );
  const moreButton = (
    <MoreButton shown={shown} total={order.length} onMore={() => setShown((k) => k + GALLERY_PAGE)} />
  );
  // No mistake to list (or none under the filter): the sentence alone, not a table of headers without rows.
  if (!images && errors.cells && columns && items.length === 0) return <section className="gallery gallery--rows" aria-label="Misclassified samples">{count}</section>;
  if (!images && errors.cells && columns) {
    return (
      <section className="gallery gallery--rows" aria-label="Misclassified samples">
        {count}
        {/* Focusable, so that a keyboard scrolls a table wider than the page. */}
        <div className="table-scroll" tabIndex={0} role="region" aria-label="Misclassified rows, scrollable">
          <table>
            <caption className="visually-hidden">Misclassified held-out rows, with their cells as the file wrote them</caption>
            <thead>
              <tr><th scope="col">row</th>{whyRows && <th scope="col"><span className="visually-hidden">explain</span></th>}<th scope="col">true</th><th scope="col">predicted</th><th scope="col">loss</th><th scope="col">probabilities</th>
                {columns.map((c) => <th key={c} scope="col">{c}</th>)}</tr>
            </thead>
            <tbody>
              {items.map((i, position) => {
                const t = errors.trueLabels[i], p = errors.predicted[i];
                return (
                  <tr key={position}>
                    <th scope="row">{errors.rows[i] + 1}</th>
                    {whyRows && (
                      <td><button type="button" className="secondary small" aria-label={`Why this row? row ${errors.rows[i] + 1}, true ${names(t)}, predicted ${names(p)}`}
                        onClick={() => explainRow({ fileRow: errors.rows[i] })}>Why this row?</button></td>
                    )}
                    <td>true {names(t)}</td>
                    <td>predicted {names(p)}</td>
                    <td>{errors.losses[i].toFixed(2)}</td>
                    <td><ProbabilityBars probs={errors.probs.subarray(i * top, (i + 1) * top)} classes={classesOf(i)} names={names} trueClass={t} predicted={p} /></td>
                    {errors.cells![i].map((v, k) => <td key={k}>{v === '' ? '–' : v}</td>)}
                  </tr>
                );
              })}
            </tbody>
          </table>
        </div>
        {moreButton}
      </section>
    );
  }
  return (
    <section className="gallery" aria-label="Misclassified samples">
      {count}
      <ul>
        {items.map((i, position) => {
          const t = errors.trueLabels[i], p = errors.predicted[i], loss = errors.losses[i], row = errors.rows[i] + 1;
          // Keyed by position: after an epoch the same 24 items are updated in place, not moved.
          return (
            <li key={position}>
              {images && (
                <button type="button" className="gallery__why" aria-label={`Why this digit? row ${row}, true ${names(t)}, predicted ${names(p)}`}
                  onClick={() => explain(images.slice(i * n, (i + 1) * n), t, 'gallery')}>
                  <DigitCanvas pixels={images.subarray(i * n, (i + 1) * n)} label={`row ${row}`} size={56} />
                </button>
              )}
              <span className="gallery__text">true {names(t)}, predicted {names(p)}<br />loss {loss.toFixed(2)}</span>
              <ProbabilityBars probs={errors.probs.subarray(i * top, (i + 1) * top)} classes={classesOf(i)} names={names} trueClass={t} predicted={p} />
            </li>
          );
        })}
      </ul>
      <p className="hint gallery__legend">Bars under each sample: the model's probability of each class, 0 to 100%; <span className="gallery__key gallery__key--true">the true class</span>, <span className="gallery__key gallery__key--pred">the predicted one</span>.</p>
      {moreButton}
    </section>
  );
}
