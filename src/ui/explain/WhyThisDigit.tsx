import { useEffect, useRef } from 'react';
import { useStore } from '../../store/store';
import { className, currentSchema } from '../../store/schema-view';
import { DigitCanvas, RgbaCanvas } from '../DigitCanvas';
import { saliencyRgba, weightRgba } from '../digit-image';
import { formatPercent } from '../format';

/**
 * Why this digit? For the image last asked about (a gallery sample, or the drawing): the pixel map of
 * the gradient of the predicted class's score with respect to the pixels, drawn over the image, and
 * the hidden units that fired most, each with its incoming weights. The worker computes both, with
 * one backward pass; `source` says which image this panel explains.
 */
export function WhyThisDigit({ source }: { source: 'gallery' | 'drawing' }) {
  const ex = useStore((s) => (s.explanation.source === source ? s.explanation.result : null));
  const show = useStore((s) => s.explanation.shown ?? false);
  const schema = useStore(currentSchema);
  const box = useRef<HTMLElement>(null);
  // Asked by a click: the answer comes to where the learner is looking, and takes the focus.
  useEffect(() => {
    if (!ex || !show || !box.current) return;
    box.current.scrollIntoView({ block: 'nearest' });
    box.current.focus({ preventScroll: true });
  }, [ex, show]);
  if (!ex) return null;
  const name = (k: number) => className(schema, k);
  const truth = ex.label === null ? '' : `, true ${name(ex.label)}`;
  const predicted = name(ex.predicted);
  return (
    <section className="why" aria-label="Why this digit?" ref={box} tabIndex={-1}>
      <h3>Why this digit? predicted {predicted} ({formatPercent(ex.probs[ex.predicted], 1)}){truth}</h3>
      <div className="why__maps">
        <figure>
          <DigitCanvas pixels={ex.pixels} size={112} label={`the image${truth}`} />
          <figcaption>the image</figcaption>
        </figure>
        <figure>
          <RgbaCanvas rgba={saliencyRgba(ex.pixels, ex.gradient)} size={112} label={`Pixel map for class ${predicted}: red pixels push toward it, blue ones away`} />
          <figcaption><span className="why__toward">red</span>: more ink here raises the score of {predicted}; <span className="why__away">blue</span>: lowers it</figcaption>
        </figure>
      </div>
      {ex.units.length > 0 && (
        <>
          <p className="hint">The first hidden layer's units that fired most on it, each drawn as its incoming weights (red positive, blue negative), with its activation and how much it pushed the score of {predicted}:</p>
          <ul className="why__units" aria-label="Hidden units that fired most">
            {ex.units.map((u) => (
              <li key={u.unit}>
                <RgbaCanvas rgba={weightRgba(u.weights, 0, u.weights.length)} size={56} label={`unit ${u.unit} weights`} />
                <span>unit {u.unit}<br />a = {u.activation.toFixed(2)}<br />{u.effect >= 0 ? '+' : ''}{u.effect.toFixed(2)} to {predicted}</span>
              </li>
            ))}
          </ul>
        </>
      )}
    </section>
  );
}
