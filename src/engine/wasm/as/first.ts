/**
 * The first layer of an image model on two threads or more (step.ts splits the layers by units).
 * Measured on the 2-core machine, the split by units as it first was (every thread gathering and
 * transposing the whole batch, and writing its half of every 512-byte row of W_0 beside the other
 * thread's half) trained the notebook recipe at 1.29x one thread; each thread's kernels ran a quarter
 * slower than alone, because the cache lines next to one's own are fetched and invalidated with them.
 * So, with T threads:
 *
 * - Each thread gathers only its share R_t of the batch's rows (rows.ts's rowShare), and after a
 *   barrier builds Xᵀ for its share P_t of the inputs from every thread's rows (transposeInputs);
 *   the forward reads every thread's rows, the weight gradient every thread's Xᵀ rows, in place.
 * - Each thread's columns U_t of W_0 (and of dW_0 and the optimiser's moments) live in a block of
 *   their own, [inputs, |U_t|] row-major, one block after the other (blocked layout): no cache line
 *   holds two threads' weights. The page and the TypeScript layers see W_0 and dW_0 row-major as
 *   always: the trainer copies them into the blocks before a slice of steps and back after it
 *   (syncBlockIn / syncBlockOut, each thread its own columns), a copy of W_0 per slice against the
 *   dozens of steps in it.
 */
import {
  C_BETA1, C_BETA2, C_INPUTS, C_KEEP_GRADS, C_LAYERS, C_LR, C_MOMENTUM, C_OPT, C_WD, L_DW,
  L_DWB, L_IN, L_MW, L_OUT, L_VW, L_W, L_WB, S_NNZ, T_COL_IDX, T_COL_IDX_T, T_GRADS, T_ROW_PTR, T_ROW_PTR_T, T_VALUES,
  T_VALUES_T, T_X,
} from '../layout';
import { sparseBatch, statsOf, stepAlpha, stepEpsHat } from './common';
import { gf, gi, li, lp, tp } from './context';
import { matmul, matmulTransA } from './dense';
import { countNonZero, gatherCsr, gatherDense } from './gather';
import { update } from './optim';
import { csrGradUpdate, csrMatmul } from './sparse';
import { barrier } from './sync';

/** Where thread t's share of n items starts: contiguous shares, the first n mod T threads one more. */
@inline export function rowShare(n: i32, t: i32, threads: i32): i32 {
  const q = n / threads, r = n % threads;
  return t * q + min(t, r);
}

/** Where thread t's share of n units starts: chunks of a multiple of 8, so vector blocks stay whole. */
@inline export function share(n: i32, t: i32, threads: i32): i32 {
  const chunk = ((n + threads - 1) / threads + 7) & ~7;
  return min(n, t * chunk);
}

/** Byte offset of thread t's block of a [k, n] parameter split by columns at u0 (its block is [k, u1 − u0]). */
@inline function blockAt(p: usize, k: i32, u0: i32): usize {
  return p + (<usize>k * <usize>u0 << 2);
}

/**
 * Gathers this thread's rows of the batch, after counting their non-zeros: as CSR when they fit the
 * CSR buffers. After a barrier every thread knows the whole batch's count, and so takes the one-thread
 * step's choice: sparse (then every thread's rows are in CSR, and this thread builds Xᵀ of its share
 * of the inputs), or dense (then this thread gathers its rows dense too, and waits for the others').
 * Returns sparse.
 */
export function gatherSplit(ctx: usize, tid: i32, threads: i32, pixels: usize, order: usize, start: i32, rows: i32): bool {
  const w = gi(ctx, C_INPUTS);
  const r0 = rowShare(rows, tid, threads), m = rowShare(rows, tid + 1, threads) - r0;
  const nnz = countNonZero(pixels, order, start + r0, m, w);
  // Rows within the whole batch's sparse budget fit the CSR buffers; a sparse batch's rows always do.
  if (sparseBatch(ctx, nnz, rows, w)) gatherCsr(pixels, order, start + r0, m, w, tp(ctx, tid, T_ROW_PTR), tp(ctx, tid, T_COL_IDX), tp(ctx, tid, T_VALUES));
  // The barrier inside also says every thread's rows are in.
  const sparse = sparseBatch(ctx, agreeNnz(ctx, tid, threads, nnz), rows, w);
  if (sparse) transposeInputs(ctx, tid, threads, rows);
  else {
    gatherDense(pixels, order, start + r0, m, w, tp(ctx, tid, T_X));
    barrier(ctx, threads); // every thread's dense rows are in
  }
  return sparse;
}

/**
 * The whole batch's non-zeros from each thread's count of its rows: published, a barrier, summed in
 * thread order (every thread gets the same total, so every thread takes the same kernels).
 */
export function agreeNnz(ctx: usize, tid: i32, threads: i32, nnz: i32): i64 {
  if (threads <= 1) return nnz;
  store<i32>(statsOf(ctx, tid) + (S_NNZ << 2), nnz);
  barrier(ctx, threads);
  let total: i64 = 0;
  for (let u = 0; u < threads; u++) total += <i64>load<i32>(statsOf(ctx, u) + (S_NNZ << 2));
  return total;
}

