import { argmax } from '../engine/argmax';
import { Evaluation, RegressionEvaluation } from '../engine/metrics';
import type { Sequential } from '../engine/sequential';
import type { Dataset } from '../data/dataset';
import { outputSize } from '../data/schema';
import type { EvalSink } from './backend';
import { evaluateModel } from './backend-ts';

/** Classes whose probabilities a row's detail keeps: all of them up to this many, else the most probable this many. */
export const TOP_CLASSES = 10;

/**
 * Each evaluated row's loss and prediction, in the order of the rows given: for classes, the
 * predicted class and the probabilities of the classes (all when there are at most TOP_CLASSES, in
 * class order; else the TOP_CLASSES most probable, most probable first, with `topClasses` naming them);
 * for a regression, the predicted value (standardised units).
 */
export type RowDetail =
  | { task: 'classification'; losses: Float32Array; predicted: Int32Array; top: number; topProbs: Float32Array; topClasses: Int32Array | null }
  | { task: 'regression'; losses: Float32Array; predicted: Float32Array };

/** A detail buffer for `rows` rows of a dataset of this schema's kind. */
export function rowDetail(rows: number, ds: Pick<Dataset, 'schema'>): RowDetail {
  const k = outputSize(ds.schema);
  if (ds.schema.target.task === 'regression') return { task: 'regression', losses: new Float32Array(rows), predicted: new Float32Array(rows) };
  const top = Math.min(k, TOP_CLASSES);
  return {
    task: 'classification', losses: new Float32Array(rows), predicted: new Int32Array(rows), top,
    topProbs: new Float32Array(rows * top), topClasses: k > TOP_CLASSES ? new Int32Array(rows * top) : null,
  };
}

/** Scores over rows: classification metrics with the confusion matrix, or regression metrics. */
export type Scores = Evaluation | RegressionEvaluation;

/** Runs a model's forward and loss over rows, chunk by chunk (a backend's evaluate, or evaluateModel). */
export type RowsForward = (rows: ArrayLike<number>, sink: EvalSink) => void;

/**
 * Scores over the given rows of a labeled dataset, from `forward`'s outputs and losses; with `keep`,
 * also each row's detail, in `indices` order.
 */
export function evaluateWith(forward: RowsForward, dataset: Dataset, indices: Int32Array, keep?: RowDetail): Scores {
  const y = dataset.y!, target = dataset.schema.target;
  if (target.task === 'regression') {
    const acc = new RegressionEvaluation(target.std);
    forward(indices, (start, rows, outputs, losses) => {
      for (let r = 0; r < rows; r++) acc.add(outputs[r], y[indices[start + r]], losses[r]);
      if (keep?.task === 'regression') {
        keep.losses.set(losses.subarray(0, rows), start);
        keep.predicted.set(outputs.subarray(0, rows), start);
      }
    });
    return acc;
  }
  const k = target.classes.length;
  const acc = new Evaluation(k);
  forward(indices, (start, rows, probs, losses) => {
    for (let r = 0, o = 0; r < rows; r++, o += k) {
      const best = argmax(probs, o, k);
      acc.add(y[indices[start + r]], best, losses[r]);
      if (keep?.task === 'classification') {
        keep.predicted[start + r] = best;
        keepTop(probs, o, k, keep, start + r);
      }
    }
    if (keep) keep.losses.set(losses.subarray(0, rows), start);
  });
  return acc;
}

/** Row `i`'s probabilities into the detail: all k in class order, or the `top` largest, largest first. */
function keepTop(probs: Float32Array, o: number, k: number, keep: Extract<RowDetail, { task: 'classification' }>, i: number): void {
  const { top, topProbs, topClasses } = keep, at = i * top;
  if (!topClasses) {
    topProbs.set(probs.subarray(o, o + k), at);
    return;
  }
  // Insertion into a sorted list of `top`: O(k) per row for k ≫ top.
  let n = 0;
  for (let j = 0; j < k; j++) {
    const p = probs[o + j];
    if (n === top && p <= topProbs[at + top - 1]) continue;
    let q = Math.min(n, top - 1);
    while (q > 0 && topProbs[at + q - 1] < p) {
      topProbs[at + q] = topProbs[at + q - 1];
      topClasses[at + q] = topClasses[at + q - 1];
      q--;
    }
    topProbs[at + q] = p;
    topClasses[at + q] = j;
    if (n < top) n++;
  }
}

/** evaluateWith on any model's TypeScript layers (a model loaded from a file, a test set). */
export function evaluateRows(model: Sequential, dataset: Dataset, indices: Int32Array, keep?: RowDetail): Scores {
  return evaluateWith((rows, sink) => evaluateModel(model, dataset, rows, sink), dataset, indices, keep);
}

/** evaluateRows on every row of a labeled dataset (a test set), in file order. */
export function evaluateDataset(model: Sequential, dataset: Dataset): Scores {
  return evaluateRows(model, dataset, Int32Array.from({ length: dataset.count }, (_, i) => i));
}
