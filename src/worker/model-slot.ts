import { type Schema, outputSize } from '../data/schema';
import { splitIndices } from '../data/split';
import { Rng } from '../engine/rng';
import type { Sequential } from '../engine/sequential';
import { type DecodedModel, ModelFileError, buildModel, decodeModel, encodeModel } from '../model-file/safetensors';
import { evaluateRows, rowDetail } from '../train/evaluate';
import type { TrainingRun } from '../train/run';
import { type RunSource, isTableSource } from '../train/run-data';
import { Evaluation, RegressionEvaluation } from '../engine/metrics';
import type { Dataset } from '../data/dataset';
import { encodeFor } from './encode';
import { isValidSplit } from '../train/settings';
import { analyse } from './analysis';
import { describeModel } from './describe';
import type { EpochAnalysis, LoadedModel, SplitSpec } from './protocol';

/** A model read from a safetensors file, ready to predict. */
export interface FileModel {
  model: Sequential;
  decoded: DecodedModel;
  loaded: LoadedModel;
}

/** Reads and checks a model file: the model, or the loader's sentence naming the problem. */
export function readModelFile(bytes: Uint8Array, name: string, runId: number): FileModel | { message: string } {
  try {
    const decoded = decodeModel(bytes);
    const model = buildModel(decoded);
    const loaded: LoadedModel = {
      runId, name, model: describeModel(model, decoded.schema), activation: decoded.activation, notes: decoded.notes,
      settings: decoded.settings, metrics: decoded.metrics, schema: decoded.schema,
    };
    return { model, decoded, loaded };
  } catch (e) {
    const why = e instanceof ModelFileError ? e.message : `it could not be read (${e instanceof Error ? e.message : String(e)})`;
    return { message: `The model file "${name}" was not loaded: ${why} The current model is kept.` };
  }
}

/** The name a saved model gets: "mlp-784-128-10-run3". */
export function modelFileName(model: Sequential, runId: number): string {
  return `mlp-${model.architecture()}${runId ? `-run${runId}` : ''}`;
}

/** The current model as a safetensors file, with what the page knows of how it was made. */
export function encodeCurrent(current: { model: Sequential; run: TrainingRun | null; file: FileModel | null }): Uint8Array {
  const { model, run, file } = current;
  const created = new Date().toISOString();
  if (run) {
    const v = run.lastVal;
    const epoch = run.keptEpoch ?? run.epoch;
    const metrics: Record<string, number> = !v ? { epoch }
      : v instanceof Evaluation ? { epoch, valLoss: v.meanLoss, valAcc: v.accuracy }
        : { epoch, valLoss: v.meanLoss, valRmse: v.rmse, valMae: v.mae, valR2: v.r2 };
    return encodeModel(model, { settings: run.config, metrics, created, dataset: run.dataset.name, schema: run.dataset.schema });
  }
  return encodeModel(model, { settings: file?.decoded.settings ?? null, metrics: file?.decoded.metrics ?? null, created, schema: file!.decoded.schema });
}

/**
 * The held-out rows of the training data for a loaded model: the file's rows read as the model reads
 * rows (a table through the model's own schema), those held out under these split settings (a
 * classification's stratified by class); null when the data has no targets the model knows, cannot be
 * read by the model, or nothing is held out.
 */
export function heldOutFor(schema: Schema, source: RunSource, split: SplitSpec): { dataset: Dataset; rows: Int32Array } | null {
  if (!isValidSplit(split)) return null;
  let dataset;
  try {
    dataset = encodeFor(source, schema, 'test').dataset;
  } catch {
    return null;
  }
  const strata = schema.target.task === 'classification' ? { labels: dataset.y as Int32Array, classes: outputSize(schema) } : null;
  const rows = splitIndices(dataset.count, strata, split.valShare, split.mode, new Rng(split.seed)).val;
  return rows.length ? { dataset, rows } : null;
}

/**
 * A loaded model's mistakes (or a regression's residuals) on the held-out rows of the training data
 * (heldOutFor), with its scores there; null when there are none.
 */
export function analyseOnSplit(model: Sequential, schema: Schema, source: RunSource, split: SplitSpec): EpochAnalysis | null {
  const held = heldOutFor(schema, source, split);
  if (!held) return null;
  const { dataset, rows } = held;
  const detail = rowDetail(rows.length, dataset);
  const val = evaluateRows(model, dataset, rows, detail);
  const analysis = analyse({ model, dataset, table: isTableSource(source) ? source : null, rows, detail, scores: val, epoch: 0 });
  if (analysis?.task === 'classification' && val instanceof Evaluation) return { ...analysis, heldOut: { accuracy: val.accuracy, loss: val.meanLoss, rows: rows.length } };
  if (analysis?.task === 'regression' && val instanceof RegressionEvaluation) return { ...analysis, heldOut: { r2: val.r2, rmse: val.rmse, mae: val.mae, rows: rows.length } };
  return null;
}
