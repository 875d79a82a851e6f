/**
 * Building a batch from the dataset: rows order[start .. start+rows) of a table's f32 features are
 * copied into a dense X [rows, w]; rows of u8 image pixels become either a dense f32 X [rows, w] or its
 * non-zeros as CSR (scipy.sparse.csr_matrix's layout). Each pixel
 * is byte / 255 as an f32 division, which rounds exactly as the one normalisation of the project does
 * (src/data/normalize.ts: byte · (1/255) in double, then to float; checked for all 256 bytes).
 * Sixteen bytes are looked at a time, so the zeros of MNIST's borders cost almost nothing.
 */

/** byte / 255 for every byte, as f32 (a lookup is cheaper than a division per pixel); filled on first use. */
const SCALE = memory.data(256 * 4, 16);
let scaleReady = false;

@inline function scaleTable(): usize {
  if (!scaleReady) {
    for (let b = 0; b < 256; b++) store<f32>(SCALE + (<usize>b << 2), <f32>b / 255);
    scaleReady = true;
  }
  return SCALE;
}

/** Non-zero bytes in the batch's rows (w bytes each), to choose between the dense and sparse kernels. */
export function countNonZero(pixels: usize, order: usize, start: i32, rows: i32, w: i32): i32 {
  let nnz = 0;
  const zero = i8x16.splat(0);
  for (let r = 0; r < rows; r++) {
    const src = pixels + <usize>load<i32>(order + (<usize>(start + r) << 2)) * <usize>w;
    let c = 0;
    for (; c + 16 <= w; c += 16) nnz += popcnt<i32>(i8x16.bitmask(i8x16.ne(v128.load(src + c), zero)));
    for (; c < w; c++) if (load<u8>(src + c) != 0) nnz++;
  }
  return nnz;
}

/** X[r, :] = features[order[start + r], :]: rows of a table's prepared features (f32), copied as they are. */
export function gatherRows(features: usize, order: usize, start: i32, rows: i32, w: i32, X: usize): void {
  const bytes = <usize>w << 2;
  for (let r = 0; r < rows; r++) {
    memory.copy(X + <usize>r * bytes, features + <usize>load<i32>(order + (<usize>(start + r) << 2)) * bytes, bytes);
  }
}

/** X[r, :] = pixels[order[start + r], :] / 255: a dense [rows, w] f32 batch. */
export function gatherDense(pixels: usize, order: usize, start: i32, rows: i32, w: i32, X: usize): void {
  const scale = f32x4.splat(255);
  for (let r = 0; r < rows; r++) {
    const src = pixels + <usize>load<i32>(order + (<usize>(start + r) << 2)) * <usize>w;
    const dst = X + (<usize>r * <usize>w << 2);
    let c = 0;
    for (; c + 8 <= w; c += 8) {
      const h = v128.load8x8_u(src + c);
      const lo = f32x4.convert_i32x4_u(i32x4.extend_low_i16x8_u(h));
      const hi = f32x4.convert_i32x4_u(i32x4.extend_high_i16x8_u(h));
      v128.store(dst + (<usize>c << 2), f32x4.div(lo, scale));
      v128.store(dst + (<usize>c << 2), f32x4.div(hi, scale), 16);
    }
    for (; c < w; c++) store<f32>(dst + (<usize>c << 2), <f32>load<u8>(src + c) / 255);
  }
}

/**
 * The batch's non-zeros as CSR: row r's are values[rowPtr[r] .. rowPtr[r+1]) at columns colIdx[same].
 * Returns nnz. Within a 16-byte chunk that has any non-zero, every byte is written at the cursor and
 * the cursor moves on past the non-zeros only: no branch to mispredict (the buffers hold nnz + 1).
 */
export function gatherCsr(pixels: usize, order: usize, start: i32, rows: i32, w: i32, rowPtr: usize, colIdx: usize, values: usize): i32 {
  const scale = scaleTable();
  let t = 0;
  store<i32>(rowPtr, 0);
  for (let r = 0; r < rows; r++) {
    const src = pixels + <usize>load<i32>(order + (<usize>(start + r) << 2)) * <usize>w;
    let c = 0;
    for (; c + 16 <= w; c += 16) {
      if (!v128.any_true(v128.load(src + c))) continue;
      for (let e = c; e < c + 16; e++) {
        const x = <u32>load<u8>(src + e);
        store<i32>(colIdx + (<usize>t << 2), e);
        store<f32>(values + (<usize>t << 2), load<f32>(scale + (<usize>x << 2)));
        t += <i32>(x != 0);
      }
    }
    for (; c < w; c++) {
      const x = load<u8>(src + c);
      if (x != 0) {
        store<i32>(colIdx + (<usize>t << 2), c);
        store<f32>(values + (<usize>t << 2), <f32>x / 255);
        t++;
      }
    }
    store<i32>(rowPtr + (<usize>(r + 1) << 2), t);
  }
  return t;
}

/**
 * The transpose of an [m, n] CSR matrix, as CSR [n, m], by a counting sort on the columns; walking the
 * rows in order keeps each output row's columns ascending.
 */
export function transposeCsr(rowPtr: usize, colIdx: usize, values: usize, m: i32, n: i32, outPtr: usize, outIdx: usize, outVal: usize): void {
  memory.fill(outPtr, 0, (<usize>n + 1) << 2);
  const nnz = load<i32>(rowPtr + (<usize>m << 2));
  for (let t = 0; t < nnz; t++) {
    const q = outPtr + (<usize>(load<i32>(colIdx + (<usize>t << 2)) + 1) << 2);
    store<i32>(q, load<i32>(q) + 1);
  }
  for (let j = 0; j < n; j++) {
    const q = outPtr + (<usize>(j + 1) << 2);
    store<i32>(q, load<i32>(q) + load<i32>(q - 4));
  }
  // outPtr[j] serves as row j's write cursor; afterwards it holds row j's end, so shift right by one.
  for (let i = 0; i < m; i++) {
    const t1 = load<i32>(rowPtr + (<usize>(i + 1) << 2));
    for (let t = load<i32>(rowPtr + (<usize>i << 2)); t < t1; t++) {
      const q = outPtr + (<usize>load<i32>(colIdx + (<usize>t << 2)) << 2);
      const dst = load<i32>(q);
      store<i32>(q, dst + 1);
      store<i32>(outIdx + (<usize>dst << 2), i);
      store<f32>(outVal + (<usize>dst << 2), load<f32>(values + (<usize>t << 2)));
    }
  }
  for (let j = n; j > 0; j--) store<i32>(outPtr + (<usize>j << 2), load<i32>(outPtr + (<usize>(j - 1) << 2)));
  store<i32>(outPtr, 0);
}
