import type { Dataset } from '../data/dataset';
import { encodeRows, encodeTargets } from '../data/prepare';
import type { Schema } from '../data/schema';
import { type RunSource, isTableSource } from '../train/run-data';

/** A file's rows as a model of `schema` reads them: for a test, the rows it can score; for predictions, every row. */
export interface Encoded {
  dataset: Dataset;
  /** Rows left out of a test: no target, or a class the model does not know. */
  skipped: number;
  /** Cells with a category the training rows never had (encoded as none of the known ones). */
  unseen: number;
}

/**
 * The rows of a loaded file (a test set, a file to predict, the training table for a loaded model)
 * encoded with a model's schema: its fitted preprocessing, its columns found by name. Throws an Error
 * with one sentence when the file cannot fit the model: the digit layout against a table's model (or
 * the reverse), or a feature column it lacks.
 */
export function encodeFor(source: RunSource, schema: Schema, purpose: 'test' | 'predict'): Encoded {
  const name = isTableSource(source) ? source.table.name : source.name;
  if (!isTableSource(source)) {
    if (schema.layout !== 'digits') throw new Error(`"${name}" is in the digit layout, but the model reads a table (${schema.target.column} from ${schema.features.length} columns)`);
    if (purpose === 'test' && !source.y) throw new Error(`"${name}" has no label column, and a test set needs labels to be scored`);
    return { dataset: source, skipped: 0, unseen: 0 };
  }
  if (schema.layout === 'digits') throw new Error(`"${name}" is a table, but the model reads the digit layout's 28x28 images`);
  const { table } = source;
  const lacking = schema.features.find((f) => !table.columns.some((c) => c.name === f.column));
  if (lacking) throw new Error(`"${name}" has no column "${lacking.column}", a feature of the model`);
  let rows = Int32Array.from({ length: table.rows }, (_, i) => i);
  let y: Int32Array | Float32Array | null = null;
  let skipped = 0;
  if (purpose === 'test') {
    if (!table.columns.some((c) => c.name === schema.target.column)) throw new Error(`"${name}" has no column "${schema.target.column}", the model's target, so it cannot be scored`);
    const all = encodeTargets(table, schema, rows);
    const keep = rows.filter((_, i) => (all instanceof Int32Array ? all[i] >= 0 : !Number.isNaN(all[i])));
    skipped = rows.length - keep.length;
    y = all instanceof Int32Array ? Int32Array.from(keep, (i) => all[i]) : Float32Array.from(keep, (i) => all[i]);
    rows = keep;
  }
  const encoded = encodeRows(table, schema, rows);
  const identity = rows.length === table.rows;
  return { dataset: { name, count: rows.length, schema, x: encoded.x, y, fileRows: identity ? null : rows }, skipped, unseen: encoded.unseen };
}
