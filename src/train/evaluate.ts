import { argmax } from '../engine/argmax';
import { Evaluation } from '../engine/metrics';
import type { Sequential } from '../engine/sequential';
import { CLASSES, type Dataset } from '../data/dataset';
import type { EvalSink } from './backend';
import { evaluateModel } from './backend-ts';

/** Each evaluated row's loss, predicted class and probabilities, in the order of the rows given. */
export interface RowDetail {
  losses: Float32Array;
  predicted: Uint8Array;
  /** rows × 10 softmax probabilities. */
  probs: Float32Array;
}

export function rowDetail(rows: number): RowDetail {
  return { losses: new Float32Array(rows), predicted: new Uint8Array(rows), probs: new Float32Array(rows * CLASSES) };
}

/** Runs a model's forward and loss over rows, chunk by chunk (a backend's evaluate, or evaluateModel). */
export type RowsForward = (rows: ArrayLike<number>, sink: EvalSink) => void;

/**
 * Loss, accuracy and confusion matrix over the given rows of a labeled dataset, from `forward`'s
 * probabilities and losses; with `keep`, also each row's loss, prediction and probabilities, in
 * `indices` order.
 */
export function evaluateWith(forward: RowsForward, dataset: Dataset, indices: Int32Array, keep?: RowDetail): Evaluation {
  const acc = new Evaluation(CLASSES);
  const labels = dataset.labels!;
  forward(indices, (start, rows, probs, losses) => {
    for (let r = 0, o = 0; r < rows; r++, o += CLASSES) {
      const best = argmax(probs, o, CLASSES);
      acc.add(labels[indices[start + r]], best, losses[r]);
      if (keep) keep.predicted[start + r] = best;
    }
    if (keep) {
      keep.losses.set(losses.subarray(0, rows), start);
      keep.probs.set(probs.subarray(0, rows * CLASSES), start * CLASSES);
    }
  });
  return acc;
}

/** evaluateWith on any model's TypeScript layers (a model loaded from a file, a test set). */
export function evaluateRows(model: Sequential, dataset: Dataset, indices: Int32Array, keep?: RowDetail): Evaluation {
  return evaluateWith((rows, sink) => evaluateModel(model, dataset, rows, sink), dataset, indices, keep);
}

/** evaluateRows on every row of a labeled dataset (a test set), in file order. */
export function evaluateDataset(model: Sequential, dataset: Dataset): Evaluation {
  return evaluateRows(model, dataset, Int32Array.from({ length: dataset.count }, (_, i) => i));
}
