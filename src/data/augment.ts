import { Rng } from '../engine/rng';
import { AUG_DESC, D_A, D_B, D_DX, D_DY, D_FIELD, D_KIND, D_SIGNS, D_SRC } from '../engine/wasm/layout';
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
  const inv = 1 / params.scaleFactor;
  // R(−θ) / scale = [[a, b], [−b, a]]
  const a = Math.cos(params.angleRad) * inv, b = Math.sin(params.angleRad) * inv;
  warpAB(src, srcOff, out, outOff, params.dx, params.dy, a, b, params.fieldX, params.fieldY);
}

/** warpImage with R(−θ) / scale given as a = cos θ / scale, b = sin θ / scale. */
function warpAB(
  src: Uint8Array, srcOff: number, out: Uint8Array, outOff: number, dx: number, dy: number, a: number, b: number,
  fieldX?: Float32Array, fieldY?: Float32Array,
): void {
  const S = IMAGE_SIDE, last = S - 1, c = (S - 1) / 2;
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
 * zeros. The noise is read from noise[noiseAt ..], the field written to out[outAt ..] (a field pool's
 * entry, with no view made). Returns out.
 */
export function elasticField(
  noise: Float32Array, kernel: Float32Array, alpha: number, out: Float32Array, tmp: Float32Array, noiseAt = 0, outAt = 0,
): Float32Array {
  const S = IMAGE_SIDE, taps = kernel.length, r = (taps - 1) >> 1;
  if (alpha === 0) return out.fill(0, outAt, outAt + PIXELS);
  // Row pass over a zero-padded copy of each row, so the inner loop has a fixed length (about a third
  // faster than clipping its bounds per pixel): tmp(x, y) = Σ_k g(k) noise(x + k, y).
  const pad = ROW_PAD;
  pad.fill(0, 0, S + 2 * r);
  for (let y = 0; y < S; y++) {
    const row = y * S;
    for (let x = 0; x < S; x++) pad[r + x] = noise[noiseAt + row + x];
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
      out[outAt + y * S + x] = alpha * acc;
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
export function drawNoise(rng: Rng, noise: Float32Array, offset = 0, count = noise.length - offset): Float32Array {
  for (let i = offset; i < offset + count; i++) noise[i] = rng.nextUint32() / 2147483648 - 1;
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

/** Values of one field entry: the x field (784) then the y field (784). */
export const FIELD_VALUES = 2 * PIXELS;

/**
 * How much room a plan of up to `rows` rows needs: fresh fields (`events`: the first FIELD_BANK images
 * each make one, later every FIELD_REFRESH-th), and pool entries (`entries`): the FIELD_BANK live ones,
 * plus as many as a plan can make, since an entry replaced in a plan may still be read by its earlier rows.
 */
export function augmentCapacity(rows: number): { events: number; entries: number } {
  const events = Math.min(rows, FIELD_BANK) + Math.ceil(rows / FIELD_REFRESH) + 1;
  return { events, entries: FIELD_BANK + events };
}

/**
 * Where a plan goes, in JavaScript memory or in the WebAssembly trainer's (layout.ts says the layout):
 * each row's transform (desc, AUG_DESC f64 a row: D_SRC, D_KIND, …), the pool entry of each fresh field
 * (events) and its noise (noise, FIELD_VALUES a field).
 */
export interface AugmentPlan {
  desc: Float64Array;
  events: Int32Array;
  noise: Float32Array;
}

/**
 * Draws per-image transforms from its own seeded Rng. Per image it draws, in this fixed order and only
 * for the parts the spec turns on: dx then dy (rng.int(2·shift + 1) − shift), the angle (uniform in
 * ±rotation degrees), the scale factor (uniform in 1 ± scale/100), then the elastic field: for the
 * first FIELD_BANK images a fresh one (drawNoise: 784 words for the x field, then 784 for the y
 * field), later a bank index (rng.int(FIELD_BANK)) and a sign word, and on every FIELD_REFRESH-th image
 * the noise of the bank's replacement field (which that image reads, if it picked that slot).
 *
 * The draws and the arithmetic are apart, so threads can share the arithmetic: plan() draws a chunk of
 * rows into an AugmentPlan (the bank's slots map to entries of a field pool; a replaced field's entry
 * is reused only in a later plan), and apply() computes it here, or the WebAssembly trainer does
 * (src/engine/wasm/as/augment.ts, every thread a share, byte for byte the same). Only a shift takes the
 * exact byte-copy path (shiftImage); anything else goes through warpImage. All scratch is allocated up
 * front (the JavaScript plan and pool on the first augmentRows), so augmenting a batch allocates nothing.
 */
export class Augmenter {
  private readonly rng: Rng;
  readonly kernel: Float32Array;
  /** Elastic images planned so far. */
  private elastic = 0;
  /** The pool entry of each bank slot (−1: not made yet). */
  private readonly slotEntry = new Int32Array(FIELD_BANK).fill(-1);
  /** Entries free to take (a ring of `free.length`), and entries replaced in the current plan. */
  private readonly free: Int32Array;
  private freeHead = 0;
  private freeCount: number;
  private readonly released: Int32Array;
  private releasedCount = 0;
  /** The JavaScript side's own plan and pool, for augmentRows; made on first use. */
  private local: { plan: AugmentPlan; pool: Float32Array } | null = null;
  private readonly tmp = new Float32Array(PIXELS);
  private readonly fieldX = new Float32Array(PIXELS);
  private readonly fieldY = new Float32Array(PIXELS);
  /** `maxRows`: the most rows a plan holds (augmentRows works in pieces of this many). */
  constructor(readonly spec: AugmentSpec, seed: number, readonly maxRows = 4096) {
    validateAugmentSpec(spec);
    // A frozen copy, so a caller editing its object later cannot slip past the validation.
    this.spec = Object.freeze({ ...spec });
    this.rng = new Rng(seed);
    this.kernel = spec.elasticAlpha > 0 ? gaussianKernel(spec.elasticSigma) : Float32Array.of(1);
    const { entries, events } = augmentCapacity(maxRows);
    this.free = Int32Array.from({ length: entries }, (_, i) => i);
    this.freeCount = entries;
    this.released = new Int32Array(events);
  }

  /** Whether rows need an elastic field (the pool and the noise). */
  get elasticFields(): boolean {
    return this.spec.elasticAlpha > 0;
  }

  /**
   * Draws rows order[start .. end) (at most maxRows) into `plan`: desc row r for image order[start + r],
   * and the fresh fields to make first. Returns the number of fresh fields.
   */
  plan(order: ArrayLike<number>, start: number, end: number, plan: AugmentPlan): number {
    const rows = end - start;
    if (rows > this.maxRows) throw new Error(`Augmenter: ${rows} rows in one plan, at most ${this.maxRows}`);
    // Entries replaced in the last plan are no longer read: free to take again.
    for (let i = 0; i < this.releasedCount; i++) this.free[(this.freeHead + this.freeCount++) % this.free.length] = this.released[i];
    this.releasedCount = 0;
    const { shift, rotation, scale, elasticAlpha } = this.spec;
    const rng = this.rng, desc = plan.desc;
    let events = 0;
    for (let r = 0; r < rows; r++) {
      const d = r * AUG_DESC;
      let dx = 0, dy = 0;
      if (shift > 0) {
        dx = rng.int(2 * shift + 1) - shift;
        dy = rng.int(2 * shift + 1) - shift;
      }
      desc[d + D_SRC] = order[start + r];
      desc[d + D_DX] = dx;
      desc[d + D_DY] = dy;
      if (rotation === 0 && scale === 0 && elasticAlpha === 0) {
        // Also the NO_AUGMENT path (dx = dy = 0): an exact copy.
        desc[d + D_KIND] = 0;
        continue;
      }
      desc[d + D_KIND] = 1;
      const angleRad = rotation > 0 ? ((2 * rng.random() - 1) * rotation * Math.PI) / 180 : 0;
      const scaleFactor = scale > 0 ? 1 + ((2 * rng.random() - 1) * scale) / 100 : 1;
      // R(−θ) / scale = [[a, b], [−b, a]], as warpImage computes it.
      const inv = 1 / scaleFactor;
      desc[d + D_A] = Math.cos(angleRad) * inv;
      desc[d + D_B] = Math.sin(angleRad) * inv;
      desc[d + D_FIELD] = -1;
      desc[d + D_SIGNS] = 0;
      if (elasticAlpha === 0) continue;
      const n = this.elastic++;
      let slot: number, signs = 0;
      if (n < FIELD_BANK) {
        slot = n;
        this.freshField(slot, events++, plan);
      } else {
        slot = rng.int(FIELD_BANK);
        signs = rng.nextUint32() & 3;
        if (n % FIELD_REFRESH === 0) this.freshField((n / FIELD_REFRESH) % FIELD_BANK, events++, plan);
      }
      desc[d + D_FIELD] = this.slotEntry[slot];
      desc[d + D_SIGNS] = signs;
    }
    return events;
  }

  /** Event e: a fresh field for bank slot `slot`, its noise drawn now into a free pool entry. */
  private freshField(slot: number, e: number, plan: AugmentPlan): void {
    if (this.freeCount === 0) throw new Error('Augmenter: the field pool is full');
    const entry = this.free[this.freeHead];
    this.freeHead = (this.freeHead + 1) % this.free.length;
    this.freeCount--;
    const old = this.slotEntry[slot];
    if (old >= 0) this.released[this.releasedCount++] = old;
    this.slotEntry[slot] = entry;
    plan.events[e] = entry;
    drawNoise(this.rng, plan.noise, e * FIELD_VALUES, PIXELS);
    drawNoise(this.rng, plan.noise, e * FIELD_VALUES + PIXELS, PIXELS);
  }

  /**
   * Computes a plan of `rows` rows with `events` fresh fields here: the fields into `pool` (entries of
   * FIELD_VALUES), then each row from `pixels` into out[outOffset + r·784 ..].
   */
  apply(plan: AugmentPlan, rows: number, events: number, pool: Float32Array, pixels: Uint8Array, out: Uint8Array, outOffset: number): void {
    const alpha = this.spec.elasticAlpha;
    for (let e = 0; e < events; e++) {
      const at = plan.events[e] * FIELD_VALUES, n = e * FIELD_VALUES;
      elasticField(plan.noise, this.kernel, alpha, pool, this.tmp, n, at);
      elasticField(plan.noise, this.kernel, alpha, pool, this.tmp, n + PIXELS, at + PIXELS);
    }
    const desc = plan.desc;
    for (let r = 0; r < rows; r++) {
      const d = r * AUG_DESC, src = desc[d + D_SRC] * PIXELS, o = outOffset + r * PIXELS;
      if (desc[d + D_KIND] === 0) {
        shiftImage(pixels, src, out, o, desc[d + D_DX], desc[d + D_DY]);
        continue;
      }
      const entry = desc[d + D_FIELD];
      if (entry >= 0) {
        const signs = desc[d + D_SIGNS], sx = signs & 1 ? -1 : 1, sy = signs & 2 ? -1 : 1, at = entry * FIELD_VALUES;
        for (let q = 0; q < PIXELS; q++) {
          this.fieldX[q] = sx * pool[at + q];
          this.fieldY[q] = sy * pool[at + PIXELS + q];
        }
      }
      const fx = entry >= 0 ? this.fieldX : undefined, fy = entry >= 0 ? this.fieldY : undefined;
      warpAB(pixels, src, out, o, desc[d + D_DX], desc[d + D_DY], desc[d + D_A], desc[d + D_B], fx, fy);
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
    const local = (this.local ??= this.makeLocal());
    for (let at = start; at < end; at += this.maxRows) {
      const to = Math.min(end, at + this.maxRows);
      const events = this.plan(order, at, to, local.plan);
      this.apply(local.plan, to - at, events, local.pool, pixels, out, outOffset + (at - start) * PIXELS);
    }
  }

  private makeLocal(): { plan: AugmentPlan; pool: Float32Array } {
    const { events, entries } = augmentCapacity(this.maxRows), fields = this.elasticFields;
    return {
      plan: { desc: new Float64Array(this.maxRows * AUG_DESC), events: new Int32Array(events), noise: new Float32Array(fields ? events * FIELD_VALUES : 0) },
      pool: new Float32Array(fields ? entries * FIELD_VALUES : 0),
    };
  }
}
