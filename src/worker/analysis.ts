import { Linear } from '../engine/linear';
import type { Evaluation } from '../engine/metrics';
import type { Sequential } from '../engine/sequential';
import { type Dataset, fileRow } from '../data/dataset';
import { cellText } from '../data/table';
import type { RowDetail, Scores } from '../train/evaluate';
import type { TrainingRun } from '../train/run';
import type { TableSource } from '../train/run-data';
import type { ClassificationAnalysis, EpochAnalysis, Misclassified, Residuals } from './protocol';

/** Misclassified samples sent per epoch at most (each about 830 bytes for a digit). */
export const MAX_ERRORS = 2000;
/** First-layer units drawn as images. */
export const MAX_UNITS = 64;
/** Classes of the confusion matrix sent whole; with more, the MAX_CONFUSION with the most mistakes. */
export const MAX_CONFUSION = 30;
/** A regression's held-out rows sent per epoch at most with their cells: the largest and the smallest errors, half each. */
export const MAX_RESIDUALS = 1000;
/** (true, predicted) pairs of a regression's scatter at most: SVG points to redraw each epoch. */
export const MAX_SCATTER = 2000;

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
 * What went wrong in the last epoch's held-out evaluation: for classes, the confusion matrix, the
 * misclassified samples with their loss, probabilities and image (or cells), and the first layer's
 * weights as images; for a regression, its residuals. Null without held-out rows.
 */
export function analyseEpoch(run: TrainingRun): EpochAnalysis | null {
  const val = run.lastVal;
  if (!val) return null;
  return analyse({ model: run.model, dataset: run.dataset, table: run.table, rows: run.split.val, detail: run.valDetail, scores: val, epoch: run.epoch });
}

/** The same analysis for any model evaluated on held-out rows (a model loaded from a file). */
export function analyse(e: Evaluated): EpochAnalysis | null {
  if (e.detail.task === 'regression') return e.rows.length ? { task: 'regression', epoch: e.epoch, residuals: residuals(e, e.detail) } : null;
  if (!('confusion' in e.scores)) return null;
  const { confusion, confusionClasses, classTotals, classRight } = confusionOf(e.scores);
  return {
    task: 'classification', epoch: e.epoch, confusion, confusionClasses, classTotals, classRight,
    errors: misclassified(e, e.detail), weights: firstLayerWeights(e.model, e.dataset),
  };
}

/** The confusion matrix over at most MAX_CONFUSION classes (those with the most mistakes, in class order), and every class's totals. */
export function confusionOf(ev: Evaluation): Pick<ClassificationAnalysis, 'confusion' | 'confusionClasses' | 'classTotals' | 'classRight'> {
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
function firstLayerWeights(model: Sequential, ds: Dataset): ClassificationAnalysis['weights'] {
  const first = model.layers[0];
  const side = ds.schema.image?.side ?? 0;
  if (!(first instanceof Linear) || !side) return { units: 0, values: new Float32Array(0), side };
  const inputs = first.inFeatures, hidden = first.outFeatures, units = Math.min(MAX_UNITS, hidden), W = first.W.data;
  const values = new Float32Array(units * inputs);
  for (let k = 0; k < inputs; k++) for (let j = 0; j < units; j++) values[j * inputs + k] = W[k * hidden + j];
  return { units, values, side };
}

type RegressionDetail = Extract<RowDetail, { task: 'regression' }>;

/**
 * A regression's held-out errors in the target's units: ŷ = output · std + mean against the true value
 * (the file's own number when the table holds the target as numbers, else y · std + mean), ranked by
 * |ŷ − y|, largest first; beyond MAX_RESIDUALS, the largest and the smallest halves. And for the
 * scatter, m = min(n, MAX_SCATTER) pairs evenly spaced: held-out rows ⌊k · n / m⌋, k < m.
 */
function residuals({ rows, dataset, table }: Evaluated, detail: RegressionDetail): Residuals {
  const target = dataset.schema.target as Extract<typeof dataset.schema.target, { task: 'regression' }>;
  const y = dataset.y as Float32Array, n = rows.length, { mean, std } = target;
  const column = table?.table.columns.find((c) => c.name === target.column && !c.dictionary);
  const truth = new Float32Array(n), predicted = new Float32Array(n), errors = new Float32Array(n);
  for (let i = 0; i < n; i++) {
    const row = rows[i];
    truth[i] = column ? column.values[fileRow(dataset, row)] : y[row] * std + mean;
    predicted[i] = detail.predicted[i] * std + mean;
    errors[i] = Math.abs(predicted[i] - truth[i]);
  }
  let kept = Array.from({ length: n }, (_, i) => i).sort((a, b) => errors[b] - errors[a] || a - b);
  if (n > MAX_RESIDUALS) kept = [...kept.slice(0, MAX_RESIDUALS / 2), ...kept.slice(n - MAX_RESIDUALS / 2)];
  const files = Int32Array.from(kept, (i) => fileRow(dataset, rows[i]));
  const m = Math.min(n, MAX_SCATTER), every = (k: number) => Math.floor((k * n) / m);
  return {
    total: n, rows: files,
    trueValues: Float32Array.from(kept, (i) => truth[i]), predicted: Float32Array.from(kept, (i) => predicted[i]), errors: Float32Array.from(kept, (i) => errors[i]),
    cells: table ? Array.from(files, (file) => table.table.columns.map((c) => cellText(c, file))) : null,
    sample: { trueValues: Float32Array.from({ length: m }, (_, k) => truth[every(k)]), predicted: Float32Array.from({ length: m }, (_, k) => predicted[every(k)]) },
  };
}

/** The buffers of an analysis, to transfer rather than copy. */
export function transferables(a: EpochAnalysis): Transferable[] {
  if (a.task === 'regression') {
    const r = a.residuals;
    return [r.rows.buffer, r.trueValues.buffer, r.predicted.buffer, r.errors.buffer, r.sample.trueValues.buffer, r.sample.predicted.buffer];
  }
  const e = a.errors;
  return [e.rows.buffer, e.trueLabels.buffer, e.predicted.buffer, e.losses.buffer, e.probs.buffer, a.weights.values.buffer,
    ...(e.probClasses ? [e.probClasses.buffer] : []), ...(e.images ? [e.images.buffer] : [])];
}
