import { SoftmaxCrossEntropy } from '../engine/loss';
import { zeros } from '../engine/matrix';
import { Evaluation } from '../engine/metrics';
import type { Sequential } from '../engine/sequential';
import { evaluateBatch } from '../engine/step';
import type { WasmTrainer } from '../engine/wasm/trainer';
import { gatherBatch } from '../data/batch';
import { CLASSES, PIXELS, type Dataset } from '../data/dataset';

/** Rows evaluated per forward pass; only memory, not results, depend on it. */
export const EVAL_BATCH = 512;

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

/**
 * Loss, accuracy and confusion matrix of `model` on the given rows of a labeled dataset, without
 * training; with `keep`, also each row's loss, prediction and probabilities, in `indices` order.
 */
export function evaluateRows(model: Sequential, dataset: Dataset, indices: Int32Array, keep?: RowDetail, lossFn = new SoftmaxCrossEntropy(CLASSES)): Evaluation {
  const acc = new Evaluation(CLASSES);
  const x = zeros(EVAL_BATCH, PIXELS);
  const y = new Uint8Array(EVAL_BATCH);
  const detail = { losses: new Float32Array(EVAL_BATCH), predicted: new Uint8Array(EVAL_BATCH) };
  for (let start = 0; start < indices.length; start += EVAL_BATCH) {
    const end = Math.min(start + EVAL_BATCH, indices.length);
    gatherBatch(dataset, indices, start, end, x, y);
    evaluateBatch(model, lossFn, x, y, acc, detail);
    if (keep) {
      keep.losses.set(detail.losses.subarray(0, end - start), start);
      keep.predicted.set(detail.predicted.subarray(0, end - start), start);
      keep.probs.set(lossFn.probs.data.subarray(0, (end - start) * CLASSES), start * CLASSES);
    }
  }
  return acc;
}

/** evaluateRows on every row of a labeled dataset (a test set), in file order. */
export function evaluateDataset(model: Sequential, dataset: Dataset): Evaluation {
  return evaluateRows(model, dataset, Int32Array.from({ length: dataset.count }, (_, i) => i));
}

/** evaluateRows on the WebAssembly trainer that holds the model and this dataset. */
export function evaluateRowsWasm(trainer: WasmTrainer, dataset: Dataset, indices: Int32Array, keep?: RowDetail): Evaluation {
  const acc = new Evaluation(CLASSES);
  const labels = dataset.labels!;
  trainer.evaluate(indices, (start, rows, probs, losses) => {
    for (let r = 0, o = 0; r < rows; r++, o += CLASSES) {
      let best = 0;
      for (let j = 1; j < CLASSES; j++) if (probs[o + j] > probs[o + best]) best = j;
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
