/**
 * Matrix kernels: `matmul` and the two transposed variants the backward pass needs, so no transpose is
 * ever materialised, plus bias broadcast, axis-0 sums and row argmax.
 *
 * Why the kernels look the way they do (measured in V8 on MNIST batches while building them):
 * - 4x4 register blocking: 16 running sums live in local variables, so each loaded value of A is used 4
 *   times and each of B 4 times, and the output is written once, not read-modify-written per step.
 *   Loop order alone gains nothing in V8; the locals do.
 * - Zero skipping: when the four A values of a step are all zero, the step is skipped. MNIST pixels are
 *   81% zeros and ReLU outputs about half, so this halves the work or better. Dense inputs pay only one
 *   comparison per step.
 * Sums are accumulated in float64 locals and stored as float32.
 */
import { argmax } from './argmax';
import { type Matrix, assertShape, shapeOf } from './matrix';

/** `out = a · b` (`a @ b`). Shapes: a `[m, k]`, b `[k, n]`, out `[m, n]`. Returns out. */
export function matmul(a: Matrix, b: Matrix, out: Matrix): Matrix {
  const m = a.rows, k = a.cols, n = b.cols;
  if (b.rows !== k) throw new Error(`matmul: inner dimensions differ, a ${shapeOf(a)} · b ${shapeOf(b)}`);
  assertShape('matmul output', out, m, n);
  const A = a.data, B = b.data, C = out.data;
  const m4 = m - (m % 4), n4 = n - (n % 4);
  for (let i = 0; i < m4; i += 4) {
    const r0 = i * k, r1 = r0 + k, r2 = r1 + k, r3 = r2 + k;
    for (let j = 0; j < n4; j += 4) {
      let c00 = 0, c01 = 0, c02 = 0, c03 = 0, c10 = 0, c11 = 0, c12 = 0, c13 = 0;
      let c20 = 0, c21 = 0, c22 = 0, c23 = 0, c30 = 0, c31 = 0, c32 = 0, c33 = 0;
      for (let p = 0; p < k; p++) {
        const x0 = A[r0 + p], x1 = A[r1 + p], x2 = A[r2 + p], x3 = A[r3 + p];
        if (x0 === 0 && x1 === 0 && x2 === 0 && x3 === 0) continue;
        const q = p * n + j;
        const y0 = B[q], y1 = B[q + 1], y2 = B[q + 2], y3 = B[q + 3];
        c00 += x0 * y0; c01 += x0 * y1; c02 += x0 * y2; c03 += x0 * y3;
        c10 += x1 * y0; c11 += x1 * y1; c12 += x1 * y2; c13 += x1 * y3;
        c20 += x2 * y0; c21 += x2 * y1; c22 += x2 * y2; c23 += x2 * y3;
        c30 += x3 * y0; c31 += x3 * y1; c32 += x3 * y2; c33 += x3 * y3;
      }
      let o = i * n + j;
      C[o] = c00; C[o + 1] = c01; C[o + 2] = c02; C[o + 3] = c03; o += n;
      C[o] = c10; C[o + 1] = c11; C[o + 2] = c12; C[o + 3] = c13; o += n;
      C[o] = c20; C[o + 1] = c21; C[o + 2] = c22; C[o + 3] = c23; o += n;
      C[o] = c30; C[o + 1] = c31; C[o + 2] = c32; C[o + 3] = c33;
    }
    for (let j = n4; j < n; j++) {
      let c0 = 0, c1 = 0, c2 = 0, c3 = 0;
      for (let p = 0; p < k; p++) {
        const y = B[p * n + j];
        c0 += A[r0 + p] * y; c1 += A[r1 + p] * y; c2 += A[r2 + p] * y; c3 += A[r3 + p] * y;
      }
      C[i * n + j] = c0; C[(i + 1) * n + j] = c1; C[(i + 2) * n + j] = c2; C[(i + 3) * n + j] = c3;
    }
  }
  for (let i = m4; i < m; i++) {
    const r = i * k;
    for (let j = 0; j < n; j++) {
      let c = 0;
      for (let p = 0; p < k; p++) c += A[r + p] * B[p * n + j];
      C[i * n + j] = c;
    }
  }
  return out;
}

