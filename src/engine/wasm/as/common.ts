/**
 * What the two ways of splitting a training step across threads share (step.ts by units, rows.ts by
 * rows): the loss, the optimiser's step constants and update, the dropout mask's key.
 */
import {
  C_BETA1, C_BETA2, C_CLASSES, C_DROP_SEED, C_EPS, C_LOSS, C_LR, C_MOMENTUM, C_OPT, C_SPARSE_PER_MILLE, C_THREAD_STATS, C_WD, LOSS_SQUARED,
  STATS_SLOTS, S_ABS, S_CORRECT, S_LOSS,
} from '../layout';
import { gf, gi, lp } from './context';
import { dropoutBase } from './dropout';
import { lastAbsSum, lastCorrect, softmaxCrossEntropy, squaredError } from './elementwise';
import { update } from './optim';

export const STEP_FAILED = 0, STEP_DENSE = 1, STEP_SPARSE = 2;

/**
 * The model's loss over the [rows, C] outputs Z of rows order[start ..] (targets at `targets`): softmax
 * cross-entropy or squared error (C_LOSS), as elementwise.ts computes them.
 */
@inline export function lossOf(ctx: usize, Z: usize, rows: i32, targets: usize, order: usize, start: i32, grad: bool, losses: usize, batchRows: i32): f64 {
  const C = gi(ctx, C_CLASSES);
  return gi(ctx, C_LOSS) == LOSS_SQUARED
    ? squaredError(Z, rows, C, targets, order, start, grad, losses, batchRows)
    : softmaxCrossEntropy(Z, rows, C, targets, order, start, grad, losses, batchRows);
}

/** Adam's folded step size α and ε̂ for step t (set by setStep; each thread's instance has its own). */
export let stepAlpha: f32 = 0;
export let stepEpsHat: f32 = 0;

@inline export function setStep(ctx: usize, t: i32): void {
  const bc2 = Math.sqrt(1 - Math.pow(<f64>gf(ctx, C_BETA2), <f64>t));
  stepAlpha = <f32>(<f64>gf(ctx, C_LR) * bc2 / (1 - Math.pow(<f64>gf(ctx, C_BETA1), <f64>t)));
  stepEpsHat = <f32>(<f64>gf(ctx, C_EPS) * bc2);
}

/** The dropout mask key of hidden layer h at optimiser step t. */
@inline export function maskBase(ctx: usize, t: i32, h: i32): u32 {
  return dropoutBase(<u32>gi(ctx, C_DROP_SEED), <u32>t, <u32>h);
}

/** Applies the optimiser (at the step setStep set) to a [rows, cols] block of a parameter and its state (ld floats a row). */
export function applyUpdate(ctx: usize, l: i32, w: i32, g: i32, m: i32, v: i32, offset: usize, ld: i32, rows: i32, cols: i32, decay: bool): void {
  const M = lp(ctx, l, m), V = lp(ctx, l, v);
  update(gi(ctx, C_OPT), lp(ctx, l, w) + offset, lp(ctx, l, g) + offset, M ? M + offset : 0, V ? V + offset : 0, ld, rows, cols,
    gf(ctx, C_LR), decay ? gf(ctx, C_WD) : 0, gf(ctx, C_MOMENTUM), gf(ctx, C_BETA1), gf(ctx, C_BETA2), stepAlpha, stepEpsHat);
}

/**
 * Whether a batch of `rows` rows of `w` inputs holding `nnz` non-zeros runs its first layer on the
 * sparse kernels (CSR): at most C_SPARSE_PER_MILLE non-zeros per 1,000 values.
 */
@inline export function sparseBatch(ctx: usize, nnz: i64, rows: i32, w: i32): bool {
  return nnz * 1000 <= <i64>gi(ctx, C_SPARSE_PER_MILLE) * <i64>rows * <i64>w;
}

/** Where thread t's sums of a step or an evaluation chunk are (C_THREAD_STATS). */
@inline export function statsOf(ctx: usize, t: i32): usize {
  return ctx + (<usize>(C_THREAD_STATS + t * STATS_SLOTS) << 2);
}

/** Keeps this thread's loss sum, with the right rows and Σ |error| of the loss it just computed. */
export function keepStats(ctx: usize, tid: i32, loss: f64): void {
  const s = statsOf(ctx, tid);
  store<f64>(s + (S_LOSS << 2), loss);
  store<i32>(s + (S_CORRECT << 2), lastCorrect);
  store<f64>(s + (S_ABS << 2), lastAbsSum);
}

/** The threads' kept right rows and Σ |error|, summed by the last sumStats. */
export let sumCorrect = 0;
export let sumAbs: f64 = 0;

/** The threads' kept loss sums, summed in thread order (so every thread gets the same bits); sets sumCorrect and sumAbs. */
export function sumStats(ctx: usize, threads: i32): f64 {
  let loss: f64 = 0, correct = 0, abs: f64 = 0;
  for (let t = 0; t < threads; t++) {
    const s = statsOf(ctx, t);
    loss += load<f64>(s + (S_LOSS << 2));
    correct += load<i32>(s + (S_CORRECT << 2));
    abs += load<f64>(s + (S_ABS << 2));
  }
  sumCorrect = correct;
  sumAbs = abs;
  return loss;
}
