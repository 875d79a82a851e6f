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

/**
 * RGBA of a pixel map over a digit: the digit in grey, and each pixel tinted by the gradient of the
 * class's score, red where more ink pushes toward the class, blue where it pushes away, the strongest
 * |gradient| fully tinted.
 */
export function saliencyRgba(pixels: ArrayLike<number>, gradient: ArrayLike<number>): Uint8ClampedArray<ArrayBuffer> {
  let max = 1e-12;
  for (let i = 0; i < PIXELS; i++) max = Math.max(max, Math.abs(gradient[i]));
  const out = new Uint8ClampedArray(PIXELS * 4);
  for (let i = 0; i < PIXELS; i++) {
    const grey = 255 - 0.55 * pixels[i];
    const g = gradient[i] / max, a = Math.abs(g);
    const [r, gr, b] = g > 0 ? [220, 38, 38] : [37, 99, 235];
    out[i * 4] = grey * (1 - a) + r * a;
    out[i * 4 + 1] = grey * (1 - a) + gr * a;
    out[i * 4 + 2] = grey * (1 - a) + b * a;
    out[i * 4 + 3] = 255;
  }
  return out;
}
