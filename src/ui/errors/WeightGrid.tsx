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

/** Tiles per row of the weight grid. */
const COLUMNS = 16;

/**
 * The first layer's weights of up to 64 hidden units, each drawn as the 28x28 pattern it responds to,
 * as tiles of one canvas: a single image to update per epoch rather than 64 (cheaper to paint while
 * training).
 */
export function WeightGrid({ units, values }: { units: number; values: Float32Array }) {
  const ref = useRef<HTMLCanvasElement>(null);
  const rows = Math.ceil(units / COLUMNS);
  const tile = IMAGE_SIDE + 1; // one pixel of gap
  useEffect(() => {
    const ctx = ref.current?.getContext('2d');
    if (!ctx) return;
    const image = ctx.createImageData(COLUMNS * tile, rows * tile);
    image.data.fill(255);
    for (let j = 0; j < units; j++) {
      const rgba = weightRgba(values, j * PIXELS);
      const ox = (j % COLUMNS) * tile, oy = Math.floor(j / COLUMNS) * tile;
      for (let y = 0; y < IMAGE_SIDE; y++) image.data.set(rgba.subarray(y * IMAGE_SIDE * 4, (y + 1) * IMAGE_SIDE * 4), ((oy + y) * COLUMNS * tile + ox) * 4);
    }
    ctx.putImageData(image, 0, 0);
  }, [units, values, rows, tile]);
  return (
    <figure className="weights" aria-label="First-layer weights">
      <figcaption>First-layer weights of {units} hidden units (red: the pixel excites the unit, blue: inhibits)</figcaption>
      <canvas ref={ref} width={COLUMNS * tile} height={rows * tile} className="weights__grid" role="img"
        aria-label={`weights of ${units} hidden units, ${COLUMNS} per row`} style={{ width: COLUMNS * tile * 1.5, height: rows * tile * 1.5 }} />
    </figure>
  );
}
