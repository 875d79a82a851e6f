import type { Rng } from '../engine/rng';
import { isAugmenting } from '../data/augment';
import type { Dataset } from '../data/dataset';
import { encodeRows, fitSchema, targetOf, usableRows } from '../data/prepare';
import type { LoadedTable } from '../data/read-blob';
import { outputSize } from '../data/schema';
import { type Split, splitIndices } from '../data/split';
import { type TrainConfig, augmentOf } from './config';
import { resolveTable } from './table-settings';

/** A table as loaded: its columns as read, and the profile of each. */
export type TableSource = LoadedTable;

/** What a run trains on: a dataset as the engine reads it (the digit layout's), or a table to prepare. */
export type RunSource = Dataset | TableSource;

export const isTableSource = (s: RunSource): s is TableSource => 'table' in s;

/** A table's settings that cannot train on its file; the message is their sentences. */
export class TableSettingsError extends Error {
  constructor(readonly sentences: string[]) {
    super(sentences.join(' '));
    this.name = 'TableSettingsError';
  }
}

/** The rows a run trains on and holds out, and what it should tell about them. */
export interface RunData {
  dataset: Dataset;
  split: Split;
  /** Sentences on what was done to the rows (dropped rows, unseen categories, held-out classes that training lacks). */
  notes: string[];
}

const count = (n: number) => n.toLocaleString('en-US');
const rowsWord = (n: number) => `${count(n)} row${n === 1 ? '' : 's'}`;

/**
 * A table's schema under a config, fitted as a run would fit it (its usable rows, split from `rng`,
 * fitted on the training rows), without encoding its rows: what a run's data and the settings form's
 * model description both start from. Throws TableSettingsError for settings the file refuses.
 */
export function fitTable(source: TableSource, config: TrainConfig, rng: Rng) {
  const { table, profile } = source;
  const resolved = resolveTable(profile, config);
  if (!resolved.choice) throw new TableSettingsError(Object.values(resolved.errors));
  if (isAugmenting(augmentOf(config))) {
    throw new TableSettingsError(['Augmentation (shift, rotation, scale, elastic) works on the digit layout\'s 28x28 images only: set them to 0 to train on a table.']);
  }
  const choice = resolved.choice;
  const usable = usableRows(table, choice);
  const notes: string[] = [];
  if (usable.noTarget) notes.push(`${rowsWord(usable.noTarget)} without a target value ${usable.noTarget === 1 ? 'was' : 'were'} dropped.`);
  if (usable.missingFeature) notes.push(`${rowsWord(usable.missingFeature)} with a missing feature ${usable.missingFeature === 1 ? 'was' : 'were'} dropped (Missing values: Drop rows).`);
  if (usable.rows.length < 2) throw new TableSettingsError([`Only ${rowsWord(usable.rows.length)} of "${table.name}" can be used (a target and, with Drop rows, every feature): too few to train on.`]);
  const target = targetOf(table, choice, usable.rows);
  const strata = target.task === 'classification' ? { labels: target.labels, classes: target.classes.length } : null;
  const split = splitIndices(usable.rows.length, strata, config.valShare, config.split, rng);
  const schema = fitSchema(table, choice, Int32Array.from(split.train, (i) => usable.rows[i]), target, split.train);
  if (target.task === 'classification') {
    const seen = new Set(Array.from(split.train, (i) => target.labels[i]));
    const missed = [...new Set(Array.from(split.val, (i) => target.labels[i]).filter((k) => !seen.has(k)))];
    if (missed.length) {
      notes.push(`The held-out rows have ${missed.length === 1 ? 'a class' : `${missed.length} classes`} the training rows lack (${missed.slice(0, 5).map((k) => `"${target.classes[k]}"`).join(', ')}): ` +
        'a file sorted by its target with a sequential split holds out its last classes. Use a shuffled split.');
    }
  }
  return { choice, usable, target, split, schema, notes };
}

/**
 * A run's data from its source. A digit-layout dataset is split as it is. A table is resolved against
 * the config's table settings (table-settings.ts), its usable rows split, its preprocessing fitted on
 * the training rows only, and every usable row encoded (prepare.ts). The split draws from `rng`
 * (before the model's initialisation draws, as always).
 */
export function runData(source: RunSource, config: TrainConfig, rng: Rng): RunData {
  if (!isTableSource(source)) {
    const y = source.y;
    if (!y) throw new Error(`"${source.name}" has no labels, so it cannot be trained on; load a labeled train file`);
    const strata = y instanceof Int32Array ? { labels: y, classes: outputSize(source.schema) } : null;
    return { dataset: source, split: splitIndices(source.count, strata, config.valShare, config.split, rng), notes: [] };
  }
  const { table } = source;
  const { usable, target, split, schema, notes } = fitTable(source, config, rng);
  const encoded = encodeRows(table, schema, usable.rows);
  if (encoded.unseen) notes.push(`${count(encoded.unseen)} held-out cell${encoded.unseen === 1 ? ' has' : 's have'} a category the training rows never had: encoded as none of the known ones.`);
  let y: Int32Array | Float32Array;
  if (target.task === 'classification') y = target.labels;
  else {
    const t = schema.target as Extract<typeof schema.target, { task: 'regression' }>;
    y = Float32Array.from(target.values, (v) => (v - t.mean) / t.std);
  }
  return { dataset: { name: table.name, count: usable.rows.length, schema, x: encoded.x, y, fileRows: usable.rows }, split, notes };
}
