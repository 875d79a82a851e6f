/**
 * A training step on two threads or more for a table's dense features, split by the batch's rows
 * (data-parallel): thread t takes a contiguous share R_t of the batch's rows and runs the whole
 * network on them,
 *   forward   A_h[R_t] = act(A_{h−1}[R_t] · W_h + b_h)        every unit, its rows only (A_{−1} = X)
 *   loss      its rows' share, dL/dz scaled by the whole batch's 1 / B
 *   backward  dW_h^(t) = A_{h−1}[R_t]ᵀ · dZ_h[R_t],  db_h^(t) = Σ_{R_t} dZ_h,  dZ_{h−1}[R_t] = dZ_h[R_t] · W_hᵀ ⊙ f'
 * into its own gradient buffers (thread 0's are the layers' dW and db). At a barrier every thread then
 * sums a share of the parameters' gradients over the threads, in thread order (dW = dW^(0) + dW^(1) + …),
 * and updates that share; a second barrier lets the next step read the new weights.
 *
 * Why rows for tables, and units for images (step.ts): a table's model is small (the large table's
 * 40-100-5 has 4,600 parameters), so summing per-thread gradients costs little, and each thread needs
 * nothing of another's rows; split by units, both threads gathered the whole batch, computed every
 * row's loss, and ran the last layer's 5 columns at a fraction of the kernels' speed: 1.33x on two
 * threads, against 1.8x by rows (measured on the 2-core machine). An image model's first layer is
 * large (784 x 512 for Best in a minute): split by rows, every thread reads all of W_0 each step just
 * after the other threads wrote their part of it, and that traffic cost more than the split saved on
 * the notebook recipe (1.35x against 1.29x by units as it first was; first.ts has what came of it).
 *
 * The same seed, settings and thread count give the same bits: rows are shared out the same way every
 * time, the dropout mask is drawn by batch row (dropout.ts), and every sum runs in thread order.
 */
import {
  ACT_NONE, C_ABS_SUM, C_ACT, C_BAD_LOSS, C_CLASSES, C_CORRECT, C_INPUTS, C_LAYERS, C_LOSS_SUM, C_NONFINITE, C_ORDER, C_PARTIALS, C_SAMPLES,
  C_TRAIN_LABELS, C_TRAIN_PIXELS, L_A, L_B, L_DB, L_DROP, L_DW, L_DZ, L_IN, L_MB, L_MW, L_OUT, L_VB, L_VW, L_W,
  S_ABS, S_CORRECT, S_LOSS, T_GRADS, T_X,
} from '../layout';
import { STEP_DENSE, STEP_FAILED, applyUpdate, keepStats, lossOf, maskBase, setStep, statsOf, sumAbs, sumCorrect, sumStats } from './common';
import { gi, gp, lf, li, lp, row, tp } from './context';
import { matmul, matmulTransA, matmulTransB } from './dense';
import { dropoutActBackward, dropoutForward } from './dropout';
import { actBackward, sumRows } from './elementwise';
import { rowShare } from './first';
import { gatherRows } from './gather';
import { barrier } from './sync';


/** Thread t's gradient of layer l's weights (dW) or bias (db = dW + in · out floats): its own buffer, or the layer's for thread 0. */
function gradOf(ctx: usize, tid: i32, l: i32, bias: bool): usize {
  if (tid == 0) return lp(ctx, l, bias ? L_DB : L_DW);
  let p = tp(ctx, tid, T_GRADS);
  for (let i = 0; i < l; i++) p += <usize>(li(ctx, i, L_IN) + 1) * <usize>li(ctx, i, L_OUT) << 2;
  return bias ? p + (<usize>li(ctx, l, L_IN) * <usize>li(ctx, l, L_OUT) << 2) : p;
}

/** dst[0 .. n) += src[0 .. n), f32. */
function addInto(dst: usize, src: usize, n: i32): void {
  const bytes = <usize>n << 2;
  let q: usize = 0;
  for (; q + 16 <= bytes; q += 16) v128.store(dst + q, f32x4.add(v128.load(dst + q), v128.load(src + q)));
  for (; q < bytes; q += 4) store<f32>(dst + q, load<f32>(dst + q) + load<f32>(src + q));
}

/**
 * One minibatch, rows order[start .. start+rows), split by rows. Returns STEP_DENSE, or STEP_FAILED with
 * nothing applied when the batch's loss is not finite (every thread sees the same total).
 */
