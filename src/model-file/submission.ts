/**
 * Predictions for every row of a dataset and the file that holds them, shared by `npm run predict` and
 * the page's `Download submission`: Kaggle's `ImageId,Label` for the digit layout; for a table, its ID
 * column (or `row`) and the predicted target, named by the target's column.
 */
import { argmax } from '../engine/argmax';
import { resizeRows, zeros } from '../engine/matrix';
import { Predictor } from '../engine/wasm/predict';
import type { Sequential } from '../engine/sequential';
import { gatherBatch } from '../data/batch';
import type { Dataset } from '../data/dataset';
import type { Schema } from '../data/schema';
import { numberText } from '../data/table';

/** Rows gathered at a time (the Predictor runs them through the WebAssembly kernels in its own chunks). */
export const PREDICT_BATCH = 512;

/**
 * Writes the prediction of rows [start, end) of `dataset` into `out[start..end)`: for classes, the
 * first class of highest softmax probability (`np.argmax`); for a regression, the output in the
 * target's units (output · std + mean). Inputs as the dataset holds them (image bytes x/255, a table's
 * encoded features), through the WebAssembly kernels (`predictor`; the TypeScript layers without them).
 * `onProgress(done, total)` follows each batch, counting rows of [start, end).
 */
export function predictRows(
  model: Sequential, dataset: Dataset, start: number, end: number, out: Int32Array | Float32Array,
  onProgress?: (done: number, total: number) => void, predictor = new Predictor(),
): void {
  const x = zeros(PREDICT_BATCH, dataset.schema.inputSize);
  const order = new Int32Array(PREDICT_BATCH);
  const target = dataset.schema.target;
  for (let from = start; from < end; from += PREDICT_BATCH) {
    const rows = Math.min(PREDICT_BATCH, end - from);
    for (let r = 0; r < rows; r++) order[r] = from + r;
    gatherBatch(dataset, order, 0, rows, x, null);
    const regression = target.task === 'regression';
    const p = predictor.outputs(model, resizeRows(x, rows), regression), k = model.outputSize;
    for (let r = 0; r < rows; r++) out[from + r] = regression ? p[r] * target.std + target.mean : argmax(p, r * k, k);
    onProgress?.(from + rows - start, end - start);
  }
}

/** A buffer for the predictions of `rows` rows of this schema: classes, or values. */
export const predictionBuffer = (schema: Schema, rows: number): Int32Array | Float32Array =>
  (schema.target.task === 'regression' ? new Float32Array(rows) : new Int32Array(rows));

/** The prediction of every row, in file order; `onProgress(done, total)` follows each batch. */
export function predictAll(model: Sequential, dataset: Dataset, onProgress?: (done: number, total: number) => void, predictor = new Predictor()): Int32Array | Float32Array {
  const out = predictionBuffer(dataset.schema, dataset.count);
  predictRows(model, dataset, 0, dataset.count, out, onProgress, predictor);
  return out;
}

/** A CSV cell, quoted when it holds a comma, a quote or a line end (RFC 4180). */
const csvCell = (s: string) => (/[",\r\n]/.test(s) ? `"${s.replaceAll('"', '""')}"` : s);

/**
 * The predictions file. The digit layout: Kaggle's submission, `ImageId,Label`, ImageId counted from
 * 1. A table: the ID column's values (`ids`; without one, `row`: file rows counted from 1), then the
 * predicted class name, or value (shortest text of its float32), under the target column's name.
 */
export function submissionCsv(schema: Schema, predictions: Int32Array | Float32Array, ids: string[] | null = null): string {
  const digits = schema.layout === 'digits';
  const target = schema.target;
  const rows = new Array<string>(predictions.length + 1);
  rows[0] = digits ? 'ImageId,Label' : `${csvCell(ids ? schema.idColumn! : 'row')},${csvCell(target.column)}`;
  for (let i = 0; i < predictions.length; i++) {
    const value = target.task === 'regression' ? numberText(Math.fround(predictions[i]), true) : target.classes[predictions[i]];
    rows[i + 1] = `${ids ? csvCell(ids[i]) : i + 1},${csvCell(value)}`;
  }
  return `${rows.join('\n')}\n`;
}

/** The name of the predictions file: Kaggle's `submission.csv`, or `<table>-predictions.csv`. */
export function submissionName(schema: Schema, dataName: string): string {
  return schema.layout === 'digits' ? 'submission.csv' : `${dataName.replace(/\.[^.]*$/, '')}-predictions.csv`;
}
