/**
 * Augmentation of the staged image rows on every thread, the arithmetic of src/data/augment.ts
 * mirrored operation for operation in f64, so a row comes out byte for byte as the TypeScript
 * Augmenter makes it (that file is the oracle; tests/unit/engine/wasm-augment.test.ts compares them).
 * The TypeScript side draws every random number and writes each row's transform (layout.ts: D_*),
 * the fresh elastic fields' noise and the pool entry each goes to; here the threads only compute:
 *   1. the fresh fields, shared out among the threads: field = α · (G_σ ∗ noise), rows then columns;
 *   2. a barrier, since a row may read a field another thread smoothed;
 *   3. the rows, shared out: out(p) = bilinear src at s = R(−θ)·(p + field(p) − c − d) / scale + c,
 *      or a byte copy for a whole-pixel shift.
 * Two pixels at a time (f64x2) in the smoothing: each lane adds the same products in the same order as
 * the scalar loop, so the sums are the TypeScript ones.
 */
import {
  AUG_DESC, AUG_SCRATCH, C_AUG_ALPHA, C_AUG_DESC, C_AUG_EVENTS, C_AUG_KERNEL, C_AUG_NOISE, C_AUG_N_EVENTS,
  C_AUG_OUT, C_AUG_POOL, C_AUG_ROWS, C_AUG_SCRATCH, C_AUG_TAPS, C_PIXELS, D_A, D_B, D_DX, D_DY, D_FIELD, D_KIND,
  D_SIGNS, D_SRC,
} from '../layout';
import { gi, gp } from './context';
import { rowShare } from './first';
import { barrier } from './sync';

// AUG_PAD (layout.ts) bounds the padded row: 28 + 2·ceil(3σ) at σ's limit (16) is 125 f64.
const S: i32 = 28;
const PIXELS: i32 = 784;
const FIELD_BYTES: usize = 2 * 784 * 4;

/** Math.round as JavaScript defines it: the integer n with n − 0.5 ≤ x < n + 0.5. */
@inline function jsRound(x: f64): f64 {
  const up = Math.ceil(x);
  return up - 0.5 <= x ? up : up - 1;
}

/** out = α · (G ∗ noise) on one axis, as elasticField in src/data/augment.ts: tmp f32 [784], pad f64 [AUG_PAD]. */
function smooth(noise: usize, kernel: usize, taps: i32, alpha: f64, out: usize, tmp: usize, pad: usize): void {
  const r = (taps - 1) >> 1;
  memory.fill(pad, 0, <usize>(S + 2 * r) << 3);
  // Row pass: tmp(x, y) = Σ_k g(k) noise(x + k − r, y) over a zero-padded row.
  for (let y = 0; y < S; y++) {
    const row = <usize>(y * S);
    for (let x = 0; x < S; x++) store<f64>(pad + (<usize>(r + x) << 3), <f64>load<f32>(noise + ((row + x) << 2)));
    for (let x = 0; x < S; x += 2) {
      let acc = f64x2.splat(0);
      for (let k = 0; k < taps; k++) {
        acc = f64x2.add(acc, f64x2.mul(f64x2.splat(<f64>load<f32>(kernel + (<usize>k << 2))), v128.load(pad + (<usize>(x + k) << 3))));
      }
      store<f32>(tmp + ((row + x) << 2), <f32>f64x2.extract_lane(acc, 0));
      store<f32>(tmp + ((row + x + 1) << 2), <f32>f64x2.extract_lane(acc, 1));
    }
  }
  // Column pass, times α: out(x, y) = α Σ_k g(k) tmp(x, y + k), k limited to the image.
  const a2 = f64x2.splat(alpha);
  for (let y = 0; y < S; y++) {
    const kLo = y < r ? -y : -r, kHi = S - 1 - y < r ? S - 1 - y : r;
    for (let x = 0; x < S; x += 2) {
      let acc = f64x2.splat(0);
      for (let k = kLo; k <= kHi; k++) {
        const t = f64x2.promote_low_f32x4(v128.load64_zero(tmp + (<usize>((y + k) * S + x) << 2)));
        acc = f64x2.add(acc, f64x2.mul(f64x2.splat(<f64>load<f32>(kernel + (<usize>(k + r) << 2))), t));
      }
      const v = f64x2.mul(a2, acc);
      store<f32>(out + (<usize>(y * S + x) << 2), <f32>f64x2.extract_lane(v, 0));
      store<f32>(out + (<usize>(y * S + x + 1) << 2), <f32>f64x2.extract_lane(v, 1));
    }
  }
}

/** out(x, y) = src(x − dx, y − dy), 0 outside: shiftImage. */
function shiftCopy(src: usize, out: usize, dx: i32, dy: i32): void {
  const x0 = max(0, dx), x1 = min(S, S + dx);
  for (let y = 0; y < S; y++) {
    const o = out + <usize>(y * S);
    const sy = y - dy;
    if (sy < 0 || sy >= S || x0 >= x1) {
      memory.fill(o, 0, S);
      continue;
    }
    memory.fill(o, 0, x0);
    memory.copy(o + x0, src + <usize>(sy * S - dx + x0), x1 - x0);
    memory.fill(o + x1, 0, S - x1);
  }
}

/** Side of the zero-padded copy of a source image that warp reads: a border of one pixel, so (−1 .. 28)². */
const P: i32 = S + 2;

