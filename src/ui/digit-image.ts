import { PIXELS } from '../data/dataset';

/**
 * RGBA pixels of a 28x28 digit for a canvas: MNIST stores ink as 255 on a 0 background; drawn as
 * dark ink on white, as a person writes it. DOM-free so it is testable in Node.
 */
export function digitRgba(pixels: ArrayLike<number>, offset = 0): Uint8ClampedArray<ArrayBuffer> {
  const out = new Uint8ClampedArray(PIXELS * 4);
  for (let i = 0; i < PIXELS; i++) {
    const v = 255 - pixels[offset + i];
    out[i * 4] = v;
    out[i * 4 + 1] = v;
    out[i * 4 + 2] = v;
    out[i * 4 + 3] = 255;
  }
  return out;
}
