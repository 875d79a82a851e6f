/**
 * The whole training step of an MLP in one call, on one memory, across T threads: gather the batch,
 * forward, loss, backward, update. The context table (../layout.ts) says where every
 * buffer is; the TypeScript side (../trainer.ts) lays it out and reads the results.
 *
 * Threads split the work by hidden units, so no gradient is ever summed across threads. Thread t owns
 * a share U_t of the units of every hidden layer h (share(), multiples of 8 units):
 *   forward   A_h[:, U_t] = act(A_{h−1} · W_h[:, U_t] + b_h[U_t])      (A_{−1} = X)
 *             P_t = A_{L−2}[:, U_t] · W_{L−1}[U_t, :]  (+ b_{L−1} on thread 0): partial logits,
 *             logits = Σ_t P_t, summed in thread order by every thread
 *   loss      every thread computes the same dL/dlogits from the same logits
 *   backward  dW_{L−1}[U_t, :] = A_{L−2}[:, U_t]ᵀ · dlogits,  dZ_{L−2}[:, U_t] = dlogits · W_{L−1}[U_t, :]ᵀ ⊙ f'
 *             dW_h[:, U_t] = A_{h−1}ᵀ · dZ_h[:, U_t],  dZ_{h−1}[:, U_t] = dZ_h · W_h[U_t, :]ᵀ ⊙ f'
 *   update    each thread its own columns of W_h and rows of W_{L−1}; thread 0 the last bias
 * Threads meet at a barrier where a layer needs all of the one before: for one hidden layer (the
 * notebook's 784-128-10), once per step, when the partial logits are in. The partials are double
 * buffered by step parity, so a thread can start the next step while another still reads them.
 * The batch is gathered by every thread into its own buffers: cheaper than another barrier.
 *
 * On image bytes, the first layer multiplies the batch's non-zeros only (CSR) when the batch has at most
 * C_SPARSE_PER_MILLE non-zeros per 1,000 pixels (MNIST: about 190), dense SIMD products otherwise; a
 * table's standardised features are dense and always take the dense products.
 * The loss is softmax cross-entropy over classes, or a regression's squared error (C_LOSS).
 */
import {
  ACT_NONE, C_ACT, C_BAD_LOSS, C_BATCH, C_BETA1, C_BETA2, C_CLASSES, C_CORRECT, C_INPUTS, C_LABELS, C_FIRST_SPARSE,
  C_LAYERS, C_LOSS_SUM, C_LR, C_MOMENTUM, C_NONFINITE, C_N_ORDER, C_OPT, C_ORDER, C_PARTIALS, C_PIXELS,
  C_ABS_SUM, C_INPUT_KIND, C_KEEP_GRADS, INPUT_F32, C_QUIT, C_TRAIN_LABELS, C_TRAIN_PIXELS, C_READY, C_ROWS_CAP, C_SAMPLES, C_STEPS, C_THREADS, C_WD, C_WORK_COUNT,
  C_WORK_FIRST, C_WORK_GEN, C_WORK_KIND, WORK_AUGMENT, WORK_EVALUATE, WORK_TRAIN, C_EVAL_IDX, C_EVAL_START, C_EVAL_ROWS, C_EVAL_LOSSES,
  C_GRAD_HIDDEN, C_GRAD_OUT, WORK_GRADIENT,
  L_A, L_B, L_DB, L_DROP, L_DW, L_DZ, L_IN, L_MB, L_MW, L_OUT, L_VB, L_VW, L_W,
  T_COL_IDX, T_COL_IDX_T, T_LOGITS, T_ROW_PTR, T_ROW_PTR_T, T_VALUES, T_VALUES_T, T_X,
} from '../layout';
import { matmul, matmulTransA, matmulTransB } from './dense';
import { actBackward, lastAbsSum, lastCorrect, sumRows } from './elementwise';
import { dropoutActBackward, dropoutForward } from './dropout';
import { countNonZero, gatherCsr, gatherDense, gatherRows, transposeCsr } from './gather';
import { update } from './optim';
import { csrGradUpdate, csrMatmul } from './sparse';
import { barrier, increment, signal, waitChange } from './sync';
import { col, gf, gi, gp, lf, li, lp, row, tp } from './context';
import { trainStepRows } from './rows';
import { agreeNnz, firstForwardSplit, firstGradSplit, gatherSplit, rowShare, share, syncBlockIn, syncBlockOut } from './first';
import { STEP_DENSE, STEP_FAILED, STEP_SPARSE, applyUpdate, keepStats, lossOf, maskBase, setStep, sparseBatch, stepAlpha, stepEpsHat, sumAbs, sumCorrect, sumStats } from './common';
import { augmentStaged } from './augment';
import { inputGradient } from './explain';




