/**
 * Dense matrix products on row-major f32 blocks with leading dimensions (lda, ldb, ldc in floats), so a
 * thread can work on a block of columns or rows of a larger matrix. The three forms of the backward
 * pass, so that no transpose is ever built:
 *   matmul        C[m, n] = act(A[m, k] · B[k, n] + bias)      forward: Z = X · W + b
 *   matmulTransA  C[m, n] = A[k, m]ᵀ · B[k, n]               weight gradient: dW = Xᵀ · dZ
 *   matmulTransB  C[m, n] = A[m, k] · B[n, k]ᵀ               input gradient: dX = dZ · Wᵀ
 * All pointers are byte offsets. Register blocking: 4 rows × 8 columns (8 f32x4 accumulators), the
 * best of the shapes measured here (4 × 16 runs out of x64's 16 vector registers).
 */
import { activate1, activate4, madd } from './simd';

@inline function biasAt(bias: usize, j: i32): v128 {
  return bias ? v128.load(bias + (<usize>j << 2)) : f32x4.splat(0);
}

@inline function bias1(bias: usize, j: i32): f32 {
  return bias ? load<f32>(bias + (<usize>j << 2)) : 0;
}

/** C = act(A · B + bias); bias may be 0 (none). Shapes: A [m, k], B [k, n], C [m, n]. */
export function matmul(A: usize, lda: i32, B: usize, ldb: i32, C: usize, ldc: i32, m: i32, k: i32, n: i32, bias: usize, act: i32): void {
  const sa = <usize>lda << 2, sb = <usize>ldb << 2, sc = <usize>ldc << 2;
  let i = 0;
  for (; i + 4 <= m; i += 4) {
    const a0 = A + <usize>i * sa, a1 = a0 + sa, a2 = a1 + sa, a3 = a2 + sa;
    const c0 = C + <usize>i * sc, c1 = c0 + sc, c2 = c1 + sc, c3 = c2 + sc;
    let j = 0;
    for (; j + 8 <= n; j += 8) {
      const jb = <usize>j << 2;
      let x00 = biasAt(bias, j), x01 = biasAt(bias, j + 4);
      let x10 = x00, x11 = x01, x20 = x00, x21 = x01, x30 = x00, x31 = x01;
      let b = B + jb;
      for (let p = 0; p < k; p++) {
        const pb = <usize>p << 2;
        const y0 = v128.load(b), y1 = v128.load(b, 16);
        const v0 = v128.load32_splat(a0 + pb), v1 = v128.load32_splat(a1 + pb);
        const v2 = v128.load32_splat(a2 + pb), v3 = v128.load32_splat(a3 + pb);
        x00 = madd(v0, y0, x00); x01 = madd(v0, y1, x01);
        x10 = madd(v1, y0, x10); x11 = madd(v1, y1, x11);
        x20 = madd(v2, y0, x20); x21 = madd(v2, y1, x21);
        x30 = madd(v3, y0, x30); x31 = madd(v3, y1, x31);
        b += sb;
      }
      v128.store(c0 + jb, activate4(act, x00)); v128.store(c0 + jb, activate4(act, x01), 16);
      v128.store(c1 + jb, activate4(act, x10)); v128.store(c1 + jb, activate4(act, x11), 16);
      v128.store(c2 + jb, activate4(act, x20)); v128.store(c2 + jb, activate4(act, x21), 16);
      v128.store(c3 + jb, activate4(act, x30)); v128.store(c3 + jb, activate4(act, x31), 16);
    }
    for (; j + 4 <= n; j += 4) {
      const jb = <usize>j << 2;
      let x0 = biasAt(bias, j), x1 = x0, x2 = x0, x3 = x0;
      let b = B + jb;
      for (let p = 0; p < k; p++) {
        const pb = <usize>p << 2;
        const y = v128.load(b);
        x0 = madd(v128.load32_splat(a0 + pb), y, x0);
        x1 = madd(v128.load32_splat(a1 + pb), y, x1);
        x2 = madd(v128.load32_splat(a2 + pb), y, x2);
        x3 = madd(v128.load32_splat(a3 + pb), y, x3);
        b += sb;
      }
      v128.store(c0 + jb, activate4(act, x0)); v128.store(c1 + jb, activate4(act, x1));
      v128.store(c2 + jb, activate4(act, x2)); v128.store(c3 + jb, activate4(act, x3));
    }
    for (; j < n; j++) {
      const jb = <usize>j << 2;
      let x0 = bias1(bias, j), x1 = x0, x2 = x0, x3 = x0;
      let b = B + jb;
      for (let p = 0; p < k; p++) {
        const pb = <usize>p << 2, y = load<f32>(b);
        x0 += load<f32>(a0 + pb) * y; x1 += load<f32>(a1 + pb) * y;
        x2 += load<f32>(a2 + pb) * y; x3 += load<f32>(a3 + pb) * y;
        b += sb;
      }
      store<f32>(c0 + jb, activate1(act, x0)); store<f32>(c1 + jb, activate1(act, x1));
      store<f32>(c2 + jb, activate1(act, x2)); store<f32>(c3 + jb, activate1(act, x3));
    }
  }
  for (; i < m; i++) {
    const a0 = A + <usize>i * sa, c0 = C + <usize>i * sc;
    let j = 0;
    for (; j + 8 <= n; j += 8) {
      const jb = <usize>j << 2;
      let x0 = biasAt(bias, j), x1 = biasAt(bias, j + 4);
      let b = B + jb;
      for (let p = 0; p < k; p++) {
        const v = v128.load32_splat(a0 + (<usize>p << 2));
        x0 = madd(v, v128.load(b), x0); x1 = madd(v, v128.load(b, 16), x1);
        b += sb;
      }
      v128.store(c0 + jb, activate4(act, x0)); v128.store(c0 + jb, activate4(act, x1), 16);
    }
    for (; j + 4 <= n; j += 4) {
      const jb = <usize>j << 2;
      let x0 = biasAt(bias, j);
      let b = B + jb;
      for (let p = 0; p < k; p++) {
        x0 = madd(v128.load32_splat(a0 + (<usize>p << 2)), v128.load(b), x0);
        b += sb;
      }
      v128.store(c0 + jb, activate4(act, x0));
    }
    for (; j < n; j++) {
      const jb = <usize>j << 2;
      let x0 = bias1(bias, j);
      let b = B + jb;
      for (let p = 0; p < k; p++) { x0 += load<f32>(a0 + (<usize>p << 2)) * load<f32>(b); b += sb; }
      store<f32>(c0 + jb, activate1(act, x0));
    }
  }
}

