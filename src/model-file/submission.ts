/**
 * Predictions for every image of a dataset and Kaggle's submission file, shared by `npm run predict`
 * and the page's `Download submission`.
 */
import { argmax } from '../engine/argmax';
import { zeros } from '../engine/matrix';
import type { Sequential } from '../engine/sequential';
import { gatherBatch } from '../data/batch';
import { PIXELS, type Dataset } from '../data/dataset';

/**
 * Rows per forward pass: the size TrainingRun evaluates held-out rows with, so a batch takes the
 * same kernels there and here (the first layer's path depends on a batch's share of non-zeros).
 */
export const PREDICT_BATCH = 512;

/**
 * Writes the predicted class of rows [start, end) of `dataset` into `labels[start..end)`: pixels
 * normalised as x/255 (gatherBatch), softmax probabilities, and the first class of highest probability
 * (`np.argmax`). `onProgress(done, total)` follows each batch, counting rows of [start, end). For
 * callers that slice the work (the worker); `predictLabels` does every row.
 */
export function predictRows(
  model: Sequential, dataset: Dataset, start: number, end: number, labels: Uint8Array,
  onProgress?: (done: number, total: number) => void,
): void {
  const x = zeros(PREDICT_BATCH, PIXELS);
  const order = new Int32Array(PREDICT_BATCH);
  for (let from = start; from < end; from += PREDICT_BATCH) {
    const rows = Math.min(PREDICT_BATCH, end - from);
    for (let r = 0; r < rows; r++) order[r] = from + r;
    gatherBatch(dataset, order, 0, rows, x, null);
    const p = model.predictProba(x);
    for (let r = 0; r < rows; r++) labels[from + r] = argmax(p.data, r * p.cols, p.cols);
    onProgress?.(from + rows - start, end - start);
  }
}

/** The predicted class (0-9) of every image, in file order; `onProgress(done, total)` follows each batch. */
export function predictLabels(model: Sequential, dataset: Dataset, onProgress?: (done: number, total: number) => void): Uint8Array {
  const labels = new Uint8Array(dataset.count);
  predictRows(model, dataset, 0, dataset.count, labels, onProgress);
  return labels;
}

/** Kaggle's submission file: `ImageId,Label`, then one row per image, ImageId counted from 1. */
export function submissionCsv(labels: ArrayLike<number>): string {
  const rows = new Array<string>(labels.length + 1);
  rows[0] = 'ImageId,Label';
  for (let i = 0; i < labels.length; i++) rows[i + 1] = `${i + 1},${labels[i]}`;
  return `${rows.join('\n')}\n`;
}