/**
 * Gathers this thread's `m` rows, order[first ..), of a batch of `rows` into its buffers: a table's
 * features dense, image bytes as CSR (returns true) or dense, as the whole batch's count of non-zeros
 * says (on threads, agreed from every thread's count: the one-thread choice).
 */
function gather(ctx: usize, tid: i32, threads: i32, pixels: usize, order: usize, first: i32, m: i32, rows: i32): bool {
  const w = gi(ctx, C_INPUTS);
  if (gi(ctx, C_INPUT_KIND) == INPUT_F32) {
    gatherRows(pixels, order, first, m, w, tp(ctx, tid, T_X));
    return false;
  }
  const sparse = sparseBatch(ctx, agreeNnz(ctx, tid, threads, countNonZero(pixels, order, first, m, w)), rows, w);
  if (sparse) gatherCsr(pixels, order, first, m, w, tp(ctx, tid, T_ROW_PTR), tp(ctx, tid, T_COL_IDX), tp(ctx, tid, T_VALUES));
  else gatherDense(pixels, order, first, m, w, tp(ctx, tid, T_X));
  return sparse;
}

/** Wakes the helper threads for work of this kind (its arguments already in the context), when there are any. */
function wakeHelpers(ctx: usize, kind: i32): void {
  if (gi(ctx, C_THREADS) <= 1) return;
  store<i32>(ctx + (<usize>C_WORK_KIND << 2), kind);
  signal(ctx, C_WORK_GEN);
}

/** Z = X · W + b (then act) for the gathered batch, on columns [u0, u1) of a layer of width n. */
function firstLayer(ctx: usize, tid: i32, sparse: bool, rows: i32, W: usize, n: i32, b: usize, out: usize, ldo: i32, cols: i32, act: i32): void {
  const w = gi(ctx, C_INPUTS);
  if (sparse) csrMatmul(tp(ctx, tid, T_ROW_PTR), tp(ctx, tid, T_COL_IDX), tp(ctx, tid, T_VALUES), rows, W, n, out, ldo, cols, b, act);
  else matmul(tp(ctx, tid, T_X), w, W, n, out, ldo, rows, w, cols, b, act);
}



/**
 * The first layer's dW[:, cols] = Xᵀ · dZ for the gathered batch (dZ, and `offset` into layer l's
 * parameters, already at the thread's columns). On a sparse batch the optimiser's update of W is fused
 * in (csrGradUpdate), and dW is written only when C_KEEP_GRADS asks; returns true when W is updated.
 */
function firstLayerGrad(ctx: usize, tid: i32, threads: i32, sparse: bool, rows: i32, dZ: usize, ldz: i32, l: i32, offset: usize, cols: i32): bool {
  if (threads > 1) {
    firstGradSplit(ctx, tid, threads, sparse, rows, dZ, ldz);
    return true;
  }
  const w = gi(ctx, C_INPUTS), n = li(ctx, l, L_OUT);
  const dW = lp(ctx, l, L_DW) + offset;
  if (!sparse) {
    matmulTransA(tp(ctx, tid, T_X), w, dZ, ldz, dW, n, w, rows, cols);
    return false;
  }
  const pT = tp(ctx, tid, T_ROW_PTR_T), iT = tp(ctx, tid, T_COL_IDX_T), vT = tp(ctx, tid, T_VALUES_T);
  transposeCsr(tp(ctx, tid, T_ROW_PTR), tp(ctx, tid, T_COL_IDX), tp(ctx, tid, T_VALUES), rows, w, pT, iT, vT);
  const M = lp(ctx, l, L_MW), V = lp(ctx, l, L_VW);
  csrGradUpdate(pT, iT, vT, w, dZ, ldz, cols, lp(ctx, l, L_W) + offset, gi(ctx, C_KEEP_GRADS) ? dW : 0, M ? M + offset : 0, V ? V + offset : 0, n,
    gi(ctx, C_OPT), gf(ctx, C_LR), gf(ctx, C_WD), gf(ctx, C_MOMENTUM), gf(ctx, C_BETA1), gf(ctx, C_BETA2), stepAlpha, stepEpsHat);
  return true;
}