/**
 * `out = aᵀ · b` (`a.T @ b`) without forming aᵀ: the weight gradient `dW = xᵀ · dZ`.
 * Shapes: a `[k, m]`, b `[k, n]`, out `[m, n]`; out[i, j] = Σ_p a[p, i] · b[p, j].
 */
export function matmulTransA(a: Matrix, b: Matrix, out: Matrix): Matrix {
  const k = a.rows, m = a.cols, n = b.cols;
  if (b.rows !== k) throw new Error(`matmulTransA: rows differ, aᵀ of ${shapeOf(a)} · b ${shapeOf(b)}`);
  assertShape('matmulTransA output', out, m, n);
  const A = a.data, B = b.data, C = out.data;
  const m4 = m - (m % 4), n4 = n - (n % 4);
  for (let i = 0; i < m4; i += 4) {
    for (let j = 0; j < n4; j += 4) {
      let c00 = 0, c01 = 0, c02 = 0, c03 = 0, c10 = 0, c11 = 0, c12 = 0, c13 = 0;
      let c20 = 0, c21 = 0, c22 = 0, c23 = 0, c30 = 0, c31 = 0, c32 = 0, c33 = 0;
      for (let p = 0; p < k; p++) {
        const s = p * m + i;
        const x0 = A[s], x1 = A[s + 1], x2 = A[s + 2], x3 = A[s + 3];
        if (x0 === 0 && x1 === 0 && x2 === 0 && x3 === 0) continue;
        const q = p * n + j;
        const y0 = B[q], y1 = B[q + 1], y2 = B[q + 2], y3 = B[q + 3];
        c00 += x0 * y0; c01 += x0 * y1; c02 += x0 * y2; c03 += x0 * y3;
        c10 += x1 * y0; c11 += x1 * y1; c12 += x1 * y2; c13 += x1 * y3;
        c20 += x2 * y0; c21 += x2 * y1; c22 += x2 * y2; c23 += x2 * y3;
        c30 += x3 * y0; c31 += x3 * y1; c32 += x3 * y2; c33 += x3 * y3;
      }
      let o = i * n + j;
      C[o] = c00; C[o + 1] = c01; C[o + 2] = c02; C[o + 3] = c03; o += n;
      C[o] = c10; C[o + 1] = c11; C[o + 2] = c12; C[o + 3] = c13; o += n;
      C[o] = c20; C[o + 1] = c21; C[o + 2] = c22; C[o + 3] = c23; o += n;
      C[o] = c30; C[o + 1] = c31; C[o + 2] = c32; C[o + 3] = c33;
    }
    for (let j = n4; j < n; j++) {
      let c0 = 0, c1 = 0, c2 = 0, c3 = 0;
      for (let p = 0; p < k; p++) {
        const y = B[p * n + j], s = p * m + i;
        c0 += A[s] * y; c1 += A[s + 1] * y; c2 += A[s + 2] * y; c3 += A[s + 3] * y;
      }
      C[i * n + j] = c0; C[(i + 1) * n + j] = c1; C[(i + 2) * n + j] = c2; C[(i + 3) * n + j] = c3;
    }
  }
  for (let i = m4; i < m; i++) {
    for (let j = 0; j < n; j++) {
      let c = 0;
      for (let p = 0; p < k; p++) c += A[p * m + i] * B[p * n + j];
      C[i * n + j] = c;
    }
  }
  return out;
}

/**
 * `out = a · bᵀ` (`a @ b.T`) without forming bᵀ: the input gradient `dX = dZ · Wᵀ`.
 * Shapes: a `[m, k]`, b `[n, k]`, out `[m, n]`; out[i, j] = Σ_p a[i, p] · b[j, p].
 */
