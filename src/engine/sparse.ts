/**
 * Compressed sparse rows (CSR, as scipy.sparse.csr_matrix) for inputs that are mostly zeros:
 * MNIST images are 81% zero pixels, so the first layer multiplies about 150 numbers per image, not 784.
 *
 * Row i's non-zeros are values[rowPtr[i] .. rowPtr[i+1]) at columns colIdx[same range].
 * Buffers grow to the largest batch seen and are then reused: no allocation per batch.
 */
import { type Matrix, assertShape, shapeOf } from './matrix';

export interface Csr {
  rows: number;
  cols: number;
  nnz: number;
  rowPtr: Int32Array;
  colIdx: Int32Array;
  values: Float32Array;
}

export function emptyCsr(): Csr {
  return { rows: 0, cols: 0, nnz: 0, rowPtr: new Int32Array(1), colIdx: new Int32Array(0), values: new Float32Array(0) };
}

function reserve(csr: Csr, rows: number, nnz: number): void {
  if (csr.rowPtr.length < rows + 1) csr.rowPtr = new Int32Array(rows + 1);
  if (csr.colIdx.length < nnz) {
    csr.colIdx = new Int32Array(nnz);
    csr.values = new Float32Array(nnz);
  }
}

/** Fills `csr` with the non-zeros of dense `a` and returns their share (0..1). */
export function toCsr(a: Matrix, csr: Csr): number {
  const m = a.rows, n = a.cols, A = a.data;
  reserve(csr, m, m * n);
  const ptr = csr.rowPtr, idx = csr.colIdx, val = csr.values;
  let t = 0;
  ptr[0] = 0;
  for (let i = 0, o = 0; i < m; i++, o += n) {
    for (let j = 0; j < n; j++) {
      const v = A[o + j];
      if (v !== 0) { idx[t] = j; val[t] = v; t++; }
    }
    ptr[i + 1] = t;
  }
  csr.rows = m;
  csr.cols = n;
  csr.nnz = t;
  return m * n ? t / (m * n) : 0;
}

/** `out = aᵀ` as CSR (a counting sort by column); a `[m, n]` gives out `[n, m]`. */
export function transposeCsr(a: Csr, out: Csr): Csr {
  const m = a.rows, n = a.cols, nnz = a.nnz;
  reserve(out, n, nnz);
  const ptr = out.rowPtr;
  ptr.fill(0, 0, n + 1);
  for (let t = 0; t < nnz; t++) ptr[a.colIdx[t] + 1]++;
  for (let j = 0; j < n; j++) ptr[j + 1] += ptr[j];
  // Use ptr[j] as row j's write cursor; afterwards ptr[j] holds row j's end, so shift right by one.
  // Walking a's rows in order keeps each output row's columns ascending.
  for (let i = 0; i < m; i++) {
    for (let t = a.rowPtr[i]; t < a.rowPtr[i + 1]; t++) {
      const dst = ptr[a.colIdx[t]]++;
      out.colIdx[dst] = i;
      out.values[dst] = a.values[t];
    }
  }
  for (let j = n; j > 0; j--) ptr[j] = ptr[j - 1];
  ptr[0] = 0;
  out.rows = n;
  out.cols = m;
  out.nnz = nnz;
  return out;
}

/**
 * `out = a · b` with a sparse: out[i, j] = Σ_t values[t] · b[colIdx[t], j] over row i's non-zeros.
 * Shapes: a `[m, k]`, b `[k, n]`, out `[m, n]`. Eight output columns are summed in locals at a time.
 */
export function csrMatmul(a: Csr, b: Matrix, out: Matrix): Matrix {
  const m = a.rows, n = b.cols;
  if (b.rows !== a.cols) throw new Error(`csrMatmul: inner dimensions differ, a [${a.rows}, ${a.cols}] · b ${shapeOf(b)}`);
  assertShape('csrMatmul output', out, m, n);
  const ptr = a.rowPtr, idx = a.colIdx, val = a.values, B = b.data, C = out.data;
  const n8 = n - (n % 8);
  for (let i = 0; i < m; i++) {
    const t0 = ptr[i], t1 = ptr[i + 1], o = i * n;
    for (let j = 0; j < n8; j += 8) {
      let c0 = 0, c1 = 0, c2 = 0, c3 = 0, c4 = 0, c5 = 0, c6 = 0, c7 = 0;
      for (let t = t0; t < t1; t++) {
        const v = val[t], q = idx[t] * n + j;
        c0 += v * B[q]; c1 += v * B[q + 1]; c2 += v * B[q + 2]; c3 += v * B[q + 3];
        c4 += v * B[q + 4]; c5 += v * B[q + 5]; c6 += v * B[q + 6]; c7 += v * B[q + 7];
      }
      C[o + j] = c0; C[o + j + 1] = c1; C[o + j + 2] = c2; C[o + j + 3] = c3;
      C[o + j + 4] = c4; C[o + j + 5] = c5; C[o + j + 6] = c6; C[o + j + 7] = c7;
    }
    for (let j = n8; j < n; j++) {
      let c = 0;
      for (let t = t0; t < t1; t++) c += val[t] * B[idx[t] * n + j];
      C[o + j] = c;
    }
  }
  return out;
}
