import { Rng } from '../engine/rng';
import { IMAGE_SIDE, PIXELS } from './digits';

/**
 * Data augmentation of 28x28 byte images for training batches, after Simard, Steinkraus & Platt
 * (2003), "Best practices for convolutional neural networks applied to visual document analysis":
 * small affine moves (shift, rotation, scale) and elastic distortion, drawn afresh for every image.
 *
 * Coordinates are image coordinates: x = column (rightwards), y = row (downwards), pixel (x, y) at
 * byte y·28 + x, pixel centres at whole numbers, so the image centre is c = (13.5, 13.5).
 */

/** What to do to each training image; every field 0 is no augmentation. */
export interface AugmentSpec {
  /** Largest shift in whole pixels, each axis drawn uniformly from the integers -shift..shift. */
  shift: number;
  /** Largest rotation in degrees, drawn uniformly in [-rotation, rotation]. */
  rotation: number;
  /** Largest scale change in percent: factor drawn uniformly in [1 - scale/100, 1 + scale/100]. */
  scale: number;
  /** Elastic distortion strength α in pixels (0 = off). */
  elasticAlpha: number;
  /** Elastic distortion smoothness σ in pixels (Gaussian std of the field's smoothing), > 0 when α > 0. */
  elasticSigma: number;
}

/**
 * The one home of the augmentation's defaults and limits: the settings rules, the form and the
 * Augmenter all read these. σ defaults to Simard et al.'s 4; below 0.5 pixel the Gaussian smoothing
 * is a near identity (a kernel of one tap), so the field is raw noise.
 */
export const NO_AUGMENT: AugmentSpec = { shift: 0, rotation: 0, scale: 0, elasticAlpha: 0, elasticSigma: 4 };

/** Bounds of the spec fields (every other lower bound is 0; σ counts only when α > 0). */
export const AUGMENT_LIMITS = {
  maxShift: 8, maxRotation: 90, maxScale: 50, maxElasticAlpha: 100, minElasticSigma: 0.5, maxElasticSigma: 16,
} as const;

/** Whether the spec changes images at all (σ alone does nothing without α). */
export function isAugmenting(spec: AugmentSpec): boolean {
  return spec.shift !== 0 || spec.rotation !== 0 || spec.scale !== 0 || spec.elasticAlpha !== 0;
}

/** Throws an Error naming the first field of the spec that is out of bounds. */
export function validateAugmentSpec(spec: AugmentSpec): void {
  const L = AUGMENT_LIMITS;
  const { shift, rotation, scale, elasticAlpha, elasticSigma } = spec;
  // Written as !(in range) so that NaN fails too.
  if (!(Number.isInteger(shift) && shift >= 0 && shift <= L.maxShift)) {
    throw new Error(`Augmentation shift must be a whole number of pixels from 0 to ${L.maxShift}, got ${shift}`);
  }
  if (!(rotation >= 0 && rotation <= L.maxRotation)) {
    throw new Error(`Augmentation rotation must be from 0 to ${L.maxRotation} degrees, got ${rotation}`);
  }
  if (!(scale >= 0 && scale <= L.maxScale)) {
    throw new Error(`Augmentation scale must be from 0 to ${L.maxScale} percent, got ${scale}`);
  }
  if (!(elasticAlpha >= 0 && elasticAlpha <= L.maxElasticAlpha)) {
    throw new Error(`Augmentation elasticAlpha must be from 0 to ${L.maxElasticAlpha} pixels, got ${elasticAlpha}`);
  }
  if (elasticAlpha > 0 && !(elasticSigma >= L.minElasticSigma && elasticSigma <= L.maxElasticSigma)) {
    throw new Error(`Augmentation elasticSigma must be from ${L.minElasticSigma} to ${L.maxElasticSigma} pixels when elasticAlpha > 0, got ${elasticSigma}`);
  }
}

/**
 * Integer shift, an exact byte copy: out(x, y) = src(x − dx, y − dy), 0 where x − dx or y − dy falls
 * outside the image. dx > 0 moves the digit right, dy > 0 moves it down. src and out must not overlap.
 */
