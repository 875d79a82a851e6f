import { useEffect, useRef } from 'react';
import { IMAGE_SIDE, PIXELS } from '../../data/dataset';

/** RGBA of one unit's 784 weights: blue negative, red positive, white zero, scaled by the largest |w|. */
export function weightRgba(values: Float32Array, offset: number): Uint8ClampedArray<ArrayBuffer> {
  let max = 1e-12;
  for (let k = 0; k < PIXELS; k++) max = Math.max(max, Math.abs(values[offset + k]));
  const out = new Uint8ClampedArray(PIXELS * 4);
  for (let k = 0; k < PIXELS; k++) {
    const v = values[offset + k] / max; // −1 .. 1
    const fade = Math.round(255 * (1 - Math.abs(v)));
    out[k * 4] = v > 0 ? 220 : fade;
    out[k * 4 + 1] = fade;
    out[k * 4 + 2] = v < 0 ? 220 : fade;
    out[k * 4 + 3] = 255;
  }
  return out;
}

/** The first layer's weights of up to 64 hidden units, each drawn as the 28x28 pattern it responds to. */
export function WeightGrid({ units, values }: { units: number; values: Float32Array }) {
  return (
    <figure className="weights" aria-label="First-layer weights">
      <figcaption>First-layer weights of {units} hidden units (red: the pixel excites the unit, blue: inhibits)</figcaption>
      <div className="weights__grid">
        {Array.from({ length: units }, (_, j) => <WeightCanvas key={j} values={values} unit={j} />)}
      </div>
    </figure>
  );
}

function WeightCanvas({ values, unit }: { values: Float32Array; unit: number }) {
  const ref = useRef<HTMLCanvasElement>(null);
  useEffect(() => {
    ref.current?.getContext('2d')?.putImageData(new ImageData(weightRgba(values, unit * PIXELS), IMAGE_SIDE, IMAGE_SIDE), 0, 0);
  }, [values, unit]);
  return <canvas ref={ref} width={IMAGE_SIDE} height={IMAGE_SIDE} className="digit" style={{ width: 42, height: 42 }} role="img" aria-label={`unit ${unit + 1} weights`} />;
}
