/**
 * C = act(S · B + bias) with S sparse (CSR, m rows): C[i, j] = Σ_t values[t] · B[colIdx[t], j] over
 * row i's non-zeros. For the first layer on a mostly-zero batch, both X · W (S = X) and Xᵀ · dZ
 * (S = Xᵀ) touch only the non-zeros. Blocks of 16 columns (four f32x4 accumulators), then 4, then 1.
 * Leading dimensions in floats; pointers are byte offsets; bias may be 0 (none).
 */
import { updateOne, updateVec } from './optim';
import { activate1, activate4, madd } from './simd';

export function csrMatmul(rowPtr: usize, colIdx: usize, values: usize, m: i32, B: usize, ldb: i32, C: usize, ldc: i32, n: i32, bias: usize, act: i32): void {
  const sb = <usize>ldb << 2, sc = <usize>ldc << 2;
  const zero = f32x4.splat(0);
  for (let i = 0; i < m; i++) {
    const t0 = load<i32>(rowPtr + (<usize>i << 2)), t1 = load<i32>(rowPtr + (<usize>(i + 1) << 2));
    const c = C + <usize>i * sc;
    let j = 0;
    // 32 columns at a time (eight accumulators) while they last: half the passes over the non-zeros.
    for (; j + 32 <= n; j += 32) {
      const jb = <usize>j << 2;
      let x0 = zero, x1 = zero, x2 = zero, x3 = zero, x4 = zero, x5 = zero, x6 = zero, x7 = zero;
      if (bias) {
        x0 = v128.load(bias + jb); x1 = v128.load(bias + jb, 16); x2 = v128.load(bias + jb, 32); x3 = v128.load(bias + jb, 48);
        x4 = v128.load(bias + jb, 64); x5 = v128.load(bias + jb, 80); x6 = v128.load(bias + jb, 96); x7 = v128.load(bias + jb, 112);
      }
      for (let t = t0; t < t1; t++) {
        const v = v128.load32_splat(values + (<usize>t << 2));
        const b = B + <usize>load<i32>(colIdx + (<usize>t << 2)) * sb + jb;
        x0 = madd(v, v128.load(b), x0); x1 = madd(v, v128.load(b, 16), x1);
        x2 = madd(v, v128.load(b, 32), x2); x3 = madd(v, v128.load(b, 48), x3);
        x4 = madd(v, v128.load(b, 64), x4); x5 = madd(v, v128.load(b, 80), x5);
        x6 = madd(v, v128.load(b, 96), x6); x7 = madd(v, v128.load(b, 112), x7);
      }
      v128.store(c + jb, activate4(act, x0)); v128.store(c + jb, activate4(act, x1), 16);
      v128.store(c + jb, activate4(act, x2), 32); v128.store(c + jb, activate4(act, x3), 48);
      v128.store(c + jb, activate4(act, x4), 64); v128.store(c + jb, activate4(act, x5), 80);
      v128.store(c + jb, activate4(act, x6), 96); v128.store(c + jb, activate4(act, x7), 112);
    }
    for (; j + 16 <= n; j += 16) {
      const jb = <usize>j << 2;
      let x0 = zero, x1 = zero, x2 = zero, x3 = zero;
      if (bias) { x0 = v128.load(bias + jb); x1 = v128.load(bias + jb, 16); x2 = v128.load(bias + jb, 32); x3 = v128.load(bias + jb, 48); }
      for (let t = t0; t < t1; t++) {
        const v = v128.load32_splat(values + (<usize>t << 2));
        const b = B + <usize>load<i32>(colIdx + (<usize>t << 2)) * sb + jb;
        x0 = madd(v, v128.load(b), x0); x1 = madd(v, v128.load(b, 16), x1);
        x2 = madd(v, v128.load(b, 32), x2); x3 = madd(v, v128.load(b, 48), x3);
      }
      v128.store(c + jb, activate4(act, x0)); v128.store(c + jb, activate4(act, x1), 16);
      v128.store(c + jb, activate4(act, x2), 32); v128.store(c + jb, activate4(act, x3), 48);
    }
    for (; j + 4 <= n; j += 4) {
      const jb = <usize>j << 2;
      let x0 = bias ? v128.load(bias + jb) : zero;
      for (let t = t0; t < t1; t++) {
        const b = B + <usize>load<i32>(colIdx + (<usize>t << 2)) * sb + jb;
        x0 = madd(v128.load32_splat(values + (<usize>t << 2)), v128.load(b), x0);
      }
      v128.store(c + jb, activate4(act, x0));
    }
    for (; j < n; j++) {
      const jb = <usize>j << 2;
      let x0: f32 = bias ? load<f32>(bias + jb) : 0;
      for (let t = t0; t < t1; t++) {
        x0 += load<f32>(values + (<usize>t << 2)) * load<f32>(B + <usize>load<i32>(colIdx + (<usize>t << 2)) * sb + jb);
      }
      store<f32>(c + jb, activate1(act, x0));
    }
  }
}

