/**
 * RGBA pixels of a square grey image for a canvas, from its bytes (0-255, ink high, as MNIST stores
 * it): drawn as dark ink on white, as a person writes it. Any side (28x28 digits, 8x8 ones). DOM-free
 * so it is testable in Node.
 */
export function digitRgba(pixels: ArrayLike<number>, offset = 0, n = pixels.length - offset): Uint8ClampedArray<ArrayBuffer> {
  const out = new Uint8ClampedArray(n * 4);
  for (let i = 0; i < n; i++) {
    const v = 255 - pixels[offset + i];
    out[i * 4] = v;
    out[i * 4 + 1] = v;
    out[i * 4 + 2] = v;
    out[i * 4 + 3] = 255;
  }
  return out;
}

/** The side of a square image of n pixels. */
export const sideOf = (n: number) => Math.round(Math.sqrt(n));

/**
 * RGBA of a pixel map over an image: the image in grey, and each pixel tinted by the gradient of the
 * class's score, red where more ink pushes toward the class, blue where it pushes away, the strongest
 * |gradient| fully tinted.
 */
export function saliencyRgba(pixels: ArrayLike<number>, gradient: ArrayLike<number>): Uint8ClampedArray<ArrayBuffer> {
  const n = pixels.length;
  let max = 1e-12;
  for (let i = 0; i < n; i++) max = Math.max(max, Math.abs(gradient[i]));
  const out = new Uint8ClampedArray(n * 4);
  for (let i = 0; i < n; i++) {
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

/** RGBA of n weights: blue negative, red positive, white zero, scaled by the largest |w|. */
export function weightRgba(values: Float32Array, offset: number, n: number): Uint8ClampedArray<ArrayBuffer> {
  let max = 1e-12;
  for (let k = 0; k < n; k++) max = Math.max(max, Math.abs(values[offset + k]));
  const out = new Uint8ClampedArray(n * 4);
  for (let k = 0; k < n; k++) {
    const v = values[offset + k] / max; // −1 .. 1
    const fade = Math.round(255 * (1 - Math.abs(v)));
    out[k * 4] = v > 0 ? 220 : fade;
    out[k * 4 + 1] = fade;
    out[k * 4 + 2] = v < 0 ? 220 : fade;
    out[k * 4 + 3] = 255;
  }
  return out;
}
