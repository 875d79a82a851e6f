import { CLASSES, PIXELS } from '../data/dataset';
import { Linear } from '../engine/linear';
import type { Dataset } from '../data/dataset';
import type { Sequential } from '../engine/sequential';
import type { RowDetail } from '../train/evaluate';
import type { TrainingRun } from '../train/run';
import type { EpochAnalysis, Misclassified } from './protocol';

/** Misclassified samples sent per epoch at most (each about 830 bytes). */
export const MAX_ERRORS = 2000;
/** First-layer units drawn as images. */
export const MAX_UNITS = 64;

/** A model's held-out evaluation with each row's detail: what an analysis is made from. */
export interface Evaluated {
  model: Sequential;
  dataset: Dataset;
  /** The held-out rows, in the order of `detail`. */
  rows: Int32Array;
  detail: RowDetail;
  confusion: Int32Array;
  /** Epochs the model was trained for (0 for a model from a file). */
  epoch: number;
}

/**
 * What went wrong in the last epoch's held-out evaluation: the confusion matrix, the misclassified
 * samples with their loss, probabilities and image, and the first layer's weights as images.
 */
export function analyseEpoch(run: TrainingRun): EpochAnalysis | null {
  const val = run.lastVal;
  if (!val) return null;
  return analyse({ model: run.model, dataset: run.dataset, rows: run.split.val, detail: run.valDetail, confusion: val.confusion, epoch: run.epoch });
}

/** The same analysis for any model evaluated on held-out rows (a model loaded from a file). */
export function analyse(e: Evaluated): EpochAnalysis {
  return { epoch: e.epoch, confusion: Array.from(e.confusion), errors: misclassified(e), weights: firstLayerWeights(e.model) };
}

function misclassified({ detail, rows, dataset }: Evaluated): Misclassified {
  const { losses, predicted, probs } = detail;
  const labels = dataset.labels!;
  let wrong: number[] = [];
  for (let i = 0; i < rows.length; i++) if (predicted[i] !== labels[rows[i]]) wrong.push(i);
  const total = wrong.length;
  if (total > MAX_ERRORS) {
    wrong.sort((a, b) => losses[a] - losses[b]);
    wrong = [...wrong.slice(0, MAX_ERRORS / 2), ...wrong.slice(total - MAX_ERRORS / 2)];
  }
  const k = wrong.length;
  const out: Misclassified = {
    total, rows: new Int32Array(k), trueLabels: new Uint8Array(k), predicted: new Uint8Array(k),
    losses: new Float32Array(k), probs: new Float32Array(k * CLASSES), images: new Uint8Array(k * PIXELS),
  };
  wrong.forEach((i, j) => {
    const row = rows[i];
    out.rows[j] = row;
    out.trueLabels[j] = labels[row];
    out.predicted[j] = predicted[i];
    out.losses[j] = losses[i];
    out.probs.set(probs.subarray(i * CLASSES, (i + 1) * CLASSES), j * CLASSES);
    out.images.set(dataset.pixels.subarray(row * PIXELS, (row + 1) * PIXELS), j * PIXELS);
  });
  return out;
}

/** Columns of W1 [784, hidden] for the first units: unit j's weight on every pixel. */
function firstLayerWeights(model: Sequential): EpochAnalysis['weights'] {
  const first = model.layers[0];
  if (!(first instanceof Linear)) return { units: 0, values: new Float32Array(0) };
  const hidden = first.outFeatures, units = Math.min(MAX_UNITS, hidden), W = first.W.data;
  const values = new Float32Array(units * PIXELS);
  for (let k = 0; k < PIXELS; k++) for (let j = 0; j < units; j++) values[j * PIXELS + k] = W[k * hidden + j];
  return { units, values };
}

/** The buffers of an analysis, to transfer rather than copy. */
export function transferables(a: EpochAnalysis): Transferable[] {
  const e = a.errors;
  return [e.rows.buffer, e.trueLabels.buffer, e.predicted.buffer, e.losses.buffer, e.probs.buffer, e.images.buffer, a.weights.values.buffer];
}
