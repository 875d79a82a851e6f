import { type FeatureSpec, type Schema, featureWidth } from '../data/schema';

/**
 * The plane of a decision map: two numeric features span it (indices into schema.features), and every
 * other feature is held at one value, in the file's units (a number, or a category's name).
 */
export interface MapPlane {
  x: number;
  y: number;
  /** One value per feature; those of x and y are unused. */
  held: (number | string)[];
}

/** What the page asks for: any part left null takes its default (resolvePlane). */
export interface MapRequest {
  x: number | null;
  y: number | null;
  /** Held values set by the user, by feature index; the others stay at their defaults. */
  held: Record<number, number | string>;
}

/** A numeric feature's range over the training rows, in the file's units. */
export interface FeatureRange { lo: number; hi: number }

/** Grid points a side: the plane is GRID_SIDE × GRID_SIDE points (one batch of 10,000). */
export const GRID_SIDE = 100;

/** The features that can span a plane: the numeric ones (a category has no axis to sweep). */
export function axisFeatures(schema: Schema): number[] {
  return schema.features.flatMap((f, i) => (f.kind === 'numeric' ? [i] : []));
}

/** Each feature's first input (its one-hot group starts there for a category). */
export function inputOffsets(schema: Schema): number[] {
  let at = 0;
  return schema.features.map((f) => {
    const o = at;
    at += featureWidth(f);
    return o;
  });
}

/**
 * The two numeric features the first layer weighs most: the largest ‖W1[i, :]‖₂, the norm of the
 * weights leaving input i (inputs are standardised, so their weights compare). W1: [inputs, hidden]
 * row-major, as Linear keeps it; for a model without hidden layer the output layer's.
 */
export function defaultPair(schema: Schema, W1: Float32Array, outFeatures: number): [number, number] | null {
  const axes = axisFeatures(schema), offsets = inputOffsets(schema);
  if (axes.length < 2) return null;
  const weight = (f: number) => {
    let s = 0;
    for (let j = 0, o = offsets[f] * outFeatures; j < outFeatures; j++) s += W1[o + j] * W1[o + j];
    return s;
  };
  const ranked = [...axes].sort((a, b) => weight(b) - weight(a) || a - b);
  return [Math.min(ranked[0], ranked[1]), Math.max(ranked[0], ranked[1])];
}

/** Held values by default: each feature's training median (a number) or most common category, the schema's `fill`. */
export function heldDefaults(schema: Schema): (number | string)[] {
  return schema.features.map((f) => f.fill);
}

/**
 * The page's request made whole: the default pair where x or y is missing (or not a numeric feature,
 * or the same one twice), the fills where no value is held. Null when the schema has fewer than two
 * numeric features or is an image's (two pixels are not a meaningful plane).
 */
export function resolvePlane(schema: Schema, request: MapRequest, pair: [number, number] | null): MapPlane | null {
  if (schema.image || !pair) return null;
  const axes = axisFeatures(schema);
  const x = request.x !== null && axes.includes(request.x) ? request.x : pair[0];
  let y = request.y !== null && axes.includes(request.y) ? request.y : pair[1];
  if (x === y) y = [pair[1], pair[0], ...axes].find((a) => a !== x)!;
  const held = heldDefaults(schema).map((v, i) => {
    const want = request.held[i];
    const f = schema.features[i];
    if (want === undefined) return v;
    if (f.kind === 'numeric') return typeof want === 'number' && Number.isFinite(want) ? want : v;
    return typeof want === 'string' && f.categories.includes(want) ? want : v;
  });
  return { x, y, held };
}

/** A value of a feature as its inputs: (v − mean) / std for a number (0 when std is 0, as encodeRows does), one-hot for a category. */
export function encodeFeature(f: FeatureSpec, v: number | string, out: Float32Array, at: number): void {
  if (f.kind === 'numeric') {
    out[at] = f.std > 0 ? (Number(v) - f.mean) * (1 / f.std) : 0;
    return;
  }
  for (let j = 0; j < f.categories.length; j++) out[at + j] = 0;
  const j = f.categories.indexOf(String(v));
  if (j >= 0) out[at + j] = 1;
}

/** The value at grid step k of `side` over a range (k = 0 at lo, side − 1 at hi). */
export const gridValue = (r: FeatureRange, k: number, side: number) => r.lo + ((r.hi - r.lo) * k) / (side - 1);

/**
 * The grid's inputs, [side², inputSize] row-major into `out`: point (row i, column j) has the x
 * feature at step j of its range (left to right) and the y feature at step side − 1 − i (top row the
 * largest, as a plot reads), every other feature at its held value.
 */
export function gridInputs(schema: Schema, plane: MapPlane, xRange: FeatureRange, yRange: FeatureRange, side: number, out: Float32Array): void {
  const w = schema.inputSize, offsets = inputOffsets(schema);
  const base = new Float32Array(w);
  schema.features.forEach((f, i) => encodeFeature(f, plane.held[i], base, offsets[i]));
  const fx = schema.features[plane.x], fy = schema.features[plane.y], ox = offsets[plane.x], oy = offsets[plane.y];
  const xs = new Float32Array(1), ys = new Float32Array(1);
  for (let i = 0; i < side; i++) {
    encodeFeature(fy, gridValue(yRange, side - 1 - i, side), ys, 0);
    for (let j = 0; j < side; j++) {
      encodeFeature(fx, gridValue(xRange, j, side), xs, 0);
      const at = (i * side + j) * w;
      out.set(base, at);
      out[at + ox] = xs[0];
      out[at + oy] = ys[0];
    }
  }
}

/** Rows a feature's range is measured on at most: evenly spaced, enough for the extremes that matter. */
export const RANGE_ROWS = 4096;

/**
 * Each numeric feature's range over the given rows of a table's encoded inputs (at most RANGE_ROWS of
 * them, evenly spaced), back in the file's units (x · std + mean); padded by 5% on each side so that
 * the extreme rows sit inside the plane. A feature with one value gets ±1 around it. Categories get null.
 */
export function featureRanges(schema: Schema, x: Float32Array, rows: ArrayLike<number>): (FeatureRange | null)[] {
  const w = schema.inputSize, offsets = inputOffsets(schema), n = schema.features.length;
  const lo = new Float64Array(n).fill(Infinity), hi = new Float64Array(n).fill(-Infinity);
  const numeric = schema.features.flatMap((f, i) => (f.kind === 'numeric' ? [i] : []));
  const count = Math.min(rows.length, RANGE_ROWS), step = rows.length / Math.max(1, count);
  for (let k = 0; k < count; k++) {
    const base = rows[Math.floor(k * step)] * w;
    for (const i of numeric) {
      const v = x[base + offsets[i]];
      if (v < lo[i]) lo[i] = v;
      if (v > hi[i]) hi[i] = v;
    }
  }
  return schema.features.map((f, i) => {
    if (f.kind !== 'numeric') return null;
    if (!(hi[i] >= lo[i])) return { lo: f.fill - 1, hi: f.fill + 1 };
    const a = lo[i] * f.std + f.mean, b = hi[i] * f.std + f.mean;
    if (!(b > a)) return { lo: a - 1, hi: a + 1 };
    const pad = 0.05 * (b - a);
    return { lo: a - pad, hi: b + pad };
  });
}
