/**
 * The model file's `__metadata__` (safetensors allows strings only, so numbers and objects are
 * written as text and JSON):
 *
 *   format          "mlp-playground"
 *   format_version  "1"
 *   architecture    "784-128-10"    the input width, then each layer's output width
 *   inputs          "784"
 *   classes         "10"
 *   activation      "relu" | "sigmoid" | "tanh"    the hidden layers' activation
 *   normalization   "x/255"         what the network expects of a pixel byte x (the digit layout);
 *                   "schema"        a table's rows are encoded as its schema says
 *   schema          JSON of a table model's schema (schema-json.ts): its features with their fitted
 *                   values, its target with its classes (or mean and std), its image shape if any
 *   settings        JSON of the TrainConfig the model was trained with, seed included
 *   metrics         JSON of the final metrics, e.g. {"epoch":50,"valAcc":0.9748,…} (NaN as null)
 *   created         ISO 8601 date of saving
 *   dataset         the training data's name (optional)
 *
 * Reading is lenient only where nothing depends on it: settings and metrics are a record of the
 * run, so a malformed one is dropped with a note; activation and normalisation change predictions,
 * so a value this playground cannot honour is refused.
 */
import type { ActivationName } from '../engine/activations';
import type { TrainConfig } from '../train/config';
import { ACTIVATIONS, errorText, settingsErrors } from '../train/settings';
import { ModelFileError } from './error';
import type { Schema } from '../data/schema';
import { DIGIT_NORMALIZATION } from '../data/digits';
import { writeSchema } from './schema-json';

export const MODEL_FORMAT = 'mlp-playground';
export const MODEL_FORMAT_VERSION = '1';
/** The digit layout's pixel normalisation (src/data/normalize.ts), as the metadata writes it. */
export const NORMALIZATION = DIGIT_NORMALIZATION;

/** What metadata says about how to run the weights, with sentences on what was assumed or dropped. */
export interface ReadMetadata {
  activation: ActivationName;
  settings: TrainConfig | null;
  metrics: Record<string, number> | null;
  notes: string[];
}

const SETTING_KEYS: readonly (keyof TrainConfig)[] = [
  'hidden', 'activation', 'init', 'optimizer', 'lr', 'batchSize', 'epochs', 'seed', 'valShare', 'split', 'shuffle', 'weightDecay',
  'dropout', 'schedule', 'warmup', 'stepSize', 'shift', 'rotation', 'scale', 'elasticAlpha', 'elasticSigma',
  'patience', 'target', 'ignore', 'include', 'task', 'missing',
];

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

const isObject = (v: unknown): v is Record<string, unknown> => v !== null && typeof v === 'object' && !Array.isArray(v);

/** The recorded settings, if they are valid settings of this very model; otherwise null and a note. */
function readSettings(text: string, hidden: number[], activation: ActivationName, notes: string[]): TrainConfig | null {
  const json = parseJson(text);
  if (!isObject(json)) {
    notes.push('The training settings in the metadata are not a JSON object, so they are not shown.');
    return null;
  }
  const picked: Record<string, unknown> = {};
  for (const key of SETTING_KEYS) if (Object.hasOwn(json, key)) picked[key] = json[key];
  const config = picked as unknown as TrainConfig;
  const errors = settingsErrors(config);
  if (Object.keys(errors).length) {
    notes.push(`The training settings in the metadata are not valid (${errorText(errors)}), so they are not shown.`);
    return null;
  }
  if (config.hidden.join(',') !== hidden.join(',') || (hidden.length > 0 && config.activation !== activation)) {
    notes.push('The training settings in the metadata describe another model than the tensors, so they are not shown.');
    return null;
  }
  return config;
}

/** The recorded metrics as numbers (JSON null, which is how NaN is written, reads as NaN). */
function readMetrics(text: string, notes: string[]): Record<string, number> | null {
  const json = parseJson(text);
  if (!isObject(json) || !Object.values(json).every((v) => v === null || typeof v === 'number')) {
    notes.push('The final metrics in the metadata are not a JSON object of numbers, so they are not shown.');
    return null;
  }
  return Object.fromEntries(Object.entries(json).map(([k, v]) => [k, v === null ? NaN : (v as number)]));
}

