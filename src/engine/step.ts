import type { SoftmaxCrossEntropy } from './loss';
import type { Matrix } from './matrix';
import type { Evaluation } from './metrics';
import type { Optimizer } from './optim';
import type { Sequential } from './sequential';

/**
 * One minibatch of gradient descent: forward, loss, backward, optimizer step. Returns the batch's
 * mean loss; `loss.correct` then holds how many rows were classified right (before the update).
 *   x: [batch, inputSize], y: batch labels.
 * When the loss is not finite (NaN or ±∞) the step is not applied, so the weights stay as they were;
 * the caller decides what to do (the training run stops and rolls back).
 */
export function trainStep(
  model: Sequential, loss: SoftmaxCrossEntropy, optimizer: Optimizer, x: Matrix, y: ArrayLike<number>,
): number {
  const value = loss.forward(model.forward(x), y);
  if (!Number.isFinite(value)) return value;
  model.backward(loss.backward());
  optimizer.step();
  return value;
}

/** Per-row results of an evaluation batch, for galleries of the worst samples. */
export interface BatchDetail {
  /** Cross-entropy of each row. */
  losses: Float32Array;
  /** Predicted class of each row. */
  predicted: Uint8Array;
}

/**
 * Evaluates a batch without training: adds each row's loss and prediction to `acc`, and writes
 * per-row losses and predictions into `detail` (buffers of at least x.rows values, reused by callers).
 */
export function evaluateBatch(
  model: Sequential, loss: SoftmaxCrossEntropy, x: Matrix, y: ArrayLike<number>, acc: Evaluation, detail: BatchDetail,
): void {
  const perSample = detail.losses;
  loss.forward(model.forward(x), y, perSample);
  const P = loss.probs.data, n = loss.probs.cols;
  for (let i = 0, o = 0; i < x.rows; i++, o += n) {
    let best = 0;
    for (let j = 1; j < n; j++) if (P[o + j] > P[o + best]) best = j;
    acc.add(y[i], best, perSample[i]);
    detail.predicted[i] = best;
  }
}
