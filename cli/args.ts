import { parseArgs } from 'node:util';
import { heldOutCount } from '../src/data/split';
import { Rng } from '../src/engine/rng';
import type { TrainConfig } from '../src/train/config';
import { type RunSource, TableSettingsError, fitTable, isTableSource } from '../src/train/run-data';
import { PRESETS, presetConfig, presetLabel } from '../src/train/presets';
import { ACTIVATIONS, INITS, MISSING_POLICIES, OPTIMIZERS, SCHEDULES, type SettingName, type SettingsText, SPLIT_MODES, TEXT_NAMES, parseSettings } from '../src/train/settings';

const list = (choices: readonly { value: string }[]) => choices.map((c) => c.value).join(' | ');

export const USAGE = `Usage: npm run train -- --data FILE.csv [options]

Trains the from-scratch MLP on any labeled table (comma, semicolon or tab separated, with a header or
not), or on a Kaggle Digit Recognizer CSV (label,pixel0..pixel783).

  --data FILE          the labeled CSV to train on (required)
  --preset ID          start from a recipe (default: table for a table, notebook for the digit layout):
${PRESETS.map((p) => `                       ${p.id}: ${presetLabel(p)}`).join('\n')}
  --target COLUMN      a table's target: a column name or its 1-based number (default: a column named
                       like label, class, species…, else the last)
  --ignore A,B         a table's columns to leave out of the features
  --include A,B        a table's columns to use as features though left out by default (an ID, text)
  --task classify      classify | regress (default: from the target's values)
  --missing fill       missing feature cells: ${MISSING_POLICIES.map((m) => m.value).join(' | ')} (fill: training median or most common)
  --patience 10        early stopping: epochs without a lower held-out loss before stopping, keeping
                       the best epoch (0: off)
  --hidden 128         hidden layer sizes, comma-separated: 256,128
  --activation relu    ${list(ACTIVATIONS)}
  --init he            the weights' initialiser: ${list(INITS)} (default: he for relu, xavier otherwise;
                       the table preset's: xavier, as scikit-learn)
  --optimizer sgd      ${list(OPTIMIZERS)}
  --lr 0.1             learning rate
  --batch 32           minibatch size
  --epochs 50          passes over the training rows
  --seed 42            seed of every random choice (same seed, same run)
  --val 0.2            share of rows held out for validation
  --split sequential   ${list(SPLIT_MODES)} (sequential: first rows train, last held out;
                       shuffled: stratified, seeded)
  --shuffle            reshuffle the training rows every epoch (off in the notebook recipe)
  --l2 0               L2 weight decay
  --dropout 0          dropout after each hidden layer: one rate, or one per layer (0.2,0.1)
  --schedule constant  learning-rate schedule: ${list(SCHEDULES)}
  --warmup 0           epochs of linear warm-up before the schedule
  --step-size 10       epochs between halvings (step schedule)
  --shift 0            augmentation: shift each image by up to ± this many whole pixels
  --rotate 0           augmentation: rotate by up to ± this many degrees
  --scale 0            augmentation: scale by up to ± this many percent
  --elastic 0          augmentation: elastic distortion strength α (Simard et al. 2003: 34)
  --elastic-sigma 4    augmentation: elastic field smoothness σ
  --threads N          threads each training step runs on (default: the cores less one, 1 to 4)
  --json               one JSON object per epoch, then a summary object
  --test FILE          after training, score the model on this labeled CSV (a test set, apart from validation)
  --save FILE          after training, save the model as FILE.safetensors (W1, b1, W2, b2, … float32)
  --help               this text`;

/**
 * `config`: the settings over the preset asked for, or the notebook's; `preset` (the one asked for, if
 * any) and `flags` (the settings given) let configFor redo it over the data's own recipe. `save`: the
 * .safetensors path to write the trained model to, when asked.
 */
export interface CliOptions { data: string; json: boolean; config: TrainConfig; preset: string | null; flags: SettingsText; save?: string; test?: string }

/** Thrown for bad command lines; the CLI prints the message and the usage and exits with 2. */
export class UsageError extends Error {}

/** Each setting's flag that takes a value (--shuffle is a switch); the rules and their sentences are the settings module's. */
const FLAGS: Partial<Record<SettingName, string>> = { ...TEXT_NAMES };
delete FLAGS.shuffle;

