import type { Dataset } from '../data/dataset';
import { splitIndices } from '../data/split';
import { Rng } from '../engine/rng';
import type { Sequential } from '../engine/sequential';
import { type DecodedModel, ModelFileError, buildModel, decodeModel, encodeModel } from '../model-file/safetensors';
import { evaluateRows, rowDetail } from '../train/evaluate';
import type { TrainingRun } from '../train/run';
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
      runId, name, model: describeModel(model), activation: decoded.activation, notes: decoded.notes,
      settings: decoded.settings, metrics: decoded.metrics,
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
    const metrics: Record<string, number> = v ? { epoch: run.epoch, valLoss: v.meanLoss, valAcc: v.accuracy } : { epoch: run.epoch };
    return encodeModel(model, { settings: run.config, metrics, created, dataset: run.dataset.name });
  }
  return encodeModel(model, { settings: file?.decoded.settings ?? null, metrics: file?.decoded.metrics ?? null, created });
}

/**
 * A loaded model's mistakes on the held-out rows of a labeled dataset, the rows chosen as a run with
 * these split settings would choose them; null when the dataset has no labels or nothing is held out.
 */
export function analyseOnSplit(model: Sequential, dataset: Dataset, split: SplitSpec): EpochAnalysis | null {
  if (!dataset.labels || !isValidSplit(split)) return null;
  const rows = splitIndices(dataset.count, dataset.labels, split.valShare, split.mode, new Rng(split.seed)).val;
  if (!rows.length) return null;
  const detail = rowDetail(rows.length);
  const val = evaluateRows(model, dataset, rows, detail);
  return { ...analyse({ model, dataset, rows, detail, confusion: val.confusion, epoch: 0 }), heldOut: { accuracy: val.accuracy, loss: val.meanLoss, rows: rows.length } };
}