/**
 * dZ_h = dA_h ⊙ f'(A_h) on columns [v0, v0 + cols) of hidden layer h (dA in its dZ buffer), through
 * the layer's dropout mask of step t when it has one.
 */
function hiddenBackward(ctx: usize, h: i32, t: i32, rows: i32, v0: i32, cols: i32): void {
  const n = li(ctx, h, L_OUT), p = lf(ctx, h, L_DROP), act = gi(ctx, C_ACT);
  if (p > 0) dropoutActBackward(act, lp(ctx, h, L_DZ), lp(ctx, h, L_A), n, rows, v0, cols, maskBase(ctx, t, h), p);
  else actBackward(act, col(lp(ctx, h, L_DZ), v0), col(lp(ctx, h, L_A), v0), n, rows, cols);
}

/**
 * The logits [rows, classes] of the gathered batch, in this thread's logits buffer. A training step t
 * (≥ 1) applies each hidden layer's dropout; evaluation passes t = 0, for none.
 */
function forward(ctx: usize, tid: i32, threads: i32, rows: i32, sparse: bool, parity: i32, t: i32): usize {
  const layers = gi(ctx, C_LAYERS), act = gi(ctx, C_ACT), C = gi(ctx, C_CLASSES);
  for (let h = 0; h < layers - 1; h++) {
    const n = li(ctx, h, L_OUT), k = li(ctx, h, L_IN);
    const u0 = share(n, tid, threads), u1 = share(n, tid + 1, threads);
    const W = col(lp(ctx, h, L_W), u0), b = col(lp(ctx, h, L_B), u0), A = col(lp(ctx, h, L_A), u0);
    if (h == 0 && threads > 1) firstForwardSplit(ctx, tid, threads, sparse, rows, b, A, n, act);
    else if (h == 0) firstLayer(ctx, tid, sparse, rows, W, n, b, A, n, u1 - u0, act);
    else matmul(lp(ctx, h - 1, L_A), k, W, n, A, n, rows, k, u1 - u0, b, act);
    const p = lf(ctx, h, L_DROP);
    if (t > 0 && p > 0) dropoutForward(lp(ctx, h, L_A), n, rows, u0, u1 - u0, maskBase(ctx, t, h), p);
    if (h < layers - 2) barrier(ctx, threads);
  }
  const last = layers - 1, k = li(ctx, last, L_IN);
  const r0 = share(k, tid, threads), r1 = share(k, tid + 1, threads);
  const part = <usize>gi(ctx, C_ROWS_CAP) * <usize>C << 2;
  const P0 = gp(ctx, C_PARTIALS) + <usize>(parity * threads) * part;
  const P = P0 + <usize>tid * part;
  const W = lp(ctx, last, L_W) + (<usize>r0 * <usize>C << 2);
  const b = tid == 0 ? lp(ctx, last, L_B) : 0;
  if (layers == 1) firstLayer(ctx, tid, sparse, rows, W, C, b, P, C, C, ACT_NONE);
  else matmul(col(lp(ctx, last - 1, L_A), r0), k, W, C, P, C, rows, r1 - r0, C, b, ACT_NONE);
  barrier(ctx, threads);
  const Z = tp(ctx, tid, T_LOGITS), bytes = <usize>rows * <usize>C << 2;
  memory.copy(Z, P0, bytes);
  for (let t = 1; t < threads; t++) {
    const Pt = P0 + <usize>t * part;
    let q: usize = 0;
    for (; q + 16 <= bytes; q += 16) v128.store(Z + q, f32x4.add(v128.load(Z + q), v128.load(Pt + q)));
    for (; q < bytes; q += 4) store<f32>(Z + q, load<f32>(Z + q) + load<f32>(Pt + q));
  }
  return Z;
}