/** C = Aᵀ · B. Shapes: A [k, m], B [k, n], C [m, n]; C[i, j] = Σ_p A[p, i] · B[p, j]. */
export function matmulTransA(A: usize, lda: i32, B: usize, ldb: i32, C: usize, ldc: i32, m: i32, k: i32, n: i32): void {
  const sa = <usize>lda << 2, sb = <usize>ldb << 2, sc = <usize>ldc << 2;
  const zero = f32x4.splat(0);
  let i = 0;
  for (; i + 4 <= m; i += 4) {
    const c0 = C + <usize>i * sc, c1 = c0 + sc, c2 = c1 + sc, c3 = c2 + sc;
    const ai = A + (<usize>i << 2);
    let j = 0;
    for (; j + 8 <= n; j += 8) {
      const jb = <usize>j << 2;
      let x00 = zero, x01 = zero, x10 = zero, x11 = zero, x20 = zero, x21 = zero, x30 = zero, x31 = zero;
      let a = ai, b = B + jb;
      for (let p = 0; p < k; p++) {
        const y0 = v128.load(b), y1 = v128.load(b, 16);
        const v0 = v128.load32_splat(a), v1 = v128.load32_splat(a, 4);
        const v2 = v128.load32_splat(a, 8), v3 = v128.load32_splat(a, 12);
        x00 = madd(v0, y0, x00); x01 = madd(v0, y1, x01);
        x10 = madd(v1, y0, x10); x11 = madd(v1, y1, x11);
        x20 = madd(v2, y0, x20); x21 = madd(v2, y1, x21);
        x30 = madd(v3, y0, x30); x31 = madd(v3, y1, x31);
        a += sa; b += sb;
      }
      v128.store(c0 + jb, x00); v128.store(c0 + jb, x01, 16);
      v128.store(c1 + jb, x10); v128.store(c1 + jb, x11, 16);
      v128.store(c2 + jb, x20); v128.store(c2 + jb, x21, 16);
      v128.store(c3 + jb, x30); v128.store(c3 + jb, x31, 16);
    }
    for (; j + 4 <= n; j += 4) {
      const jb = <usize>j << 2;
      let x0 = zero, x1 = zero, x2 = zero, x3 = zero;
      let a = ai, b = B + jb;
      for (let p = 0; p < k; p++) {
        const y = v128.load(b);
        x0 = madd(v128.load32_splat(a), y, x0); x1 = madd(v128.load32_splat(a, 4), y, x1);
        x2 = madd(v128.load32_splat(a, 8), y, x2); x3 = madd(v128.load32_splat(a, 12), y, x3);
        a += sa; b += sb;
      }
      v128.store(c0 + jb, x0); v128.store(c1 + jb, x1); v128.store(c2 + jb, x2); v128.store(c3 + jb, x3);
    }
    for (; j < n; j++) {
      const jb = <usize>j << 2;
      let x0: f32 = 0, x1: f32 = 0, x2: f32 = 0, x3: f32 = 0;
      let a = ai, b = B + jb;
      for (let p = 0; p < k; p++) {
        const y = load<f32>(b);
        x0 += load<f32>(a) * y; x1 += load<f32>(a, 4) * y; x2 += load<f32>(a, 8) * y; x3 += load<f32>(a, 12) * y;
        a += sa; b += sb;
      }
      store<f32>(c0 + jb, x0); store<f32>(c1 + jb, x1); store<f32>(c2 + jb, x2); store<f32>(c3 + jb, x3);
    }
  }
  for (; i < m; i++) {
    const c0 = C + <usize>i * sc, ai = A + (<usize>i << 2);
    let j = 0;
    for (; j + 4 <= n; j += 4) {
      const jb = <usize>j << 2;
      let x0 = zero;
      let a = ai, b = B + jb;
      for (let p = 0; p < k; p++) { x0 = madd(v128.load32_splat(a), v128.load(b), x0); a += sa; b += sb; }
      v128.store(c0 + jb, x0);
    }
    for (; j < n; j++) {
      const jb = <usize>j << 2;
      let x0: f32 = 0;
      let a = ai, b = B + jb;
      for (let p = 0; p < k; p++) { x0 += load<f32>(a) * load<f32>(b); a += sa; b += sb; }
      store<f32>(c0 + jb, x0);
    }
  }
}

