import { fileRow as fileRowOf } from '../data/dataset';
import { isMissingCell } from '../data/missing';
import { encodeRows } from '../data/prepare';
import { type FeatureSpec, type Schema, featureWidth } from '../data/schema';
import { type RawTable, cellText, numberText } from '../data/table';
import { typedRowTable } from '../data/typed-row';
import { gradientTimesInput, integratedGradients } from '../engine/attribution';
import type { ClassGradientsFn } from '../engine/saliency';
import { softmax } from '../engine/loss';
import { fromArray, zeros } from '../engine/matrix';
import type { Sequential } from '../engine/sequential';
import type { TrainingRun } from '../train/run';
import { type RunSource, isTableSource } from '../train/run-data';
import type { Command, FeatureContribution, RowExplanation } from './protocol';

/** What the session knows that a row's explanation needs. */
export interface RowContext {
  /** The current model (session.ts `current`), or null. */
  current: { model: Sequential; runId: number; schema: Schema } | null;
  /** The run that made it, when it is a run's: its rows as it encoded them and the table they came from. */
  run: TrainingRun | null;
  /** The loaded training data: a model from a file reads its rows from it. */
  train: RunSource | null;
  /** How the attributions' gradients are computed: the TypeScript layers by default, the WebAssembly kernels in the worker. */
  gradients?: ClassGradientsFn;
}

export type RowRequest = Extract<Command, { type: 'explainRow' }>['row'];

/** A row as the model reads it: its inputs, and each feature's cell as the file has it (or as typed). */
interface ResolvedRow { x: Float32Array; cells: string[]; truth: string | null; fileRow: number | null }

/** Categories named in a refusal at most. */
const LISTED = 8;

/**
 * Why the current table model predicts what it does for one row (Why this row?): the score is the
 * predicted class's logit z_c, or a regression's output; each feature's contribution to it by
 * gradient × input and by integrated gradients from the baseline row, the training rows' medians and
 * most common categories (attribution.ts has the formulas). A one-hot feature's inputs are summed under
 * its column. A regression is reported in the target's units: value = z · std + mean, so every
 * contribution is scaled by std and Σ IG = value(row) − value(baseline) still.
 * Returns null with one sentence when there is no table model, the row is not one it reads, or a typed
 * cell cannot be read (naming the column).
 */
export function explainTableRow(ctx: RowContext, request: RowRequest): { explanation: RowExplanation } | { explanation: null; message: string } {
  const current = ctx.current;
  if (!current) return { explanation: null, message: 'Train a model or load a model file first.' };
  const { model, schema } = current;
  if (schema.layout !== 'table' || schema.image) {
    return { explanation: null, message: 'Why this row? explains the rows of a table; the model reads images, so click an image in the gallery or draw one (Why this digit?).' };
  }
  let row: ResolvedRow;
  try {
    row = 'fileRow' in request ? trainingRow(ctx, schema, request.fileRow) : typedRow(ctx, schema, request.cells);
  } catch (e) {
    return { explanation: null, message: e instanceof Error ? e.message : String(e) };
  }
  return { explanation: explain(model, schema, row, current.runId, ctx.run?.epoch ?? 0, ctx.gradients) };
}

/** The attributions of one resolved row (see explainTableRow). */
function explain(model: Sequential, schema: Schema, row: ResolvedRow, runId: number, epoch: number, gradients?: ClassGradientsFn): RowExplanation {
  const { x } = row, target = schema.target;
  const baseline = encodeRows(typedRowTable('the baseline', schema.features.map((f) => f.column), {}), schema, [0]).x; // every cell missing: filled
  const gx = gradientTimesInput(model, x, undefined, gradients); // of the predicted class (a regression's one output)
  const c = gx.cls, logits = gx.logits, regression = target.task === 'regression';
  // Reported units: a class's logit as it is; a regression's output in the target's units.
  const scale = target.task === 'regression' ? target.std : 1, shift = target.task === 'regression' ? target.mean : 0;
  const units = (z: number) => z * scale + shift;
  const ig = integratedGradients(model, x, baseline, c, { tolerance: (0.01 * Math.abs(units(gx.score))) / scale, gradients });
  const features: FeatureContribution[] = [];
  let at = 0;
  schema.features.forEach((f, k) => {
    let gxSum = 0, igSum = 0;
    for (let i = at; i < at + featureWidth(f); i++) {
      gxSum += gx.attributions[i];
      igSum += ig.attributions[i];
    }
    at += featureWidth(f);
    const cell = row.cells[k];
    features.push({ column: f.column, cell, filled: isMissingCell(cell) ? fillText(f) : null, baseline: fillText(f), gradientTimesInput: gxSum * scale, integratedGradients: igSum * scale });
  });
  const score = units(ig.score), baselineScore = units(ig.baselineScore);
  const probs = regression ? [] : Array.from(softmax(fromArray(1, logits.length, logits), zeros(1, logits.length)).data);
  return {
    runId, epoch, fileRow: row.fileRow, truth: row.truth, task: target.task, target: target.column,
    predicted: regression ? -1 : c, probs, value: regression ? score : NaN,
    score, baselineScore, sum: ig.sum * scale, gapShare: (ig.gap * scale) / Math.abs(score), steps: ig.steps, features,
  };
}