/**
 * One minibatch: rows order[start .. start+rows). Returns STEP_SPARSE or STEP_DENSE (the first layer's
 * kernels), or STEP_FAILED, with nothing applied, when the loss is not finite.
 */
function trainStep(ctx: usize, tid: i32, threads: i32, start: i32, rows: i32, parity: i32, t: i32): i32 {
  const layers = gi(ctx, C_LAYERS), C = gi(ctx, C_CLASSES);
  const order = gp(ctx, C_ORDER);
  const sparse = threads > 1
    ? gatherSplit(ctx, tid, threads, gp(ctx, C_TRAIN_PIXELS), order, start, rows)
    : gather(ctx, tid, 1, gp(ctx, C_TRAIN_PIXELS), order, start, rows, rows);
  const dL = forward(ctx, tid, threads, rows, sparse, parity, t);
  const loss = lossOf(ctx, dL, rows, gp(ctx, C_TRAIN_LABELS), order, start, true, 0, rows);
  if (!isFinite(loss)) {
    if (tid == 0) { store<i32>(ctx + (<usize>C_NONFINITE << 2), 1); store<f64>(ctx + (<usize>C_BAD_LOSS << 2), loss / rows); }
    return STEP_FAILED;
  }
  if (tid == 0) {
    store<f64>(ctx + (<usize>C_LOSS_SUM << 2), load<f64>(ctx + (<usize>C_LOSS_SUM << 2)) + loss);
    store<i32>(ctx + (<usize>C_CORRECT << 2), gi(ctx, C_CORRECT) + lastCorrect);
    store<f64>(ctx + (<usize>C_ABS_SUM << 2), load<f64>(ctx + (<usize>C_ABS_SUM << 2)) + lastAbsSum);
    store<i32>(ctx + (<usize>C_SAMPLES << 2), gi(ctx, C_SAMPLES) + rows);
  }

  setStep(ctx, t);
  // The last layer, on this thread's rows of W_{L−1} (its share of the last hidden layer's units).
  const last = layers - 1, k = li(ctx, last, L_IN);
  const r0 = share(k, tid, threads), r1 = share(k, tid + 1, threads);
  const rowOffset = <usize>r0 * <usize>C << 2;
  let firstUpdated = false;
  if (tid == 0) sumRows(dL, C, rows, C, lp(ctx, last, L_DB));
  if (layers == 1) {
    firstUpdated = firstLayerGrad(ctx, tid, threads, sparse, rows, dL, C, last, 0, C);
  } else {
    const A = col(lp(ctx, last - 1, L_A), r0), dZ = col(lp(ctx, last - 1, L_DZ), r0);
    matmulTransA(A, k, dL, C, lp(ctx, last, L_DW) + rowOffset, C, r1 - r0, rows, C);
    matmulTransB(dL, C, lp(ctx, last, L_W) + rowOffset, C, dZ, k, rows, C, r1 - r0);
    hiddenBackward(ctx, last - 1, t, rows, r0, r1 - r0);
  }
  // The hidden layers, last to first, on this thread's columns.
  for (let h = layers - 2; h >= 0; h--) {
    const n = li(ctx, h, L_OUT), kin = li(ctx, h, L_IN);
    const u0 = share(n, tid, threads), u1 = share(n, tid + 1, threads);
    const dZ = col(lp(ctx, h, L_DZ), u0);
    sumRows(dZ, n, rows, u1 - u0, col(lp(ctx, h, L_DB), u0));
    if (h == 0) {
      firstUpdated = firstLayerGrad(ctx, tid, threads, sparse, rows, dZ, n, 0, <usize>u0 << 2, u1 - u0);
    } else {
      matmulTransA(lp(ctx, h - 1, L_A), kin, dZ, n, col(lp(ctx, h, L_DW), u0), n, kin, rows, u1 - u0);
      barrier(ctx, threads); // all of dZ_h is in
      const v0 = share(kin, tid, threads), v1 = share(kin, tid + 1, threads);
      const dZp = col(lp(ctx, h - 1, L_DZ), v0);
      matmulTransB(lp(ctx, h, L_DZ), n, lp(ctx, h, L_W) + (<usize>v0 * <usize>n << 2), n, dZp, kin, rows, n, v1 - v0);
      hiddenBackward(ctx, h - 1, t, rows, v0, v1 - v0);
    }
  }
  // Other threads read every column of W_1 .. W_{L−2} above: update only once all have.
  if (layers >= 3) barrier(ctx, threads);

  for (let h = 0; h < layers - 1; h++) {
    const n = li(ctx, h, L_OUT), kin = li(ctx, h, L_IN);
    const u0 = share(n, tid, threads), u1 = share(n, tid + 1, threads);
    if (h > 0 || !firstUpdated) applyUpdate(ctx, h, L_W, L_DW, L_MW, L_VW, <usize>u0 << 2, n, kin, u1 - u0, true);
    applyUpdate(ctx, h, L_B, L_DB, L_MB, L_VB, <usize>u0 << 2, n, 1, u1 - u0, false);
  }
  if (layers > 1 || !firstUpdated) applyUpdate(ctx, last, L_W, L_DW, L_MW, L_VW, rowOffset, C, r1 - r0, C, true);
  if (tid == 0) applyUpdate(ctx, last, L_B, L_DB, L_MB, L_VB, 0, C, 1, C, false);
  return sparse ? STEP_SPARSE : STEP_DENSE;
}

