import { useEffect, useRef, useState } from 'react';
import { PIXELS } from '../../data/dataset';
import { GALLERY_PAGE, type GalleryFilter, galleryOrder } from '../../store/gallery';
import { useStore } from '../../store/store';
import type { Misclassified } from '../../worker/protocol';
import { DigitCanvas } from '../DigitCanvas';
import { formatCount } from '../format';
import { ProbabilityBars } from './ProbabilityBars';

/** The misclassified held-out samples, ranked by loss, 24 at a time. */
export function Gallery({ errors, filter }: { errors: Misclassified; filter: GalleryFilter }) {
  const [shown, setShown] = useState(GALLERY_PAGE);
  const explain = useStore((s) => s.explain);
  const more = useRef<HTMLButtonElement>(null);
  // "Show more" adds items above itself, which pushes it, and a keyboard focus on it, out of view.
  useEffect(() => {
    if (more.current && document.activeElement === more.current) more.current.scrollIntoView({ block: 'nearest' });
  }, [shown]);
  const order = galleryOrder(errors, filter);
  const items = order.slice(0, shown);
  const partial = errors.total > errors.rows.length ? ` (the ${formatCount(errors.rows.length)} of highest and lowest loss are kept)` : '';
  return (
    <section className="gallery" aria-label="Misclassified samples">
      <p className="gallery__count">
        {formatCount(order.length)} shown of {formatCount(errors.total)} misclassified held-out samples{partial}, {filter.order === 'highest' ? 'most confidently wrong first' : 'nearest misses first'}.
      </p>
      <ul>
        {items.map((i, position) => {
          const t = errors.trueLabels[i], p = errors.predicted[i], loss = errors.losses[i];
          // Keyed by position: after an epoch the same 24 items are updated in place, not moved.
          return (
            <li key={position}>
              <button type="button" className="gallery__why" aria-label={`Why this digit? row ${errors.rows[i] + 1}, true ${t}, predicted ${p}`}
                onClick={() => explain(errors.images.slice(i * PIXELS, (i + 1) * PIXELS), t, 'gallery')}>
                <DigitCanvas pixels={errors.images.subarray(i * PIXELS, (i + 1) * PIXELS)} label={`row ${errors.rows[i] + 1}`} size={56} />
              </button>
              <span className="gallery__text">true {t}, predicted {p}<br />loss {loss.toFixed(2)}</span>
              <ProbabilityBars probs={errors.probs.subarray(i * 10, i * 10 + 10)} trueClass={t} predicted={p} />
            </li>
          );
        })}
      </ul>
      {order.length > shown && <button ref={more} type="button" className="secondary small" onClick={() => setShown((n) => n + GALLERY_PAGE)}>Show {Math.min(GALLERY_PAGE, order.length - shown)} more</button>}
    </section>
  );
}