export function shiftImage(
  src: Uint8Array, srcOff: number, out: Uint8Array, outOff: number, dx: number, dy: number,
): void {
  const S = IMAGE_SIDE;
  // Output columns x whose source column x − dx is inside [0, 28).
  const x0 = Math.max(0, dx), x1 = Math.min(S, S + dx);
  for (let y = 0; y < S; y++) {
    const o = outOff + y * S;
    const sy = y - dy;
    if (sy < 0 || sy >= S || x0 >= x1) {
      for (let x = 0; x < S; x++) out[o + x] = 0;
      continue;
    }
    const s = srcOff + sy * S - dx;
    for (let x = 0; x < x0; x++) out[o + x] = 0;
    for (let x = x0; x < x1; x++) out[o + x] = src[s + x];
    for (let x = x1; x < S; x++) out[o + x] = 0;
  }
}

/** A warp: translation d = (dx, dy) in pixels, rotation θ, scale factor, optional displacement field. */
export interface WarpParams {
  dx: number;
  dy: number;
  /** θ in radians; θ > 0 turns the digit clockwise on screen (from +x towards +y, as y points down). */
  angleRad: number;
  /** > 0; above 1 enlarges the digit about the centre. */
  scaleFactor: number;
  /** 784 displacements each (row-major y·28 + x), read at the output pixel: q = p + field(p). */
  fieldX?: Float32Array;
  fieldY?: Float32Array;
}

/**
 * Backward-mapped warp. For each output pixel p = (x, y), with c = (13.5, 13.5):
 *   q = p + field(p),   s = R(−θ)·(q − c − d) / scale + c,   R(θ) = [[cos θ, −sin θ], [sin θ, cos θ]],
 * and out(p) = bilinear sample of src at s (pixels outside the image read as 0), rounded to the
 * nearest byte and clamped to 0..255. So without a field the digit moves as p = c + d + scale·R(θ)(s − c):
 * scaled and rotated about the centre, then translated. With θ = 0, scale = 1, no field and whole d,
 * every s is a pixel centre and this equals shiftImage byte for byte. src and out must not overlap.
 */
export function warpImage(src: Uint8Array, srcOff: number, out: Uint8Array, outOff: number, params: WarpParams): void {
  const S = IMAGE_SIDE, last = S - 1, c = (S - 1) / 2;
  const { dx, dy, fieldX, fieldY } = params;
  const inv = 1 / params.scaleFactor;
  // R(−θ) / scale = [[a, b], [−b, a]]
  const a = Math.cos(params.angleRad) * inv, b = Math.sin(params.angleRad) * inv;
  for (let y = 0; y < S; y++) {
    for (let x = 0; x < S; x++) {
      const p = y * S + x;
      let ux = x - c - dx, uy = y - c - dy;
      if (fieldX) ux += fieldX[p];
      if (fieldY) uy += fieldY[p];
      const sx = a * ux + b * uy + c, sy = -b * ux + a * uy + c;
      const x0 = Math.floor(sx), y0 = Math.floor(sy);
      // Entirely outside: all four neighbours are zero padding.
      if (x0 < -1 || x0 > last || y0 < -1 || y0 > last) {
        out[outOff + p] = 0;
        continue;
      }
      const fx = sx - x0, fy = sy - y0;
      const inX0 = x0 >= 0, inX1 = x0 < last, inY0 = y0 >= 0, inY1 = y0 < last;
      const r0 = srcOff + y0 * S + x0, r1 = r0 + S;
      const v00 = inY0 && inX0 ? src[r0] : 0, v01 = inY0 && inX1 ? src[r0 + 1] : 0;
      const v10 = inY1 && inX0 ? src[r1] : 0, v11 = inY1 && inX1 ? src[r1 + 1] : 0;
      const top = v00 + (v01 - v00) * fx, bottom = v10 + (v11 - v10) * fx;
      const v = Math.round(top + (bottom - top) * fy);
      out[outOff + p] = v < 0 ? 0 : v > 255 ? 255 : v;
    }
  }
}

/** Normalised Gaussian kernel g[k + r] ∝ exp(−k² / 2σ²) for k in −r..r, r = ceil(3σ), Σ g = 1. */
export function gaussianKernel(sigma: number): Float32Array {
  const r = Math.ceil(3 * sigma);
  const g = new Float32Array(2 * r + 1);
  let sum = 0;
  for (let k = -r; k <= r; k++) sum += g[k + r] = Math.exp((-k * k) / (2 * sigma * sigma));
  for (let i = 0; i < g.length; i++) g[i] /= sum;
  return g;
}

