import type { Matrix } from '../engine/matrix';
import { resizeRows } from '../engine/matrix';
import { PIXELS, type Dataset } from './dataset';
import { normalizePixels } from './normalize';

/**
 * Fills a minibatch from the byte dataset: rows order[start..end) become X `[end − start, 784]`
 * (normalised, into x's reused buffer) and their labels go to `y`. No allocation once x has grown to
 * the batch size.
 */
export function gatherBatch(
  ds: Dataset, order: ArrayLike<number>, start: number, end: number, x: Matrix, y: Uint8Array | null,
): Matrix {
  const rows = end - start;
  if (x.cols !== PIXELS) throw new Error(`gatherBatch: batch matrix has ${x.cols} columns, expected ${PIXELS}`);
  resizeRows(x, rows);
  for (let r = 0; r < rows; r++) {
    const i = order[start + r];
    normalizePixels(ds.pixels, i * PIXELS, x.data, r * PIXELS, PIXELS);
    if (y && ds.labels) y[r] = ds.labels[i];
  }
  return x;
}