/** The first entry of CSR row [e0, e1) whose column is at least c (columns ascend within a row). */
@inline function lowerBound(colIdx: usize, e0: i32, e1: i32, c: i32): i32 {
  let lo = e0, hi = e1;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (load<i32>(colIdx + (<usize>mid << 2)) < c) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/**
 * Thread tid's rows [p0, p1) of Xᵀ (its share of the inputs) as CSR in its own Xᵀ buffers (row p − p0
 * lists the batch rows where input p is non-zero, ascending, with their values), from every thread's
 * gathered rows: a counting sort, as transposeCsr.
 */
function transposeInputs(ctx: usize, tid: i32, threads: i32, rows: i32): void {
  const w = gi(ctx, C_INPUTS), p0 = rowShare(w, tid, threads), p1 = rowShare(w, tid + 1, threads);
  const outPtr = tp(ctx, tid, T_ROW_PTR_T), outIdx = tp(ctx, tid, T_COL_IDX_T), outVal = tp(ctx, tid, T_VALUES_T);
  memory.fill(outPtr, 0, (<usize>(p1 - p0) + 1) << 2);
  // A row's columns in [p0, p1) are one run of its entries: found by binary search, walked without a branch per entry.
  for (let u = 0; u < threads; u++) {
    const rp = tp(ctx, u, T_ROW_PTR), ci = tp(ctx, u, T_COL_IDX);
    const m = rowShare(rows, u + 1, threads) - rowShare(rows, u, threads);
    for (let r = 0; r < m; r++) {
      const e1 = load<i32>(rp + (<usize>(r + 1) << 2));
      const b = lowerBound(ci, lowerBound(ci, load<i32>(rp + (<usize>r << 2)), e1, p0), e1, p1);
      for (let e = lowerBound(ci, load<i32>(rp + (<usize>r << 2)), e1, p0); e < b; e++) {
        const q = outPtr + (<usize>(load<i32>(ci + (<usize>e << 2)) - p0 + 1) << 2);
        store<i32>(q, load<i32>(q) + 1);
      }
    }
  }
  for (let j = 0; j < p1 - p0; j++) {
    const q = outPtr + (<usize>(j + 1) << 2);
    store<i32>(q, load<i32>(q) + load<i32>(q - 4));
  }
  // outPtr[j] serves as row j's write cursor; afterwards it holds row j's end, so shift right by one.
  for (let u = 0; u < threads; u++) {
    const rp = tp(ctx, u, T_ROW_PTR), ci = tp(ctx, u, T_COL_IDX), va = tp(ctx, u, T_VALUES);
    const u0 = rowShare(rows, u, threads), m = rowShare(rows, u + 1, threads) - u0;
    for (let r = 0; r < m; r++) {
      const e1 = load<i32>(rp + (<usize>(r + 1) << 2));
      const a = lowerBound(ci, load<i32>(rp + (<usize>r << 2)), e1, p0), b = lowerBound(ci, a, e1, p1);
      for (let e = a; e < b; e++) {
        const q = outPtr + (<usize>(load<i32>(ci + (<usize>e << 2)) - p0) << 2), dst = load<i32>(q);
        store<i32>(q, dst + 1);
        store<i32>(outIdx + (<usize>dst << 2), u0 + r);
        store<f32>(outVal + (<usize>dst << 2), load<f32>(va + (<usize>e << 2)));
      }
    }
  }
  for (let j = p1 - p0; j > 0; j--) store<i32>(outPtr + (<usize>j << 2), load<i32>(outPtr + (<usize>(j - 1) << 2)));
  store<i32>(outPtr, 0);
}

/**
 * A_0[:, U_t] = act(X · W_0[:, U_t] + b_0[U_t]) for every row of the batch, from every thread's
 * gathered rows and this thread's block of W_0; out points at A_0's column u0 (rows n floats apart).
 */
export function firstForwardSplit(ctx: usize, tid: i32, threads: i32, sparse: bool, rows: i32, b: usize, out: usize, n: i32, act: i32): void {
  const w = gi(ctx, C_INPUTS), u0 = share(n, tid, threads), cols = share(n, tid + 1, threads) - u0;
  const W = blockAt(lp(ctx, 0, L_WB), w, u0);
  for (let u = 0; u < threads; u++) {
    const r0 = rowShare(rows, u, threads), m = rowShare(rows, u + 1, threads) - r0;
    const o = out + (<usize>r0 * <usize>n << 2);
    if (sparse) csrMatmul(tp(ctx, u, T_ROW_PTR), tp(ctx, u, T_COL_IDX), tp(ctx, u, T_VALUES), m, W, cols, o, n, cols, b, act);
    else matmul(tp(ctx, u, T_X), w, W, cols, o, n, m, w, cols, b, act);
  }
}

/**
 * This thread's block of W_0 from dZ_0[:, U_t] (dZ at column u0, rows n floats apart): on a sparse
 * batch each thread's Xᵀ rows in turn, with the optimiser's update fused in (dW_0 written only when
 * C_KEEP_GRADS asks); on a dense one dW_0 = Σ_u X_uᵀ · dZ_0[R_u, U_t] over the threads in order, then
 * the update.
 */
export function firstGradSplit(ctx: usize, tid: i32, threads: i32, sparse: bool, rows: i32, dZ: usize, n: i32): void {
  const w = gi(ctx, C_INPUTS), u0 = share(n, tid, threads), cols = share(n, tid + 1, threads) - u0;
  const W = blockAt(lp(ctx, 0, L_WB), w, u0), dW = blockAt(lp(ctx, 0, L_DWB), w, u0);
  const M0 = lp(ctx, 0, L_MW), V0 = lp(ctx, 0, L_VW);
  const M = M0 ? blockAt(M0, w, u0) : 0, V = V0 ? blockAt(V0, w, u0) : 0;
  const opt = gi(ctx, C_OPT), lr = gf(ctx, C_LR), wd = gf(ctx, C_WD), mom = gf(ctx, C_MOMENTUM), b1 = gf(ctx, C_BETA1), b2 = gf(ctx, C_BETA2);
  if (sparse) {
    const keep = gi(ctx, C_KEEP_GRADS) != 0;
    for (let u = 0; u < threads; u++) {
      const p0 = rowShare(w, u, threads), p1 = rowShare(w, u + 1, threads), off = <usize>p0 * <usize>cols << 2;
      csrGradUpdate(tp(ctx, u, T_ROW_PTR_T), tp(ctx, u, T_COL_IDX_T), tp(ctx, u, T_VALUES_T), p1 - p0, dZ, n, cols,
        W + off, keep ? dW + off : 0, M ? M + off : 0, V ? V + off : 0, cols, opt, lr, wd, mom, b1, b2, stepAlpha, stepEpsHat);
    }
    return;
  }
  const scratch = tp(ctx, tid, T_GRADS);
  for (let u = 0; u < threads; u++) {
    const r0 = rowShare(rows, u, threads), m = rowShare(rows, u + 1, threads) - r0;
    const d = dZ + (<usize>r0 * <usize>n << 2);
    if (u == 0) matmulTransA(tp(ctx, u, T_X), w, d, n, dW, cols, w, m, cols);
    else {
      matmulTransA(tp(ctx, u, T_X), w, d, n, scratch, cols, w, m, cols);
      const bytes = <usize>w * <usize>cols << 2;
      let q: usize = 0;
      for (; q + 16 <= bytes; q += 16) v128.store(dW + q, f32x4.add(v128.load(dW + q), v128.load(scratch + q)));
      for (; q < bytes; q += 4) store<f32>(dW + q, load<f32>(dW + q) + load<f32>(scratch + q));
    }
  }
  update(opt, W, dW, M, V, cols, w, cols, lr, wd, mom, b1, b2, stepAlpha, stepEpsHat);
}

/** Copies thread t's columns of W_0 between row-major (what the TypeScript layers see) and its block, one way or the other. */
function copyBlock(ctx: usize, t: i32, threads: i32, rowMajor: usize, blocks: usize, toBlocks: bool): void {
  const k = li(ctx, 0, L_IN), n = li(ctx, 0, L_OUT);
  const u0 = share(n, t, threads), cols = share(n, t + 1, threads) - u0, block = blockAt(blocks, k, u0);
  const bytes = <usize>cols << 2;
  for (let p = 0; p < k; p++) {
    const a = rowMajor + ((<usize>p * <usize>n + <usize>u0) << 2), b = block + <usize>p * bytes;
    if (toBlocks) memory.copy(b, a, bytes);
    else memory.copy(a, b, bytes);
  }
}

/** Whether W_0 is kept in the threads' blocks (an image model with a hidden layer, on threads). */
@inline function blocked(ctx: usize, threads: i32): bool {
  return threads > 1 && gi(ctx, C_LAYERS) > 1 && lp(ctx, 0, L_WB) != 0;
}

/**
 * Before a slice, on each thread: its columns of W_0 as the TypeScript layers left them, into its own
 * block. Only this thread reads its block, so none waits for another's copy.
 */
export function syncBlockIn(ctx: usize, tid: i32, threads: i32): void {
  if (blocked(ctx, threads)) copyBlock(ctx, tid, threads, lp(ctx, 0, L_W), lp(ctx, 0, L_WB), true);
}

/**
 * After a slice, on each thread: its block back into its columns of row-major W_0 (and of dW_0 when its
 * gradients are kept), for the TypeScript layers; the slice's last barrier follows.
 */
export function syncBlockOut(ctx: usize, tid: i32, threads: i32): void {
  if (!blocked(ctx, threads)) return;
  copyBlock(ctx, tid, threads, lp(ctx, 0, L_W), lp(ctx, 0, L_WB), false);
  if (gi(ctx, C_KEEP_GRADS)) copyBlock(ctx, tid, threads, lp(ctx, 0, L_DW), lp(ctx, 0, L_DWB), false);
}