/**
 * One axis of an elastic displacement field: out = α · (G_σ ∗ noise), noise being 784 values
 * (uniform(−1, 1) per pixel, drawn by the caller), G_σ the separable kernel from gaussianKernel(σ)
 * applied along rows then columns with zero padding. `tmp` (784) holds the row pass. α = 0 gives all
 * zeros. Returns out.
 */
export function elasticField(
  noise: Float32Array, kernel: Float32Array, alpha: number, out: Float32Array, tmp: Float32Array,
): Float32Array {
  const S = IMAGE_SIDE, taps = kernel.length, r = (taps - 1) >> 1;
  if (alpha === 0) return out.fill(0);
  // Row pass over a zero-padded copy of each row, so the inner loop has a fixed length (about a third
  // faster than clipping its bounds per pixel): tmp(x, y) = Σ_k g(k) noise(x + k, y).
  const pad = ROW_PAD;
  pad.fill(0, 0, S + 2 * r);
  for (let y = 0; y < S; y++) {
    const row = y * S;
    for (let x = 0; x < S; x++) pad[r + x] = noise[row + x];
    for (let x = 0; x < S; x++) {
      let acc = 0;
      for (let k = 0; k < taps; k++) acc += kernel[k] * pad[x + k];
      tmp[row + x] = acc;
    }
  }
  // Column pass, times α: out(x, y) = α Σ_k g(k) tmp(x, y + k), k limited to the image.
  for (let y = 0; y < S; y++) {
    const kLo = y < r ? -y : -r, kHi = S - 1 - y < r ? S - 1 - y : r;
    for (let x = 0; x < S; x++) {
      let acc = 0;
      for (let k = kLo; k <= kHi; k++) acc += kernel[k + r] * tmp[(y + k) * S + x];
      out[y * S + x] = alpha * acc;
    }
  }
  return out;
}

/** elasticField's padded row, long enough for the widest kernel (σ at its limit). */
const ROW_PAD = new Float64Array(IMAGE_SIDE + 2 * Math.ceil(3 * AUGMENT_LIMITS.maxElasticSigma) + 1);

/**
 * noise[i] = w / 2³¹ − 1, uniform in [−1, 1), from one 32-bit word w = rng.nextUint32() per value: 32
 * bits are plenty for noise that is about to be smoothed, and half the cost of rng.random().
 */
export function drawNoise(rng: Rng, noise: Float32Array): Float32Array {
  for (let i = 0; i < noise.length; i++) noise[i] = rng.nextUint32() / 2147483648 - 1;
  return noise;
}

/**
 * Elastic fields the Augmenter keeps at a time. Smoothing a fresh field costs about 15 times the warp
 * itself (two 25-tap passes per axis at σ = 4), so images draw from a bank that keeps being renewed:
 * the first FIELD_BANK images each get a fresh field, then each image picks one of the bank at random,
 * with a random sign on each axis (the noise is symmetric, so a negated field is as likely as the
 * field), and every FIELD_REFRESH-th image replaces the oldest field with a fresh one.
 */
export const FIELD_BANK = 256;
export const FIELD_REFRESH = 16;

/**
 * Draws per-image transforms from its own seeded Rng and writes augmented images. Per image it draws,
 * in this fixed order and only for the parts the spec turns on: dx then dy (rng.int(2·shift + 1) − shift),
 * the angle (uniform in ±rotation degrees), the scale factor (uniform in 1 ± scale/100), then the
 * elastic field: for the first FIELD_BANK images a fresh one (drawNoise: 784 words for the x field,
 * then 784 for the y field), later a bank index (rng.int(FIELD_BANK)) and a sign word, and on every
 * FIELD_REFRESH-th image the noise of the bank's replacement field. Only a shift takes the exact
 * byte-copy path (shiftImage); anything else goes through warpImage. All scratch is allocated here
 * (the bank on the first elastic image), so augmenting a batch allocates nothing.
 */
