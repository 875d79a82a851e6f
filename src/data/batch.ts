import type { Matrix } from '../engine/matrix';
import { resizeRows } from '../engine/matrix';
import type { Dataset } from './dataset';
import { normalizePixels } from './normalize';

/**
 * Fills a minibatch from a dataset: rows order[start..end) become X `[end − start, inputs]` (image
 * bytes normalised, a table's features copied, into x's reused buffer) and their targets go to `y`
 * (a buffer of ds.y's type). No allocation once x has grown to the batch size.
 */
export function gatherBatch(
  ds: Dataset, order: ArrayLike<number>, start: number, end: number, x: Matrix, y: Int32Array | Float32Array | null,
): Matrix {
  const rows = end - start, w = ds.schema.inputSize;
  if (x.cols !== w) throw new Error(`gatherBatch: batch matrix has ${x.cols} columns, expected ${w}`);
  resizeRows(x, rows);
  const src = ds.x;
  for (let r = 0; r < rows; r++) {
    const i = order[start + r];
    if (src instanceof Uint8Array) normalizePixels(src, i * w, x.data, r * w, w);
    else x.data.set(src.subarray(i * w, (i + 1) * w), r * w);
    if (y && ds.y) y[r] = ds.y[i];
  }
  return x;
}
