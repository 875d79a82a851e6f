import { useEffect, useRef } from 'react';
import { IMAGE_SIDE } from '../../data/dataset';
import { useStore } from '../../store/store';
import { DigitCanvas } from '../DigitCanvas';
import { saliencyRgba } from '../digit-image';
import { weightRgba } from '../errors/WeightGrid';
import { formatPercent } from '../format';

/** A 28x28 RGBA image scaled up crisply. */
function RgbaCanvas({ rgba, label, size }: { rgba: Uint8ClampedArray<ArrayBuffer>; label: string; size: number }) {
  const ref = useRef<HTMLCanvasElement>(null);
  useEffect(() => {
    ref.current?.getContext('2d')?.putImageData(new ImageData(rgba, IMAGE_SIDE, IMAGE_SIDE), 0, 0);
  }, [rgba]);
  return <canvas ref={ref} className="digit" width={IMAGE_SIDE} height={IMAGE_SIDE} style={{ width: size, height: size }} role="img" aria-label={label} />;
}

/**
 * Why this digit? For the image last asked about (a gallery sample, or the drawing): the pixel map of
 * the gradient of the predicted class's score with respect to the pixels, drawn over the digit, and
 * the hidden units that fired most, each with its incoming weights. The worker computes both, with
 * one backward pass; `source` says which image this panel explains.
 */
export function WhyThisDigit({ source }: { source: 'gallery' | 'drawing' }) {
  const ex = useStore((s) => (s.explanation.source === source ? s.explanation.result : null));
  if (!ex) return null;
  const truth = ex.label === null ? '' : `, true ${ex.label}`;
  return (
    <section className="why" aria-label="Why this digit?">
      <h3>Why this digit? predicted {ex.predicted} ({formatPercent(ex.probs[ex.predicted], 1)}){truth}</h3>
      <div className="why__maps">
        <figure>
          <DigitCanvas pixels={ex.pixels} size={112} label={`the image${truth}`} />
          <figcaption>the image</figcaption>
        </figure>
        <figure>
          <RgbaCanvas rgba={saliencyRgba(ex.pixels, ex.gradient)} size={112} label={`Pixel map for class ${ex.predicted}: red pixels push toward it, blue ones away`} />
          <figcaption><span className="why__toward">red</span>: more ink here raises the score of {ex.predicted}; <span className="why__away">blue</span>: lowers it</figcaption>
        </figure>
      </div>
      {ex.units.length > 0 && (
        <>
          <p className="hint">The first hidden layer's units that fired most on it, each drawn as its incoming weights (red positive, blue negative), with its activation and how much it pushed the score of {ex.predicted}:</p>
          <ul className="why__units" aria-label="Hidden units that fired most">
            {ex.units.map((u) => (
              <li key={u.unit}>
                <RgbaCanvas rgba={weightRgba(u.weights, 0)} size={56} label={`unit ${u.unit} weights`} />
                <span>unit {u.unit}<br />a = {u.activation.toFixed(2)}<br />{u.effect >= 0 ? '+' : ''}{u.effect.toFixed(2)} to {ex.predicted}</span>
              </li>
            ))}
          </ul>
        </>
      )}
    </section>
  );
}