export function trainStepRows(ctx: usize, tid: i32, threads: i32, start: i32, rows: i32, t: i32): i32 {
  const layers = gi(ctx, C_LAYERS), C = gi(ctx, C_CLASSES), w = gi(ctx, C_INPUTS), act = gi(ctx, C_ACT);
  const order = gp(ctx, C_ORDER), pixels = gp(ctx, C_TRAIN_PIXELS);
  const r0 = rowShare(rows, tid, threads), m = rowShare(rows, tid + 1, threads) - r0;
  const X = tp(ctx, tid, T_X), zr = row(gp(ctx, C_PARTIALS), r0, C); // this thread's rows of the last layer's outputs
  const stats = statsOf(ctx, tid);
  gatherRows(pixels, order, start + r0, m, w, X);
  if (m > 0) {
    // Forward, every unit of this thread's rows.
    for (let h = 0; h < layers; h++) {
      const n = li(ctx, h, L_OUT), k = li(ctx, h, L_IN), hidden = h < layers - 1;
      const out = hidden ? row(lp(ctx, h, L_A), r0, n) : zr, f = hidden ? act : ACT_NONE;
      matmul(h == 0 ? X : row(lp(ctx, h - 1, L_A), r0, k), k, lp(ctx, h, L_W), n, out, n, m, k, n, lp(ctx, h, L_B), f);
      const p = lf(ctx, h, L_DROP);
      if (hidden && t > 0 && p > 0) dropoutForward(lp(ctx, h, L_A), n, m, 0, n, maskBase(ctx, t, h), p, r0);
    }
    keepStats(ctx, tid, lossOf(ctx, zr, m, gp(ctx, C_TRAIN_LABELS), order, start + r0, true, 0, rows));
    // Backward into this thread's own gradients.
    for (let h = layers - 1; h >= 0; h--) {
      const n = li(ctx, h, L_OUT), k = li(ctx, h, L_IN);
      const dZ = h == layers - 1 ? zr : row(lp(ctx, h, L_DZ), r0, n);
      sumRows(dZ, n, m, n, gradOf(ctx, tid, h, true));
      matmulTransA(h == 0 ? X : row(lp(ctx, h - 1, L_A), r0, k), k, dZ, n, gradOf(ctx, tid, h, false), n, k, m, n);
      if (h == 0) break;
      // dA_{h−1} = dZ_h · W_hᵀ, then through the activation (and dropout) of layer h − 1.
      const dA = row(lp(ctx, h - 1, L_DZ), r0, k);
      matmulTransB(dZ, n, lp(ctx, h, L_W), n, dA, k, m, n, k);
      const p = lf(ctx, h - 1, L_DROP);
      if (p > 0) dropoutActBackward(act, lp(ctx, h - 1, L_DZ), lp(ctx, h - 1, L_A), k, m, 0, k, maskBase(ctx, t, h - 1), p, r0);
      else actBackward(act, dA, row(lp(ctx, h - 1, L_A), r0, k), k, m, k);
    }
  } else {
    // No rows for this thread (a batch smaller than the threads): its share of the sums is zero.
    store<f64>(stats + (S_LOSS << 2), 0);
    store<i32>(stats + (S_CORRECT << 2), 0);
    store<f64>(stats + (S_ABS << 2), 0);
    for (let h = 0; h < layers; h++) {
      memory.fill(gradOf(ctx, tid, h, false), 0, <usize>(li(ctx, h, L_IN) + 1) * <usize>li(ctx, h, L_OUT) << 2);
    }
  }
  barrier(ctx, threads); // every thread's gradients and sums are in

  const loss = sumStats(ctx, threads), correct = sumCorrect, abs = sumAbs;
  if (!isFinite(loss)) {
    if (tid == 0) { store<i32>(ctx + (<usize>C_NONFINITE << 2), 1); store<f64>(ctx + (<usize>C_BAD_LOSS << 2), loss / rows); }
    return STEP_FAILED;
  }
  if (tid == 0) {
    store<f64>(ctx + (<usize>C_LOSS_SUM << 2), load<f64>(ctx + (<usize>C_LOSS_SUM << 2)) + loss);
    store<i32>(ctx + (<usize>C_CORRECT << 2), gi(ctx, C_CORRECT) + correct);
    store<f64>(ctx + (<usize>C_ABS_SUM << 2), load<f64>(ctx + (<usize>C_ABS_SUM << 2)) + abs);
    store<i32>(ctx + (<usize>C_SAMPLES << 2), gi(ctx, C_SAMPLES) + rows);
  }

  // Every layer's weight rows and biases, summed over the threads and updated, a share each.
  setStep(ctx, t);
  for (let h = 0; h < layers; h++) {
    const n = li(ctx, h, L_OUT), k = li(ctx, h, L_IN);
    const k0 = rowShare(k, tid, threads), k1 = rowShare(k, tid + 1, threads);
    const off = <usize>k0 * <usize>n << 2, count = (k1 - k0) * n;
    for (let u = 1; u < threads; u++) addInto(gradOf(ctx, 0, h, false) + off, gradOf(ctx, u, h, false) + off, count);
    if (k1 > k0) applyUpdate(ctx, h, L_W, L_DW, L_MW, L_VW, off, n, k1 - k0, n, true);
    const j0 = rowShare(n, tid, threads), j1 = rowShare(n, tid + 1, threads), boff = <usize>j0 << 2;
    for (let u = 1; u < threads; u++) addInto(gradOf(ctx, 0, h, true) + boff, gradOf(ctx, u, h, true) + boff, j1 - j0);
    if (j1 > j0) applyUpdate(ctx, h, L_B, L_DB, L_MB, L_VB, boff, n, 1, j1 - j0, false);
  }
  barrier(ctx, threads); // the next step's forward reads every updated weight
  return STEP_DENSE;
}