/** A feature's fill (training median, most common category) as the page shows it: "44.45", "Biscoe". */
const fillText = (f: FeatureSpec) => (f.kind === 'numeric' ? numberText(Math.fround(f.fill), true) : f.fill);

/**
 * A row of the training file, by its file row (as the gallery's rows are numbered): for a run, the row as
 * the run encoded it; for a model from a file, the loaded training table's row through the model's schema.
 */
function trainingRow(ctx: RowContext, schema: Schema, fileRow: number): ResolvedRow {
  const run = ctx.run, source = run ? run.table : ctx.train && isTableSource(ctx.train) ? ctx.train : null;
  if (!source) throw new Error('There is no training table loaded to take the row from; type the row in the form instead.');
  const table = source.table;
  if (!Number.isInteger(fileRow) || fileRow < 0 || fileRow >= table.rows) throw new Error(`"${table.name}" has no row ${fileRow + 1}: it has ${table.rows} rows.`);
  let x: Float32Array;
  if (run) {
    const ds = run.dataset, w = schema.inputSize;
    let i = 0;
    while (i < ds.count && fileRowOf(ds, i) !== fileRow) i++;
    if (i === ds.count) throw new Error(`Row ${fileRow + 1} of "${table.name}" is not among the rows the model reads: it has no target${schema.missing === 'drop' ? ', or a missing feature' : ''}.`);
    x = Float32Array.from((ds.x as Float32Array).subarray(i * w, (i + 1) * w));
  } else {
    x = encodeRows(table, schema, [fileRow]).x; // throws naming a feature column the table lacks
  }
  const column = (name: string) => table.columns.find((c) => c.name === name);
  const targetColumn = column(schema.target.column);
  return {
    x, fileRow,
    cells: schema.features.map((f) => cellText(column(f.column)!, fileRow)),
    truth: targetColumn ? cellText(targetColumn, fileRow) || null : null,
  };
}

/**
 * A row typed in the page (a text per feature column; a column left out is missing), read as a file's
 * cell is read and encoded as predictions encode rows (typed-row.ts, prepare.ts). Refused, naming the
 * column, when a number is expected and the text is none, or a category is one the training rows never had.
 */
function typedRow(ctx: RowContext, schema: Schema, cells: Record<string, string>): ResolvedRow {
  const columns = schema.features.map((f) => f.column);
  const trainTable = ctx.run?.table?.table ?? (ctx.train && isTableSource(ctx.train) ? ctx.train.table : null);
  const table: RawTable = typedRowTable('the typed row', columns, cells, trainTable?.delimiter === ';');
  schema.features.forEach((f, k) => {
    const col = table.columns[k], text = (cells[f.column] ?? '').trim();
    if (f.kind === 'numeric' && col.dictionary) {
      throw new Error(`"${text}" in ${f.column} is not a number: the model reads a number there (the training rows' median is ${fillText(f)}; leave it empty to use it).`);
    }
  });
  const { x } = encodeRows(table, schema, [0]);
  let at = 0;
  for (const f of schema.features) {
    const text = (cells[f.column] ?? '').trim();
    if (f.kind === 'categorical' && !isMissingCell(text) && !x.subarray(at, at + f.categories.length).some((v) => v === 1)) {
      const known = f.categories.slice(0, LISTED).join(', ') + (f.categories.length > LISTED ? `, … (${f.categories.length} in all)` : '');
      throw new Error(`${f.column} has no category "${text}" in the training rows: it knows ${known}.`);
    }
    at += featureWidth(f);
  }
  return { x, cells: columns.map((c) => (cells[c] ?? '').trim()), truth: null, fileRow: null };
}