export function matmulTransB(a: Matrix, b: Matrix, out: Matrix): Matrix {
  const m = a.rows, k = a.cols, n = b.rows;
  if (b.cols !== k) throw new Error(`matmulTransB: columns differ, a ${shapeOf(a)} · bᵀ of ${shapeOf(b)}`);
  assertShape('matmulTransB output', out, m, n);
  const A = a.data, B = b.data, C = out.data;
  const m4 = m - (m % 4), n4 = n - (n % 4);
  for (let i = 0; i < m4; i += 4) {
    const r0 = i * k, r1 = r0 + k, r2 = r1 + k, r3 = r2 + k;
    for (let j = 0; j < n4; j += 4) {
      const s0 = j * k, s1 = s0 + k, s2 = s1 + k, s3 = s2 + k;
      let c00 = 0, c01 = 0, c02 = 0, c03 = 0, c10 = 0, c11 = 0, c12 = 0, c13 = 0;
      let c20 = 0, c21 = 0, c22 = 0, c23 = 0, c30 = 0, c31 = 0, c32 = 0, c33 = 0;
      for (let p = 0; p < k; p++) {
        const x0 = A[r0 + p], x1 = A[r1 + p], x2 = A[r2 + p], x3 = A[r3 + p];
        if (x0 === 0 && x1 === 0 && x2 === 0 && x3 === 0) continue;
        const y0 = B[s0 + p], y1 = B[s1 + p], y2 = B[s2 + p], y3 = B[s3 + p];
        c00 += x0 * y0; c01 += x0 * y1; c02 += x0 * y2; c03 += x0 * y3;
        c10 += x1 * y0; c11 += x1 * y1; c12 += x1 * y2; c13 += x1 * y3;
        c20 += x2 * y0; c21 += x2 * y1; c22 += x2 * y2; c23 += x2 * y3;
        c30 += x3 * y0; c31 += x3 * y1; c32 += x3 * y2; c33 += x3 * y3;
      }
      let o = i * n + j;
      C[o] = c00; C[o + 1] = c01; C[o + 2] = c02; C[o + 3] = c03; o += n;
      C[o] = c10; C[o + 1] = c11; C[o + 2] = c12; C[o + 3] = c13; o += n;
      C[o] = c20; C[o + 1] = c21; C[o + 2] = c22; C[o + 3] = c23; o += n;
      C[o] = c30; C[o + 1] = c31; C[o + 2] = c32; C[o + 3] = c33;
    }
    for (let j = n4; j < n; j++) {
      const s = j * k;
      let c0 = 0, c1 = 0, c2 = 0, c3 = 0;
      for (let p = 0; p < k; p++) {
        const y = B[s + p];
        c0 += A[r0 + p] * y; c1 += A[r1 + p] * y; c2 += A[r2 + p] * y; c3 += A[r3 + p] * y;
      }
      C[i * n + j] = c0; C[(i + 1) * n + j] = c1; C[(i + 2) * n + j] = c2; C[(i + 3) * n + j] = c3;
    }
  }
  for (let i = m4; i < m; i++) {
    const r = i * k;
    for (let j = 0; j < n; j++) {
      const s = j * k;
      let c = 0;
      for (let p = 0; p < k; p++) c += A[r + p] * B[s + p];
      C[i * n + j] = c;
    }
  }
  return out;
}

/** Bias broadcast in place: m[i, j] += v[j] for every row i (`m += v`). v has `m.cols` values. */
export function addRowVector(m: Matrix, v: Float32Array): Matrix {
  if (v.length !== m.cols) throw new Error(`addRowVector: vector of ${v.length} values for ${shapeOf(m)}`);
  const D = m.data, n = m.cols;
  for (let i = 0, o = 0; i < m.rows; i++, o += n) {
    for (let j = 0; j < n; j++) D[o + j] += v[j];
  }
  return m;
}

/** Sum over rows, `m.sum(axis=0)`: out[j] = Σ_i m[i, j]. The bias gradient `db = Σ_i dZ[i, :]`. */
export function sumRows(m: Matrix, out: Float32Array): Float32Array {
  if (out.length !== m.cols) throw new Error(`sumRows: output of ${out.length} values for ${shapeOf(m)}`);
  const D = m.data, n = m.cols;
  out.fill(0);
  for (let i = 0, o = 0; i < m.rows; i++, o += n) {
    for (let j = 0; j < n; j++) out[j] += D[o + j];
  }
  return out;
}

/** Index of the largest value of each row, `m.argmax(axis=1)`; ties go to the first. */
export function argmaxRows(m: Matrix, out: Uint8Array | Int32Array = new Int32Array(m.rows)): typeof out {
  if (out.length < m.rows) throw new Error(`argmaxRows: output of ${out.length} values for ${m.rows} rows`);
  for (let i = 0; i < m.rows; i++) out[i] = argmax(m.data, i * m.cols, m.cols);
  return out;
}