/**
 * Trains batches first .. first+count of the epoch (batch b is rows order[b·B ..]), stopping early at
 * the end of the order or at a non-finite loss. Every thread of the step calls it with the same
 * arguments; it returns the batches done, after all threads have finished them.
 */
export function trainBatches(ctx: usize, tid: i32, first: i32, count: i32): i32 {
  const threads = gi(ctx, C_THREADS), B = gi(ctx, C_BATCH), n = gi(ctx, C_N_ORDER), steps = gi(ctx, C_STEPS);
  // A table's dense features on threads split the batch by rows (rows.ts says why); images split the units here.
  const rowsSplit = threads > 1 && gi(ctx, C_INPUT_KIND) == INPUT_F32;
  syncBlockIn(ctx, tid, threads); // W_0 as the TypeScript layers left it, into this thread's block (first.ts)
  let s = 0;
  for (; s < count; s++) {
    const b = first + s, start = b * B;
    if (start >= n) break;
    const done = rowsSplit
      ? trainStepRows(ctx, tid, threads, start, min(B, n - start), steps + s + 1)
      : trainStep(ctx, tid, threads, start, min(B, n - start), b & 1, steps + s + 1);
    if (done == STEP_FAILED) break;
    if (s == 0 && tid == 0) store<i32>(ctx + (<usize>C_FIRST_SPARSE << 2), done == STEP_SPARSE ? 1 : 0);
  }
  syncBlockOut(ctx, tid, threads);
  barrier(ctx, threads);
  if (tid == 0) store<i32>(ctx + (<usize>C_STEPS << 2), steps + s);
  return s;
}

/**
 * Thread 0's entry: clears the slice's counts, wakes the helpers, and trains with them. C_LOSS_SUM goes
 * on from the value the caller left there.
 */
export function runSlice(ctx: usize, first: i32, count: i32): i32 {
  store<i32>(ctx + (<usize>C_CORRECT << 2), 0);
  store<i32>(ctx + (<usize>C_SAMPLES << 2), 0);
  store<i32>(ctx + (<usize>C_NONFINITE << 2), 0);
  store<f64>(ctx + (<usize>C_ABS_SUM << 2), 0);
  store<i32>(ctx + (<usize>C_WORK_FIRST << 2), first);
  store<i32>(ctx + (<usize>C_WORK_COUNT << 2), count);
  wakeHelpers(ctx, WORK_TRAIN);
  return trainBatches(ctx, 0, first, count);
}

