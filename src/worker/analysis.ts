import { Linear } from '../engine/linear';
import type { Evaluation } from '../engine/metrics';
import type { Sequential } from '../engine/sequential';
import { type Dataset, fileRow } from '../data/dataset';
import { cellText } from '../data/table';
import type { RowDetail, Scores } from '../train/evaluate';
import type { TrainingRun } from '../train/run';
import type { TableSource } from '../train/run-data';
import type { EpochAnalysis, Misclassified } from './protocol';

/** Misclassified samples sent per epoch at most (each about 830 bytes for a digit). */
export const MAX_ERRORS = 2000;
/** First-layer units drawn as images. */
export const MAX_UNITS = 64;
/** Classes of the confusion matrix sent whole; with more, the MAX_CONFUSION with the most mistakes. */
export const MAX_CONFUSION = 30;

/** A model's held-out evaluation with each row's detail: what an analysis is made from. */
export interface Evaluated {
  model: Sequential;
  /** The rows as the model read them, and the table they came from (for its cells as written), if any. */
  dataset: Dataset;
  table: TableSource | null;
  /** The held-out rows (of `dataset`), in the order of `detail`. */
  rows: Int32Array;
  detail: RowDetail;
  scores: Scores;
  /** Epochs the model was trained for (0 for a model from a file). */
  epoch: number;
}

/**
 * What went wrong in the last epoch's held-out evaluation: the confusion matrix, the misclassified
 * samples with their loss, probabilities and image (or cells), and the first layer's weights as
 * images. Null for a regression (its residuals are a later analysis) or without held-out rows.
 */
export function analyseEpoch(run: TrainingRun): EpochAnalysis | null {
  const val = run.lastVal;
  if (!val) return null;
  return analyse({ model: run.model, dataset: run.dataset, table: run.table, rows: run.split.val, detail: run.valDetail, scores: val, epoch: run.epoch });
}

/** The same analysis for any model evaluated on held-out rows (a model loaded from a file). */
export function analyse(e: Evaluated): EpochAnalysis | null {
  if (e.detail.task !== 'classification' || !('confusion' in e.scores)) return null;
  const { confusion, confusionClasses, classTotals, classRight } = confusionOf(e.scores);
  return {
    epoch: e.epoch, confusion, confusionClasses, classTotals, classRight,
    errors: misclassified(e, e.detail), weights: firstLayerWeights(e.model, e.dataset),
  };
}

/** The confusion matrix over at most MAX_CONFUSION classes (those with the most mistakes, in class order), and every class's totals. */
export function confusionOf(ev: Evaluation): Pick<EpochAnalysis, 'confusion' | 'confusionClasses' | 'classTotals' | 'classRight'> {
  const k = ev.classes, c = ev.confusion;
  const classTotals = new Array<number>(k).fill(0), classRight = new Array<number>(k).fill(0);
  for (let t = 0; t < k; t++) {
    for (let p = 0; p < k; p++) classTotals[t] += c[t * k + p];
    classRight[t] = c[t * k + t];
  }
  let shown = Array.from({ length: k }, (_, i) => i);
  if (k > MAX_CONFUSION) {
    const mistakes = shown.map((i) => {
      let m = classTotals[i] - classRight[i];
      for (let t = 0; t < k; t++) if (t !== i) m += c[t * k + i];
      return m;
    });
    shown = shown.sort((a, b) => mistakes[b] - mistakes[a] || a - b).slice(0, MAX_CONFUSION).sort((a, b) => a - b);
  }
  const confusion = shown.flatMap((t) => shown.map((p) => c[t * k + p]));
  return { confusion, confusionClasses: shown, classTotals, classRight };
}

type ClassDetail = Extract<RowDetail, { task: 'classification' }>;

function misclassified({ rows, dataset, table }: Evaluated, detail: ClassDetail): Misclassified {
  const { losses, predicted, top, topProbs, topClasses } = detail;
  const labels = dataset.y as Int32Array;
  let wrong: number[] = [];
  for (let i = 0; i < rows.length; i++) if (predicted[i] !== labels[rows[i]]) wrong.push(i);
  const total = wrong.length;
  if (total > MAX_ERRORS) {
    wrong.sort((a, b) => losses[a] - losses[b]);
    wrong = [...wrong.slice(0, MAX_ERRORS / 2), ...wrong.slice(total - MAX_ERRORS / 2)];
  }
  const k = wrong.length;
  const image = dataset.schema.image, pixels = image ? image.side * image.side : 0;
  const out: Misclassified = {
    total, rows: new Int32Array(k), trueLabels: new Int32Array(k), predicted: new Int32Array(k), losses: new Float32Array(k),
    top, probs: new Float32Array(k * top), probClasses: topClasses ? new Int32Array(k * top) : null,
    images: image ? new Uint8Array(k * pixels) : null,
    cells: table ? [] : null,
  };
  wrong.forEach((i, j) => {
    const row = rows[i], file = fileRow(dataset, row);
    out.rows[j] = file;
    out.trueLabels[j] = labels[row];
    out.predicted[j] = predicted[i];
    out.losses[j] = losses[i];
    out.probs.set(topProbs.subarray(i * top, (i + 1) * top), j * top);
    if (topClasses) out.probClasses!.set(topClasses.subarray(i * top, (i + 1) * top), j * top);
    if (out.images) imageOf(dataset, table, row, file, out.images, j * pixels);
    if (out.cells) out.cells.push(table!.table.columns.map((c) => cellText(c, file)));
  });
  return out;
}

/**
 * A row's image as bytes 0-255: the digit layout's own bytes, or an image table's pixel cells as the
 * file wrote them, scaled by its largest value.
 */
function imageOf(ds: Dataset, table: TableSource | null, row: number, file: number, out: Uint8Array, at: number): void {
  const image = ds.schema.image!, n = image.side * image.side;
  if (ds.x instanceof Uint8Array) {
    out.set(ds.x.subarray(row * n, (row + 1) * n), at);
    return;
  }
  const cols = ds.schema.features.map((f) => table!.table.columns.find((c) => c.name === f.column)!);
  for (let p = 0; p < n; p++) out[at + p] = Math.round((255 * (cols[p].values[file] || 0)) / image.maxValue);
}

/** Rows of W1 [inputs, hidden] for the first units: unit j's weight on every input (an image of them for image data). */
function firstLayerWeights(model: Sequential, ds: Dataset): EpochAnalysis['weights'] {
  const first = model.layers[0];
  const side = ds.schema.image?.side ?? 0;
  if (!(first instanceof Linear) || !side) return { units: 0, values: new Float32Array(0), side };
  const inputs = first.inFeatures, hidden = first.outFeatures, units = Math.min(MAX_UNITS, hidden), W = first.W.data;
  const values = new Float32Array(units * inputs);
  for (let k = 0; k < inputs; k++) for (let j = 0; j < units; j++) values[j * inputs + k] = W[k * hidden + j];
  return { units, values, side };
}

/** The buffers of an analysis, to transfer rather than copy. */
export function transferables(a: EpochAnalysis): Transferable[] {
  const e = a.errors;
  return [e.rows.buffer, e.trueLabels.buffer, e.predicted.buffer, e.losses.buffer, e.probs.buffer, a.weights.values.buffer,
    ...(e.probClasses ? [e.probClasses.buffer] : []), ...(e.images ? [e.images.buffer] : [])];
}
