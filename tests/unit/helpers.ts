import { type Matrix, fromArray } from '../../src/engine/matrix';
import { Rng } from '../../src/engine/rng';

/** A [rows, cols] matrix of N(0, 1) values with about `zeroShare` of them set to exactly 0. */
export function randomMatrix(rows: number, cols: number, seed: number, zeroShare = 0): Matrix {
  const rng = new Rng(seed);
  const data = new Float32Array(rows * cols);
  for (let i = 0; i < data.length; i++) data[i] = rng.random() < zeroShare ? 0 : rng.normal();
  return fromArray(rows, cols, data);
}

/** The textbook triple loop, C = op(A) · op(B), as the oracle for the fast kernels. */
export function naiveMatmul(a: Matrix, b: Matrix, transA = false, transB = false): Float64Array {
  const m = transA ? a.cols : a.rows, k = transA ? a.rows : a.cols, n = transB ? b.rows : b.cols;
  const at = (i: number, p: number) => (transA ? a.data[p * a.cols + i] : a.data[i * a.cols + p]);
  const bt = (p: number, j: number) => (transB ? b.data[j * b.cols + p] : b.data[p * b.cols + j]);
  const out = new Float64Array(m * n);
  for (let i = 0; i < m; i++) for (let j = 0; j < n; j++) {
    let s = 0;
    for (let p = 0; p < k; p++) s += at(i, p) * bt(p, j);
    out[i * n + j] = s;
  }
  return out;
}

/** Largest |a − b| / (1 + |b|) over all entries. */
export function maxRelError(a: ArrayLike<number>, b: ArrayLike<number>, count = b.length): number {
  let worst = 0;
  for (let i = 0; i < count; i++) worst = Math.max(worst, Math.abs(a[i] - b[i]) / (1 + Math.abs(b[i])));
  return worst;
}
