import type { SoftmaxCrossEntropy } from './loss';
import type { Matrix } from './matrix';
import type { Evaluation } from './metrics';
import type { Optimizer } from './optim';
import type { Sequential } from './sequential';

/** What one training step saw: the batch's mean loss and how many of its rows were classified right. */
export interface StepResult {
  loss: number;
  correct: number;
}

/**
 * One minibatch of gradient descent: forward, loss, backward, optimizer step.
 *   x: [batch, inputSize], y: batch labels.
 * When the loss is not finite (NaN or ±∞) the step is not applied, so the weights stay as they were;
 * the caller decides what to do (the training run stops and rolls back).
 */
export function trainStep(
  model: Sequential, loss: SoftmaxCrossEntropy, optimizer: Optimizer, x: Matrix, y: ArrayLike<number>,
): StepResult {
  const logits = model.forward(x);
  const value = loss.forward(logits, y);
  if (!Number.isFinite(value)) return { loss: value, correct: 0 };
  const correct = countCorrect(loss.probs, y);
  model.backward(loss.backward());
  optimizer.step();
  return { loss: value, correct };
}

/** Rows whose largest probability is at the true label. */
function countCorrect(probs: Matrix, y: ArrayLike<number>): number {
  const P = probs.data, n = probs.cols;
  let correct = 0;
  for (let i = 0, o = 0; i < probs.rows; i++, o += n) {
    let best = 0;
    for (let j = 1; j < n; j++) if (P[o + j] > P[o + best]) best = j;
    if (best === y[i]) correct++;
  }
  return correct;
}

/** Per-row results of an evaluation batch, for galleries of the worst samples. */
export interface BatchDetail {
  /** Cross-entropy of each row. */
  losses: Float32Array;
  /** Predicted class of each row. */
  predicted: Uint8Array;
}

/**
 * Evaluates a batch without training: adds each row's loss and prediction to `acc`, and fills
 * `detail` (when given) with per-row losses and predictions.
 */
export function evaluateBatch(
  model: Sequential, loss: SoftmaxCrossEntropy, x: Matrix, y: ArrayLike<number>, acc: Evaluation, detail?: BatchDetail,
): void {
  const perSample = detail?.losses ?? new Float32Array(x.rows);
  loss.forward(model.forward(x), y, perSample);
  const P = loss.probs.data, n = loss.probs.cols;
  for (let i = 0, o = 0; i < x.rows; i++, o += n) {
    let best = 0;
    for (let j = 1; j < n; j++) if (P[o + j] > P[o + best]) best = j;
    acc.add(y[i], best, perSample[i]);
    if (detail) detail.predicted[i] = best;
  }
}
