import type { Schema } from './schema';

/**
 * The rows a model reads, as the engine takes them: inputs and targets, described by a schema.
 * - The digit layout keeps its images as the CSV gives them, one byte a pixel (0-255), fed as x/255
 *   per batch (normalize.ts): the 42,000-image Kaggle train set costs 33 MB rather than 132 MB.
 * - A table's rows are its prepared features (prepare.ts: standardised, one-hot), float32.
 */
export interface Dataset {
  /** File name or sample name, for messages and the summary. */
  name: string;
  count: number;
  schema: Schema;
  /** Inputs [count, schema.inputSize], row-major: image bytes, or a table's prepared features. */
  x: Uint8Array | Float32Array;
  /**
   * Each row's target: its class index (classification) or its value in standardised units
   * (regression); null for a file without one (Kaggle's test.csv, a table to predict).
   */
  y: Int32Array | Float32Array | null;
  /** The file row (0-based, header not counted) of each row, when rows were dropped; null when row i is file row i. */
  fileRows: Int32Array | null;
}

/** A dataset whose rows have classes. */
export type Labeled = Dataset & { y: Int32Array };

/** Whether the dataset's rows have classes (a classification's training, test or held-out rows). */
export const hasClasses = (ds: Dataset): ds is Labeled => ds.y instanceof Int32Array;

/** Rows of each class, `np.bincount(labels, minlength=classes)`, over the given rows or all. */
export function classCounts(labels: Int32Array, classes: number, indices?: ArrayLike<number>): number[] {
  const counts = new Array<number>(classes).fill(0);
  if (indices) for (let i = 0; i < indices.length; i++) counts[labels[indices[i]]]++;
  else for (let i = 0; i < labels.length; i++) counts[labels[i]]++;
  return counts;
}

/** The file row of dataset row i. */
export const fileRow = (ds: Dataset, i: number): number => (ds.fileRows ? ds.fileRows[i] : i);
