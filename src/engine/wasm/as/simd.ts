/**
 * The vector helpers every kernel uses: a multiply-add that is one fused instruction where relaxed
 * SIMD is compiled in (ASC_FEATURE_RELAXED_SIMD, the `relaxed` builds) and a multiply then an add
 * elsewhere, and a four-lane exp.
 */

/** a · b + c, four lanes. Fused (one rounding) in the relaxed builds, so their last bits differ. */
@inline export function madd(a: v128, b: v128, c: v128): v128 {
  if (ASC_FEATURE_RELAXED_SIMD) return f32x4.relaxed_madd(a, b, c);
  return f32x4.add(f32x4.mul(a, b), c);
}

/**
 * e^x, four lanes, within 2 ulp over [−87, 88] (Cephes' expf): x = n·ln2 + r with |r| ≤ ln2/2,
 * e^r by its degree-6 Taylor polynomial in Horner form, then 2^n by building the float's exponent.
 * Inputs are clamped to [−87.3, 88.7] so the result stays finite; NaN stays NaN (wasm min/max
 * propagate it).
 */
@inline export function exp4(x: v128): v128 {
  x = f32x4.min(f32x4.max(x, f32x4.splat(-87.3)), f32x4.splat(88.7));
  const n = f32x4.nearest(f32x4.mul(x, f32x4.splat(1.44269504)));
  let r = f32x4.sub(x, f32x4.mul(n, f32x4.splat(0.693359375)));
  r = f32x4.add(r, f32x4.mul(n, f32x4.splat(2.12194440e-4)));
  let p = f32x4.splat(1.0 / 720.0);
  p = madd(p, r, f32x4.splat(1.0 / 120.0));
  p = madd(p, r, f32x4.splat(1.0 / 24.0));
  p = madd(p, r, f32x4.splat(1.0 / 6.0));
  p = madd(p, r, f32x4.splat(0.5));
  p = madd(p, r, f32x4.splat(1.0));
  p = madd(p, r, f32x4.splat(1.0));
  const scale = i32x4.shl(i32x4.add(i32x4.trunc_sat_f32x4_s(n), i32x4.splat(127)), 23);
  return f32x4.mul(p, scale);
}

/** The activation of kind `act` (layout.ts ACT_*) on four lanes: ReLU max(0, x), sigmoid, tanh. */
@inline export function activate4(act: i32, z: v128): v128 {
  if (act == 1) return f32x4.max(z, f32x4.splat(0)); // NaN stays NaN, so a diverged run is seen
  if (act == 2) return f32x4.div(f32x4.splat(1), f32x4.add(f32x4.splat(1), exp4(f32x4.neg(z))));
  if (act == 3) return f32x4.sub(f32x4.splat(1), f32x4.div(f32x4.splat(2), f32x4.add(exp4(f32x4.add(z, z)), f32x4.splat(1))));
  return z;
}

/** The same activation on one value (column tails), through the four-lane form so tails round alike. */
@inline export function activate1(act: i32, z: f32): f32 {
  if (act == 0) return z;
  return f32x4.extract_lane(activate4(act, f32x4.splat(z)), 0);
}