/** Thread 0's entry for augmenting the staged rows (as/augment.ts): wakes the helpers and augments with them. */
export function runAugment(ctx: usize): void {
  wakeHelpers(ctx, WORK_AUGMENT);
  augmentStaged(ctx, 0, gi(ctx, C_THREADS));
}

/** A helper thread's whole life: wait for work (a slice to train, rows to augment), do it with thread 0, until told to quit. */
export function helperLoop(ctx: usize, tid: i32): void {
  increment(ctx, C_READY);
  let seen = 0;
  for (;;) {
    seen = waitChange(ctx, C_WORK_GEN, seen);
    if (gi(ctx, C_QUIT) != 0) return;
    const kind = gi(ctx, C_WORK_KIND);
    if (kind == WORK_AUGMENT) augmentStaged(ctx, tid, gi(ctx, C_THREADS));
    else if (kind == WORK_EVALUATE) evaluateShare(ctx, tid, gi(ctx, C_THREADS));
    else if (kind == WORK_GRADIENT) gradientShare(ctx, tid, gi(ctx, C_THREADS));
    else trainBatches(ctx, tid, gi(ctx, C_WORK_FIRST), gi(ctx, C_WORK_COUNT));
  }
}

/** Where the helpers find a chunk of rows, idx[start .. start+rows) of the dataset (evaluate, gradient). */
@inline function setChunk(ctx: usize, idx: usize, start: i32, rows: i32): void {
  store<i32>(ctx + (<usize>C_EVAL_IDX << 2), <i32>idx);
  store<i32>(ctx + (<usize>C_EVAL_START << 2), start);
  store<i32>(ctx + (<usize>C_EVAL_ROWS << 2), rows);
}

/**
 * Forward and loss of rows idx[start .. start+rows) of the dataset (rows ≤ C_ROWS_CAP), without
 * training, on every thread: thread 0's entry (it wakes the helpers). Leaves the softmax
 * probabilities (or a regression's outputs) in thread 0's logits buffer, every hidden layer's
 * activations in its A buffer, and each row's loss in `losses`; returns the loss sum, with evalCorrect()
 * the rows classified right (or evalAbsSum() the regression's Σ |output − target|).
 */
export function evaluate(ctx: usize, idx: usize, start: i32, rows: i32, losses: usize): f64 {
  const threads = gi(ctx, C_THREADS);
  setChunk(ctx, idx, start, rows);
  store<i32>(ctx + (<usize>C_EVAL_LOSSES << 2), <i32>losses);
  wakeHelpers(ctx, WORK_EVALUATE);
  evaluateShare(ctx, 0, threads);
  const loss = sumStats(ctx, threads);
  evalRight = sumCorrect;
  evalAbs = sumAbs;
  return loss;
}

let evalRight = 0;
let evalAbs: f64 = 0;

/**
 * Thread tid's share of an evaluation chunk: its rows r0 .. r0 + m of the chunk's `rows` (idx[start ..])
 * through the whole network as one thread computes them (every row's sums are the same whichever rows
 * go with it: the kernels block by rows and sum each element in the same order), into rows r0 .. of
 * each hidden layer's A and of thread 0's logits buffer (returned, at row r0). An image chunk takes the
 * sparse or dense first layer as the whole chunk would on one thread, from all threads' counts of
 * non-zeros; so the outputs equal one thread's bit for bit.
 */