/** Parses argv (without node and script) into a data path and a full training config. */
export function parseCli(argv: string[]): CliOptions | 'help' {
  let parsed;
  try {
    parsed = parseArgs({
      args: argv,
      options: {
        data: { type: 'string' }, preset: { type: 'string' }, save: { type: 'string' }, test: { type: 'string' }, shuffle: { type: 'boolean' }, json: { type: 'boolean' }, help: { type: 'boolean' },
        ...Object.fromEntries(Object.values(FLAGS).map((flag) => [flag, { type: 'string' as const }])),
      },
      strict: true,
    });
  } catch (e) {
    throw new UsageError(e instanceof Error ? e.message : String(e));
  }
  const v = parsed.values as Record<string, string | boolean | undefined>;
  if (v.help) return 'help';
  if (!v.data) throw new UsageError('--data FILE.csv is required');
  const save = v.save === undefined ? undefined : safetensorsPath('--save', v.save as string);
  const explicit = typeof v.preset === 'string' ? v.preset : null;
  if (explicit !== null && !PRESETS.some((p) => p.id === explicit)) throw new UsageError(`--preset must be one of ${PRESETS.map((p) => p.id).join(', ')}; got "${explicit}"`);
  const flags: SettingsText = {};
  for (const [name, flag] of Object.entries(FLAGS) as [SettingName, string][]) {
    if (typeof v[flag] === 'string') flags[name] = v[flag];
  }
  if (v.shuffle) flags.shuffle = 'true';
  const config = settingsOver(explicit ?? 'notebook', flags);
  return {
    data: v.data as string, json: v.json === true, config, preset: explicit, flags,
    ...(save === undefined ? {} : { save }), ...(typeof v.test === 'string' ? { test: v.test } : {}),
  };
}

/** The flags over a preset's config (its batch for `trainRows` when it says so); UsageError naming each bad flag. */
function settingsOver(presetId: string, flags: SettingsText, trainRows?: number): TrainConfig {
  const base: TrainConfig = { ...presetConfig(PRESETS.find((p) => p.id === presetId)!, trainRows) };
  // He for ReLU, Xavier otherwise: a chosen activation brings its own initialiser.
  if (flags.activation !== undefined) delete base.init;
  const { config, errors } = parseSettings(flags, base);
  if (!config) {
    throw new UsageError((Object.entries(errors) as [SettingName, string][]).map(([name, sentence]) => `--${FLAGS[name] ?? name}: ${sentence}`).join('\n'));
  }
  return config;
}

/**
 * The config for the data read: the preset asked for, else the data's own recipe (the Table preset
 * for a table, the notebook's for the digit layout), with the flags over it. The Table preset's batch,
 * min(200, training rows), takes the rows the run will train on: a table's usable rows less its
 * stratified held-out rows (per class, so a few more than the share of all rows), fitted as the run fits them.
 */
export function configFor(options: CliOptions, source: RunSource): TrainConfig {
  const table = isTableSource(source);
  const id = options.preset ?? (table ? 'table' : 'notebook');
  const unbounded = settingsOver(id, options.flags);
  let trainRows: number;
  try {
    trainRows = table ? fitTable(source, unbounded, new Rng(unbounded.seed)).split.train.length : source.count - heldOutCount(source.count, unbounded.valShare);
  } catch (e) {
    // Table settings the file refuses: the run says so, in full, when it starts.
    if (!(e instanceof TableSettingsError)) throw e;
    return unbounded;
  }
  return settingsOver(id, options.flags, trainRows);
}

/** A model file path: it must end in .safetensors, so a slip cannot overwrite a CSV. */
function safetensorsPath(flag: string, path: string): string {
  if (!/\.safetensors$/i.test(path)) throw new UsageError(`${flag} must name a .safetensors file; got "${path}"`);
  return path;
}

export const PREDICT_USAGE = `Usage: npm run predict -- --model MODEL.safetensors --data test.csv --out submission.csv

Predicts every row of a CSV with a saved model, through the preprocessing the model file records.
For the digit layout it writes Kaggle's submission file: ImageId,Label, one row per image in file
order, ImageId from 1. For a table, the table's ID column (or row, counted from 1) and the predicted
target, named by the target's column. For a file that has the target, it also prints the score.

  --model FILE         the model, a .safetensors file saved by --save or the page (required)
  --data FILE          the CSV: test.csv (pixel0..pixel783), a table, labeled or not (required)
  --out FILE           where to write the predictions CSV (required)
  --help               this text

Exit codes: 0 done, 1 a bad model or data file, 2 a bad command line.`;

export interface PredictOptions { model: string; data: string; out: string }

/** Parses `npm run predict` argv (without node and script). */
export function parsePredictCli(argv: string[]): PredictOptions | 'help' {
  let parsed;
  try {
    parsed = parseArgs({
      args: argv,
      options: { model: { type: 'string' }, data: { type: 'string' }, out: { type: 'string' }, help: { type: 'boolean' } },
      strict: true,
    });
  } catch (e) {
    throw new UsageError(e instanceof Error ? e.message : String(e));
  }
  const v = parsed.values;
  if (v.help) return 'help';
  for (const flag of ['model', 'data', 'out'] as const) {
    if (!v[flag]) throw new UsageError(`--${flag} is required`);
  }
  const model = safetensorsPath('--model', v.model!);
  if (/\.safetensors$/i.test(v.out!)) throw new UsageError(`--out is the submission CSV; "${v.out}" looks like a model file`);
  return { model, data: v.data!, out: v.out! };
}
