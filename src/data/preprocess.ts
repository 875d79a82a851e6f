import { IMAGE_SIDE } from './digits';

/** MNIST's digits were scaled to fit this box (keeping their aspect ratio) inside the 28x28 image. */
export const BOX = 20;

/**
 * A grey image as drawn: `ink[y * width + x]` in 0..1 (0 blank, 1 full ink), any size.
 */
export interface InkImage {
  width: number;
  height: number;
  ink: Float32Array;
}

/**
 * Turns a drawing into the 28x28 bytes the network sees, the way MNIST's images were made
 * (LeCun et al.): crop to the ink's bounding box; scale it to fit a 20x20 box keeping its aspect
 * ratio, area-averaging (each output pixel is the mean of the input area it covers, so thin strokes
 * become grey rather than vanish); place it in 28x28 so that its centre of mass sits at the centre.
 * Returns bytes 0-255 (255 = ink, as in MNIST), or null for an empty drawing. The network then gets
 * them through the same normalisation as the training data (normalize.ts). Images of another side
 * (an 8x8 digits table) get the same treatment at that side, the box in the same proportion.
 */
export function preprocessDrawing(image: InkImage, inkThreshold = 0.02, side = IMAGE_SIDE): Uint8Array | null {
  const box = inkBounds(image, inkThreshold);
  if (!box) return null;
  const w = box.x1 - box.x0, h = box.y1 - box.y0;
  const scale = Math.max(1, Math.round((BOX * side) / IMAGE_SIDE)) / Math.max(w, h);
  const tw = Math.max(1, Math.round(w * scale)), th = Math.max(1, Math.round(h * scale));
  const small = resampleArea(image, box, tw, th);
  // Centre of mass of the scaled digit, in pixel indices.
  let mass = 0, mx = 0, my = 0;
  for (let y = 0; y < th; y++) for (let x = 0; x < tw; x++) {
    const v = small[y * tw + x];
    mass += v;
    mx += v * x;
    my += v * y;
  }
  if (mass === 0) return null;
  // Shift so the centre of mass lands on pixel (14, 14), whole pixels and clamped so the digit stays
  // inside the image. That is where MNIST's digits have it: measured over its images, the centre of
  // mass sits at index 14.0 ± 0.5 on both axes.
  const left = clamp(Math.round(side / 2 - mx / mass), 0, side - tw);
  const top = clamp(Math.round(side / 2 - my / mass), 0, side - th);
  const out = new Uint8Array(side * side);
  for (let y = 0; y < th; y++) for (let x = 0; x < tw; x++) {
    out[(top + y) * side + left + x] = Math.round(Math.min(1, small[y * tw + x]) * 255);
  }
  return out;
}

const clamp = (v: number, lo: number, hi: number) => Math.min(hi, Math.max(lo, v));

/** The smallest [x0, x1) × [y0, y1) holding every pixel with more ink than the threshold, or null. */
export function inkBounds(image: InkImage, threshold = 0.02): { x0: number; y0: number; x1: number; y1: number } | null {
  const { width, height, ink } = image;
  let x0 = width, y0 = height, x1 = -1, y1 = -1;
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      if (ink[y * width + x] > threshold) {
        if (x < x0) x0 = x;
        if (x > x1) x1 = x;
        if (y < y0) y0 = y;
        if (y > y1) y1 = y;
      }
    }
  }
  return x1 < 0 ? null : { x0, y0, x1: x1 + 1, y1: y1 + 1 };
}

/**
 * Area-averaging resample of a region to tw × th: each output pixel is the coverage-weighted mean of
 * the source pixels under it (fractional overlaps counted), done separably: rows, then columns.
 */
export function resampleArea(image: InkImage, box: { x0: number; y0: number; x1: number; y1: number }, tw: number, th: number): Float32Array {
  const w = box.x1 - box.x0, h = box.y1 - box.y0;
  const rows = new Float32Array(h * tw); // horizontal pass: h rows of tw
  for (let y = 0; y < h; y++) {
    const src = (box.y0 + y) * image.width + box.x0;
    for (let x = 0; x < tw; x++) rows[y * tw + x] = averageSpan(image.ink, src, 1, (x * w) / tw, ((x + 1) * w) / tw);
  }
  const out = new Float32Array(th * tw); // vertical pass
  for (let x = 0; x < tw; x++) {
    for (let y = 0; y < th; y++) out[y * tw + x] = averageSpan(rows, x, tw, (y * h) / th, ((y + 1) * h) / th);
  }
  return out;
}

/** Mean of values[offset + i * stride] over the continuous span [a, b), pixels weighted by overlap. */
function averageSpan(values: Float32Array, offset: number, stride: number, a: number, b: number): number {
  let sum = 0;
  for (let i = Math.floor(a); i < Math.ceil(b); i++) {
    const overlap = Math.min(b, i + 1) - Math.max(a, i);
    if (overlap > 0) sum += values[offset + i * stride] * overlap;
  }
  return sum / (b - a);
}