/**
 * The first layer's weight gradient and update in one pass over a sparse batch. S is Xᵀ as CSR (m = the
 * inputs), so row p lists the batch rows i where input p is non-zero:
 *   g[p, 0..n) = Σ_t values[t] · dZ[colIdx[t], 0..n)
 * and W[p, 0..n) is updated with g in registers (optim.ts), g stored to dW only when dW is not 0. An
 * input that is zero in the whole batch has g = 0, which plain SGD without decay skips. W, dW, M and V
 * share the leading dimension ldw; M and V are 0 where the optimiser keeps no moments.
 */
export function csrGradUpdate(rowPtr: usize, colIdx: usize, values: usize, m: i32, dZ: usize, ldz: i32, n: i32,
  W: usize, dW: usize, M: usize, V: usize, ldw: i32,
  opt: i32, lr: f32, wd: f32, mom: f32, b1: f32, b2: f32, alpha: f32, epsHat: f32): void {
  const sz = <usize>ldz << 2, sw = <usize>ldw << 2;
  const zero = f32x4.splat(0);
  const skipEmpty = opt == 0 && wd == 0 && dW == 0;
  for (let p = 0; p < m; p++) {
    const t0 = load<i32>(rowPtr + (<usize>p << 2)), t1 = load<i32>(rowPtr + (<usize>(p + 1) << 2));
    if (t0 == t1 && skipEmpty) continue;
    const o = <usize>p * sw;
    let j = 0;
    for (; j + 16 <= n; j += 16) {
      const jb = <usize>j << 2;
      let g0 = zero, g1 = zero, g2 = zero, g3 = zero;
      for (let t = t0; t < t1; t++) {
        const v = v128.load32_splat(values + (<usize>t << 2));
        const d = dZ + <usize>load<i32>(colIdx + (<usize>t << 2)) * sz + jb;
        g0 = madd(v, v128.load(d), g0); g1 = madd(v, v128.load(d, 16), g1);
        g2 = madd(v, v128.load(d, 32), g2); g3 = madd(v, v128.load(d, 48), g3);
      }
      const q = o + jb;
      if (dW) { v128.store(dW + q, g0); v128.store(dW + q, g1, 16); v128.store(dW + q, g2, 32); v128.store(dW + q, g3, 48); }
      updateVec(opt, lr, wd, mom, b1, b2, alpha, epsHat, W + q, g0, M + q, V + q);
      updateVec(opt, lr, wd, mom, b1, b2, alpha, epsHat, W + q + 16, g1, M + q + 16, V + q + 16);
      updateVec(opt, lr, wd, mom, b1, b2, alpha, epsHat, W + q + 32, g2, M + q + 32, V + q + 32);
      updateVec(opt, lr, wd, mom, b1, b2, alpha, epsHat, W + q + 48, g3, M + q + 48, V + q + 48);
    }
    for (; j + 4 <= n; j += 4) {
      const jb = <usize>j << 2;
      let g0 = zero;
      for (let t = t0; t < t1; t++) {
        g0 = madd(v128.load32_splat(values + (<usize>t << 2)), v128.load(dZ + <usize>load<i32>(colIdx + (<usize>t << 2)) * sz + jb), g0);
      }
      const q = o + jb;
      if (dW) v128.store(dW + q, g0);
      updateVec(opt, lr, wd, mom, b1, b2, alpha, epsHat, W + q, g0, M + q, V + q);
    }
    for (; j < n; j++) {
      const jb = <usize>j << 2;
      let g0: f32 = 0;
      for (let t = t0; t < t1; t++) g0 += load<f32>(values + (<usize>t << 2)) * load<f32>(dZ + <usize>load<i32>(colIdx + (<usize>t << 2)) * sz + jb);
      const q = o + jb;
      if (dW) store<f32>(dW + q, g0);
      updateOne(opt, lr, wd, mom, b1, b2, alpha, epsHat, W + q, g0, M + q, V + q);
    }
  }
}