/** pad[(y + 1)·30 + x + 1] = src(x, y), zeros around: the four neighbours of any point in range load with no test. */
function padImage(src: usize, pad: usize): void {
  memory.fill(pad, 0, P * P);
  for (let y = 0; y < S; y++) memory.copy(pad + <usize>((y + 1) * P + 1), src + <usize>(y * S), S);
}

/**
 * The backward-mapped warp of warpImage (src/data/augment.ts), each pixel the scalar's f64 operations
 * in its order; fx, fy the field (0: none), times sx, sy (±1); `pad` the source, zero-padded (padImage).
 * A pixel whose four neighbours are all zero is 0 without the interpolation (as it is in the
 * TypeScript warp: every term is 0): most of a digit's pixels.
 */
function warp(pad: usize, out: usize, dx: f64, dy: f64, a: f64, b: f64, fx: usize, fy: usize, sx: f64, sy: f64): void {
  const c: f64 = 13.5, last: f64 = <f64>(S - 1);
  for (let y = 0; y < S; y++) {
    const uy0 = <f64>y - c - dy;
    for (let x = 0; x < S; x++) {
      const p = y * S + x;
      let ux = <f64>x - c - dx, uy = uy0;
      if (fx) {
        ux += sx * <f64>load<f32>(fx + (<usize>p << 2));
        uy += sy * <f64>load<f32>(fy + (<usize>p << 2));
      }
      const qx = a * ux + b * uy + c, qy = -b * ux + a * uy + c;
      const fx0 = Math.floor(qx), fy0 = Math.floor(qy);
      if (fx0 < -1 || fx0 > last || fy0 < -1 || fy0 > last) {
        store<u8>(out + <usize>p, 0);
        continue;
      }
      const r0 = pad + <usize>((<i32>fy0 + 1) * P + <i32>fx0 + 1), r1 = r0 + <usize>P;
      const n00 = load<u8>(r0), n01 = load<u8>(r0, 1), n10 = load<u8>(r1), n11 = load<u8>(r1, 1);
      if ((n00 | n01 | n10 | n11) == 0) {
        store<u8>(out + <usize>p, 0);
        continue;
      }
      const tx = qx - fx0, ty = qy - fy0;
      const v00 = <f64>n00, v01 = <f64>n01, v10 = <f64>n10, v11 = <f64>n11;
      const top = v00 + (v01 - v00) * tx, bottom = v10 + (v11 - v10) * tx;
      const v = jsRound(top + (bottom - top) * ty);
      store<u8>(out + <usize>p, v < 0 ? 0 : v > 255 ? 255 : <u8>v);
    }
  }
}

/**
 * Every thread of the trainer calls this with its id: smooths its share of the fresh fields, waits for
 * the others, then augments its share of the staged rows. Returns after all threads are done.
 */
export function augmentStaged(ctx: usize, tid: i32, threads: i32): void {
  const events = gp(ctx, C_AUG_EVENTS), nEvents = gi(ctx, C_AUG_N_EVENTS), noise = gp(ctx, C_AUG_NOISE);
  const pool = gp(ctx, C_AUG_POOL), kernel = gp(ctx, C_AUG_KERNEL), taps = gi(ctx, C_AUG_TAPS);
  const alpha = load<f64>(ctx + (<usize>C_AUG_ALPHA << 2));
  const tmp = gp(ctx, C_AUG_SCRATCH) + <usize>tid * AUG_SCRATCH, pad = tmp + (<usize>PIXELS << 2);
  // The padded source image goes where the smoothing's row was (AUG_PAD f64 = 1,024 bytes ≥ 30²).
  const padded = pad;
  for (let e = rowShare(nEvents, tid, threads), e1 = rowShare(nEvents, tid + 1, threads); e < e1; e++) {
    const field = pool + <usize>load<i32>(events + (<usize>e << 2)) * FIELD_BYTES, n = noise + <usize>e * FIELD_BYTES;
    smooth(n, kernel, taps, alpha, field, tmp, pad);
    smooth(n + (<usize>PIXELS << 2), kernel, taps, alpha, field + (<usize>PIXELS << 2), tmp, pad);
  }
  barrier(ctx, threads);
  const desc = gp(ctx, C_AUG_DESC), rows = gi(ctx, C_AUG_ROWS), pixels = gp(ctx, C_PIXELS), out = gp(ctx, C_AUG_OUT);
  for (let r = rowShare(rows, tid, threads), r1 = rowShare(rows, tid + 1, threads); r < r1; r++) {
    const d = desc + <usize>(r * AUG_DESC) * 8;
    const src = pixels + <usize>(<i32>load<f64>(d + D_SRC * 8)) * PIXELS, dst = out + <usize>r * PIXELS;
    const dx = load<f64>(d + D_DX * 8), dy = load<f64>(d + D_DY * 8);
    if (load<f64>(d + D_KIND * 8) == 0) {
      shiftCopy(src, dst, <i32>dx, <i32>dy);
      continue;
    }
    const entry = <i32>load<f64>(d + D_FIELD * 8), signs = <i32>load<f64>(d + D_SIGNS * 8);
    const fx = entry < 0 ? 0 : pool + <usize>entry * FIELD_BYTES;
    padImage(src, padded);
    warp(padded, dst, dx, dy, load<f64>(d + D_A * 8), load<f64>(d + D_B * 8), fx, fx ? fx + (<usize>PIXELS << 2) : 0,
      signs & 1 ? -1 : 1, signs & 2 ? -1 : 1);
  }
  barrier(ctx, threads);
}