/**
 * Interprets the metadata of a model whose tensors have been checked (`architecture` is theirs).
 * Throws ModelFileError for values that would change predictions and cannot be honoured.
 */
export function readModelMetadata(
  metadata: ReadonlyMap<string, string> | null, architecture: string, hidden: number[], normalization: typeof NORMALIZATION | 'schema',
): ReadMetadata {
  const notes: string[] = [];
  const get = (key: string) => metadata?.get(key);
  const format = get('format');
  if (format === MODEL_FORMAT && get('format_version') !== MODEL_FORMAT_VERSION) {
    throw new ModelFileError(`Metadata "format_version" is "${get('format_version') ?? ''}"; this playground reads ${MODEL_FORMAT} files of version ${MODEL_FORMAT_VERSION} only.`);
  }
  if (format !== MODEL_FORMAT) {
    notes.push(metadata === null
      ? `The file has no metadata, so it is read as weights from elsewhere: the architecture, ${architecture}, comes from the tensor shapes.`
      : `The file was not saved by this playground (its metadata has no "format": "${MODEL_FORMAT}"), so the architecture, ${architecture}, comes from the tensor shapes.`);
  }
  const recorded = get('architecture');
  if (recorded !== undefined && recorded !== architecture) {
    throw new ModelFileError(`Metadata "architecture" says ${recorded}, but the tensors chain ${architecture}.`);
  }

  let activation: ActivationName = 'relu';
  const act = get('activation');
  if (act === undefined) {
    if (hidden.length > 0) notes.push("No hidden activation is recorded, so ReLU is assumed (the notebook's).");
  } else if (ACTIVATIONS.some((c) => c.value === act)) {
    activation = act as ActivationName;
  } else {
    throw new ModelFileError(`Metadata "activation" is "${act}"; it must be one of ${ACTIVATIONS.map((c) => c.value).join(', ')}.`);
  }

  const norm = get('normalization');
  if (norm === undefined) {
    if (normalization === NORMALIZATION) notes.push('No input normalisation is recorded, so x/255 is assumed (pixel bytes 0-255 scaled to 0-1, as the notebook does).');
  } else if (norm.replace(/\s+/g, '') !== normalization) {
    throw new ModelFileError(normalization === NORMALIZATION
      ? `Metadata "normalization" is "${norm}"; this playground feeds pixels as ${NORMALIZATION} only.`
      : `Metadata "normalization" is "${norm}", but a table's model must say "schema": its rows are encoded as its schema says.`);
  }

  const settingsText = get('settings');
  const metricsText = get('metrics');
  const settings = settingsText === undefined ? null : readSettings(settingsText, hidden, activation, notes);
  const metrics = metricsText === undefined ? null : readMetrics(metricsText, notes);
  return { activation, settings, metrics, notes };
}

/** The metadata of a model file, all strings. */
export function writeModelMetadata(fields: {
  architecture: string; inputs: number; classes: number; activation: ActivationName;
  settings: TrainConfig | null; metrics: Record<string, number> | null; created: string; dataset?: string; schema: Schema;
}): Map<string, string> {
  const m = new Map<string, string>([
    ['format', MODEL_FORMAT],
    ['format_version', MODEL_FORMAT_VERSION],
    ['architecture', fields.architecture],
    ['inputs', String(fields.inputs)],
    ['classes', String(fields.classes)],
    ['activation', fields.activation],
    ['normalization', fields.schema.layout === 'digits' ? NORMALIZATION : 'schema'],
  ]);
  if (fields.schema.layout === 'table') m.set('schema', writeSchema(fields.schema));
  if (fields.settings) m.set('settings', JSON.stringify(fields.settings));
  if (fields.metrics) m.set('metrics', JSON.stringify(fields.metrics));
  m.set('created', fields.created);
  if (fields.dataset !== undefined) m.set('dataset', fields.dataset);
  return m;
}
