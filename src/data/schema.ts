/**
 * What a dataset's rows hold and how the model reads them: one Schema, made here in src/data/ and
 * carried by the session, the run, the protocol (to the UI) and the model file. Nothing outside the
 * digit layout's own code (digits.ts) names 784 pixels, 28x28, ten classes or x/255: those are the
 * facts of DIGIT_SCHEMA, one schema among many.
 *
 * A table's schema holds its preprocessing as fitted on the training rows only (prepare.ts):
 *   numeric feature      x ↦ (x − mean) / std        (0 when std is 0), a missing x ↦ the training median first
 *   categorical feature  x ↦ one input per category: 1 for x's, 0 for the others; an unseen x ↦ all 0;
 *                        a missing x ↦ the training rows' most common category first
 *   regression target    y ↦ (y − mean) / std for training; outputs ↦ output · std + mean, in the target's units
 */

/** A column's kind, from its values (profile.ts says how each is told). */
export type ColumnKind = 'numeric' | 'categorical' | 'text' | 'id' | 'constant' | 'empty';

/** What a column is used as. */
export type ColumnRole = 'feature' | 'target' | 'ignore';

export type Task = 'classification' | 'regression';

/** How missing feature cells are handled: filled from the training rows, or their rows dropped. */
export type MissingPolicy = 'fill' | 'drop';

/** A feature as the model reads it, with what was fitted on the training rows. */
export type FeatureSpec =
  | { kind: 'numeric'; column: string; mean: number; std: number; fill: number }
  /** `numeric`: the column holds numbers (few distinct whole ones), its categories their shortest text ("2007"), compared as numbers. */
  | { kind: 'categorical'; column: string; categories: string[]; fill: string; numeric: boolean };

/** The target, with its classes (their names as the file writes them) or its fitted mean and std. */
export type TargetSpec =
  | { column: string; task: 'classification'; classes: string[] }
  | { column: string; task: 'regression'; mean: number; std: number };

/** Rows of a table that are images of side × side pixels, each a value from 0 to maxValue. */
export interface ImageShape { side: number; maxValue: number }

export interface Schema {
  /** 'digits': Kaggle's Digit Recognizer layout (bytes fed as x/255); 'table': any other labeled table. */
  layout: 'digits' | 'table';
  /** Every column of the file with its kind and role (the digit layout lists only its label). */
  columns: { name: string; kind: ColumnKind; role: ColumnRole }[];
  /** A table's features in input order, fitted ([] for the digit layout: its inputs are its pixels). */
  features: FeatureSpec[];
  /** Inputs a row: the features' widths (a categorical one is as wide as its categories). */
  inputSize: number;
  target: TargetSpec;
  /** Set when the inputs are the pixels of square images (the digit layout; a table of side² whole-number pixels). */
  image: ImageShape | null;
  /** How missing feature cells were handled. */
  missing: MissingPolicy;
  /** A column that names each row (an ID), for predictions; null when there is none. */
  idColumn: string | null;
}

/** The model's outputs: one per class, or one value for a regression. */
export function outputSize(s: Schema): number {
  return s.target.task === 'classification' ? s.target.classes.length : 1;
}

/** The class names (empty for a regression). */
export function classNames(s: Schema): string[] {
  return s.target.task === 'classification' ? s.target.classes : [];
}

/** Inputs one feature takes. */
export function featureWidth(f: FeatureSpec): number {
  return f.kind === 'numeric' ? 1 : f.categories.length;
}
