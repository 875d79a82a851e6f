import { DIGIT_SCHEMA } from '../data/digits';
import { Rng } from '../engine/rng';
import type { DecodedModel } from '../model-file/safetensors';
import { NOTEBOOK_PRESET, type TrainConfig } from '../train/config';
import { type RunSource, fitTable, isTableSource } from '../train/run-data';
import type { ScriptRecipe } from './pytorch';

/** The CSV name a recipe without data is exported for (Kaggle's). */
export const DEFAULT_DATA = 'train.csv';

/**
 * The recipe of a run of these settings on this data: the schema the run would fit (a table's on its
 * training rows, under the same split: fitTable, as the run does), or the digit layout's; without data,
 * the digit layout for Kaggle's train.csv. Throws TableSettingsError for table settings the file refuses.
 */
export function recipeOf(config: TrainConfig, source: RunSource | null, from: string, created: string): ScriptRecipe {
  if (!source) return { config, schema: DIGIT_SCHEMA, data: DEFAULT_DATA, source: from, created };
  if (!isTableSource(source)) return { config, schema: source.schema, data: source.name, source: from, created };
  return { config, schema: fitTable(source, config, new Rng(config.seed)).schema, data: source.table.name, source: from, created };
}

/**
 * A trained model's recipe: the settings its file records, its schema and the data it names; a file
 * without settings (the notebook's own weights) gets the notebook recipe with its architecture and
 * activation, said in `notes`.
 */
export function recipeOfModel(model: DecodedModel, fileName: string, created: string): { recipe: ScriptRecipe; notes: string[] } {
  const notes: string[] = [];
  let config = model.settings;
  if (!config) {
    const widths = model.architecture.split('-').map(Number);
    config = { ...NOTEBOOK_PRESET, hidden: widths.slice(1, -1), activation: model.activation };
    notes.push(`"${fileName}" records no settings: the script uses the notebook recipe with its ${model.architecture} ${model.activation} network.`);
  }
  const data = model.metadata.dataset || DEFAULT_DATA;
  return { recipe: { config, schema: model.schema, data, source: fileName, created }, notes };
}
