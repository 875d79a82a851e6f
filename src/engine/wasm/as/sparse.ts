/**
 * C = act(S · B + bias) with S sparse (CSR, m rows): C[i, j] = Σ_t values[t] · B[colIdx[t], j] over
 * row i's non-zeros. For the first layer on a mostly-zero batch, both X · W (S = X) and Xᵀ · dZ
 * (S = Xᵀ) touch only the non-zeros. Blocks of 16 columns (four f32x4 accumulators), then 4, then 1.
 * Leading dimensions in floats; pointers are byte offsets; bias may be 0 (none).
 */
import { activate1, activate4, madd } from './simd';

export function csrMatmul(rowPtr: usize, colIdx: usize, values: usize, m: i32, B: usize, ldb: i32, C: usize, ldc: i32, n: i32, bias: usize, act: i32): void {
  const sb = <usize>ldb << 2, sc = <usize>ldc << 2;
  const zero = f32x4.splat(0);
  for (let i = 0; i < m; i++) {
    const t0 = load<i32>(rowPtr + (<usize>i << 2)), t1 = load<i32>(rowPtr + (<usize>(i + 1) << 2));
    const c = C + <usize>i * sc;
    let j = 0;
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