function forwardShare(ctx: usize, tid: i32, threads: i32, idx: usize, start: i32, rows: i32, r0: i32, m: i32): usize {
  const sparse = gather(ctx, tid, threads, gp(ctx, C_PIXELS), idx, start + r0, m, rows);
  const layers = gi(ctx, C_LAYERS), act = gi(ctx, C_ACT), C = gi(ctx, C_CLASSES);
  for (let h = 0; h < layers - 1; h++) {
    const n = li(ctx, h, L_OUT), k = li(ctx, h, L_IN), A = row(lp(ctx, h, L_A), r0, n);
    if (h == 0) firstLayer(ctx, tid, sparse, m, lp(ctx, 0, L_W), n, lp(ctx, 0, L_B), A, n, n, act);
    else matmul(row(lp(ctx, h - 1, L_A), r0, k), k, lp(ctx, h, L_W), n, A, n, m, k, n, lp(ctx, h, L_B), act);
  }
  const last = layers - 1, k = li(ctx, last, L_IN), Z = row(tp(ctx, 0, T_LOGITS), r0, C);
  if (layers == 1) firstLayer(ctx, tid, sparse, m, lp(ctx, 0, L_W), C, lp(ctx, 0, L_B), Z, C, C, ACT_NONE);
  else matmul(row(lp(ctx, last - 1, L_A), r0, k), k, lp(ctx, last, L_W), C, Z, C, m, k, C, lp(ctx, last, L_B), ACT_NONE);
  return Z;
}

/** Thread tid's share of an evaluation chunk (forwardShare), then its rows' losses and counts. */
function evaluateShare(ctx: usize, tid: i32, threads: i32): void {
  const idx = gp(ctx, C_EVAL_IDX), start = gi(ctx, C_EVAL_START), rows = gi(ctx, C_EVAL_ROWS), losses = gp(ctx, C_EVAL_LOSSES);
  const r0 = rowShare(rows, tid, threads), m = rowShare(rows, tid + 1, threads) - r0;
  const Z = forwardShare(ctx, tid, threads, idx, start, rows, r0, m);
  keepStats(ctx, tid, lossOf(ctx, Z, m, gp(ctx, C_LABELS), idx, start + r0, false, losses + (<usize>r0 << 2), m));
  barrier(ctx, threads);
}

/** Thread tid's share of a gradient chunk: forwardShare, then ∂z_c/∂x of its rows (explain.ts). */
function gradientShare(ctx: usize, tid: i32, threads: i32): void {
  const idx = gp(ctx, C_EVAL_IDX), start = gi(ctx, C_EVAL_START), rows = gi(ctx, C_EVAL_ROWS);
  const r0 = rowShare(rows, tid, threads), m = rowShare(rows, tid + 1, threads) - r0;
  const Z = forwardShare(ctx, tid, threads, idx, start, rows, r0, m);
  inputGradient(ctx, Z, m, gp(ctx, C_LABELS), idx, start + r0, r0, gp(ctx, C_GRAD_OUT), gp(ctx, C_GRAD_HIDDEN));
  barrier(ctx, threads);
}

/**
 * The gradient of a class's score with respect to the inputs for rows idx[start .. start+rows) of the
 * dataset (rows ≤ C_ROWS_CAP), on every thread: thread 0's entry. The class of a row is its label in
 * the dataset's targets, or its largest logit where that is −1 (explain.ts). Leaves the logits (no
 * softmax) in thread 0's logits buffer, the hidden activations in each A, ∂z_c/∂x in `out` [rows,
 * inputs] and ∂z_c/∂a of the first hidden layer in `hidden` (unless 0).
 */
export function gradient(ctx: usize, idx: usize, start: i32, rows: i32, out: usize, hidden: usize): void {
  setChunk(ctx, idx, start, rows);
  store<i32>(ctx + (<usize>C_GRAD_OUT << 2), <i32>out);
  store<i32>(ctx + (<usize>C_GRAD_HIDDEN << 2), <i32>hidden);
  wakeHelpers(ctx, WORK_GRADIENT);
  gradientShare(ctx, 0, gi(ctx, C_THREADS));
}

export function evalCorrect(): i32 {
  return evalRight;
}

export function evalAbsSum(): f64 {
  return evalAbs;
}

/** The end of the kernels' own static data (the math tables): the context table goes above it. */
export function heapBase(): usize {
  return __heap_base;
}

/** Tells the helpers to return (after the slice they are in, if any). */
export function quit(ctx: usize): void {
  store<i32>(ctx + (<usize>C_QUIT << 2), 1);
  signal(ctx, C_WORK_GEN);
}
