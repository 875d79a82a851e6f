import { useEffect, useRef } from 'react';
import { weightRgba } from '../digit-image';

/** Tiles per row of the weight grid. */
const COLUMNS = 16;

/**
 * The first layer's weights of up to 64 hidden units, each drawn as the side × side pattern of pixels
 * it responds to, as tiles of one canvas: a single image to update per epoch rather than 64 (cheaper
 * to paint while training).
 */
export function WeightGrid({ units, values, side }: { units: number; values: Float32Array; side: number }) {
  const ref = useRef<HTMLCanvasElement>(null);
  const rows = Math.ceil(units / COLUMNS);
  const tile = side + 1; // one pixel of gap
  const scale = Math.max(1.5, 42 / side); // small images drawn larger
  useEffect(() => {
    const ctx = ref.current?.getContext('2d');
    if (!ctx) return;
    const n = side * side;
    const image = ctx.createImageData(COLUMNS * tile, rows * tile);
    image.data.fill(255);
    for (let j = 0; j < units; j++) {
      const rgba = weightRgba(values, j * n, n);
      const ox = (j % COLUMNS) * tile, oy = Math.floor(j / COLUMNS) * tile;
      for (let y = 0; y < side; y++) image.data.set(rgba.subarray(y * side * 4, (y + 1) * side * 4), ((oy + y) * COLUMNS * tile + ox) * 4);
    }
    ctx.putImageData(image, 0, 0);
  }, [units, values, rows, tile, side]);
  return (
    <figure className="weights" aria-label="First-layer weights">
      <figcaption>First-layer weights of {units} hidden units (red: the pixel excites the unit, blue: inhibits)</figcaption>
      <canvas ref={ref} width={COLUMNS * tile} height={rows * tile} className="weights__grid" role="img"
        aria-label={`weights of ${units} hidden units, ${COLUMNS} per row`} style={{ width: COLUMNS * tile * scale, height: rows * tile * scale }} />
    </figure>
  );
}
