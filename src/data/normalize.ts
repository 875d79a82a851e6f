/**
 * The one pixel normalisation of the project, used for training batches, evaluation and drawn digits
 * alike: x = byte / 255, mapping 0-255 to [0, 1] as the notebook does.
 */
export const PIXEL_SCALE = 1 / 255;

/** dst[dstOffset + i] = src[srcOffset + i] / 255 for i < count. */
export function normalizePixels(
  src: ArrayLike<number>, srcOffset: number, dst: Float32Array, dstOffset: number, count: number,
): void {
  for (let i = 0; i < count; i++) dst[dstOffset + i] = src[srcOffset + i] * PIXEL_SCALE;
}
