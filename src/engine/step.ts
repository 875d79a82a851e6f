import type { Loss } from './loss';
import type { Matrix } from './matrix';
import type { KernelPath } from './linear';
import type { Optimizer } from './optim';
import type { Sequential } from './sequential';

/**
 * One minibatch of gradient descent: forward, loss, backward, optimizer step. Returns the batch's
 * mean loss; `loss.correct` then holds how many rows were classified right (before the update).
 *   x: [batch, inputSize], y: the batch's labels (classes) or target values [batch, outputs] (regression).
 * When the loss is not finite (NaN or ±∞) the step is not applied, so the weights stay as they were;
 * the caller decides what to do (the training run stops and rolls back).
 */
export function trainStep(
  model: Sequential, loss: Loss, optimizer: Optimizer, x: Matrix, y: ArrayLike<number>,
): number {
  const value = loss.forward(model.forward(x), y);
  if (!Number.isFinite(value)) return value;
  model.backward(loss.backward());
  optimizer.step();
  return value;
}

/**
 * What a slice of training steps did (the WebAssembly trainer's runSlice, the TypeScript backend's loop):
 * batches applied, the running loss sum, and the rows classified right and trained.
 */
export interface SliceResult {
  batches: number;
  /** The loss sum given plus Σ over the slice's batches of (mean loss × rows), in batch order (float64). */
  lossSum: number;
  /** Rows classified right before each update (classification; 0 for regression). */
  correct: number;
  /** Σ |output − target| over the slice's rows before each update (regression, in the target's standardised units; 0 for classification). */
  absErrorSum: number;
  samples: number;
  /** The mean loss of the batch that stopped the slice, when it was not finite (that batch was not applied); null otherwise. */
  nonFiniteLoss: number | null;
  /** The kernels each Linear layer of the slice's first batch ran on; null when no batch ran. */
  kernels: KernelPath[] | null;
}