export class Augmenter {
  private readonly rng: Rng;
  private readonly kernel: Float32Array;
  private readonly noise = new Float32Array(PIXELS);
  private readonly tmp = new Float32Array(PIXELS);
  private readonly fieldX = new Float32Array(PIXELS);
  private readonly fieldY = new Float32Array(PIXELS);
  /** FIELD_BANK x fields then FIELD_BANK y fields, 784 floats each; made on the first elastic image. */
  private bank: Float32Array | null = null;
  /** Elastic images augmented so far. */
  private elastic = 0;
  /** Reused for every warp so that no object is made per image. */
  private readonly params: WarpParams = { dx: 0, dy: 0, angleRad: 0, scaleFactor: 1 };

  constructor(readonly spec: AugmentSpec, seed: number) {
    validateAugmentSpec(spec);
    // A frozen copy, so a caller editing its object later cannot slip past the validation.
    this.spec = Object.freeze({ ...spec });
    this.rng = new Rng(seed);
    this.kernel = spec.elasticAlpha > 0 ? gaussianKernel(spec.elasticSigma) : Float32Array.of(1);
    if (spec.elasticAlpha > 0) {
      this.params.fieldX = this.fieldX;
      this.params.fieldY = this.fieldY;
    }
  }

  /** out[r·784 ..] = augment(pixels[order[start + r]·784 ..]) for r in [0, end − start); out has room for (end-start)*784 bytes from outOffset. */
  augmentRows(
    pixels: Uint8Array, order: ArrayLike<number>, start: number, end: number, out: Uint8Array, outOffset = 0,
  ): void {
    const rows = end - start;
    if (outOffset + rows * PIXELS > out.length) {
      throw new Error(`Augmenter: output holds ${out.length} bytes, ${outOffset + rows * PIXELS} needed for ${rows} images`);
    }
    for (let r = 0; r < rows; r++) this.augmentImage(pixels, order[start + r] * PIXELS, out, outOffset + r * PIXELS);
  }

  /** One image: src bytes at srcOffset → out bytes at outOffset, with a fresh draw from the rng. */
  augmentImage(src: Uint8Array, srcOffset: number, out: Uint8Array, outOffset: number): void {
    const { shift, rotation, scale, elasticAlpha } = this.spec;
    const rng = this.rng;
    let dx = 0, dy = 0;
    if (shift > 0) {
      dx = rng.int(2 * shift + 1) - shift;
      dy = rng.int(2 * shift + 1) - shift;
    }
    if (rotation === 0 && scale === 0 && elasticAlpha === 0) {
      // Also the NO_AUGMENT path (dx = dy = 0): an exact copy.
      shiftImage(src, srcOffset, out, outOffset, dx, dy);
      return;
    }
    const p = this.params;
    p.dx = dx;
    p.dy = dy;
    p.angleRad = rotation > 0 ? ((2 * rng.random() - 1) * rotation * Math.PI) / 180 : 0;
    p.scaleFactor = scale > 0 ? 1 + ((2 * rng.random() - 1) * scale) / 100 : 1;
    if (elasticAlpha > 0) this.drawField();
    warpImage(src, srcOffset, out, outOffset, p);
  }

  /** Fills fieldX, fieldY with this image's elastic field (see FIELD_BANK). */
  private drawField(): void {
    const rng = this.rng, n = this.elastic++;
    const bank = (this.bank ??= new Float32Array(2 * FIELD_BANK * PIXELS));
    const slot = (i: number, axis: number) => bank.subarray((axis * FIELD_BANK + i) * PIXELS, (axis * FIELD_BANK + i + 1) * PIXELS);
    const fresh = (i: number) => {
      const { noise, kernel, tmp } = this;
      const alpha = this.spec.elasticAlpha;
      elasticField(drawNoise(rng, noise), kernel, alpha, slot(i, 0), tmp);
      elasticField(drawNoise(rng, noise), kernel, alpha, slot(i, 1), tmp);
    };
    let i: number, signX = 1, signY = 1;
    if (n < FIELD_BANK) {
      i = n;
      fresh(i);
    } else {
      i = rng.int(FIELD_BANK);
      const signs = rng.nextUint32();
      signX = signs & 1 ? -1 : 1;
      signY = signs & 2 ? -1 : 1;
      if (n % FIELD_REFRESH === 0) fresh((n / FIELD_REFRESH) % FIELD_BANK);
    }
    const fx = slot(i, 0), fy = slot(i, 1), outX = this.fieldX, outY = this.fieldY;
    for (let q = 0; q < PIXELS; q++) {
      outX[q] = signX * fx[q];
      outY[q] = signY * fy[q];
    }
  }
}