/** Horizontal sum of four lanes. */
@inline function hsum(v: v128): f32 {
  return f32x4.extract_lane(v, 0) + f32x4.extract_lane(v, 1) + f32x4.extract_lane(v, 2) + f32x4.extract_lane(v, 3);
}

/** C = A · Bᵀ. Shapes: A [m, k], B [n, k], C [m, n]; C[i, j] = Σ_p A[i, p] · B[j, p] (dot products along p). */
export function matmulTransB(A: usize, lda: i32, B: usize, ldb: i32, C: usize, ldc: i32, m: i32, k: i32, n: i32): void {
  const sa = <usize>lda << 2, sb = <usize>ldb << 2, sc = <usize>ldc << 2;
  const k4 = k & ~3;
  const zero = f32x4.splat(0);
  let i = 0;
  for (; i + 4 <= m; i += 4) {
    const a0 = A + <usize>i * sa, a1 = a0 + sa, a2 = a1 + sa, a3 = a2 + sa;
    const c0 = C + <usize>i * sc;
    for (let j = 0; j < n; j++) {
      const b = B + <usize>j * sb;
      let x0 = zero, x1 = zero, x2 = zero, x3 = zero;
      let p = 0;
      for (; p < k4; p += 4) {
        const pb = <usize>p << 2, y = v128.load(b + pb);
        x0 = madd(v128.load(a0 + pb), y, x0); x1 = madd(v128.load(a1 + pb), y, x1);
        x2 = madd(v128.load(a2 + pb), y, x2); x3 = madd(v128.load(a3 + pb), y, x3);
      }
      let s0 = hsum(x0), s1 = hsum(x1), s2 = hsum(x2), s3 = hsum(x3);
      for (; p < k; p++) {
        const pb = <usize>p << 2, y = load<f32>(b + pb);
        s0 += load<f32>(a0 + pb) * y; s1 += load<f32>(a1 + pb) * y;
        s2 += load<f32>(a2 + pb) * y; s3 += load<f32>(a3 + pb) * y;
      }
      const o = c0 + (<usize>j << 2);
      store<f32>(o, s0); store<f32>(o + sc, s1); store<f32>(o + 2 * sc, s2); store<f32>(o + 3 * sc, s3);
    }
  }
  for (; i < m; i++) {
    const a0 = A + <usize>i * sa, c0 = C + <usize>i * sc;
    for (let j = 0; j < n; j++) {
      const b = B + <usize>j * sb;
      let x0 = zero;
      let p = 0;
      for (; p < k4; p += 4) x0 = madd(v128.load(a0 + (<usize>p << 2)), v128.load(b + (<usize>p << 2)), x0);
      let s0 = hsum(x0);
      for (; p < k; p++) s0 += load<f32>(a0 + (<usize>p << 2)) * load<f32>(b + (<usize>p << 2));
      store<f32>(c0 + (<usize>j << 2), s0);
    }
  }
}
