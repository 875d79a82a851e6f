import { parseArgs } from 'node:util';
import type { TrainConfig } from '../src/train/config';
import { PRESETS } from '../src/train/presets';
import { ACTIVATIONS, OPTIMIZERS, SCHEDULES, type SettingName, type SettingsText, SPLIT_MODES, TEXT_NAMES, parseSettings } from '../src/train/settings';

const list = (choices: readonly { value: string }[]) => choices.map((c) => c.value).join(' | ');

export const USAGE = `Usage: npm run train -- --data FILE.csv [options]

Trains the from-scratch MLP on a Kaggle Digit Recognizer CSV (label,pixel0..pixel783).

  --data FILE          the labeled CSV to train on (required)
  --preset notebook    start from a recipe: ${PRESETS.map((p) => p.id).join(' | ')}
${PRESETS.map((p) => `                       ${p.id}: ${p.label}`).join('\n')}
  --hidden 128         hidden layer sizes, comma-separated: 256,128
  --activation relu    ${list(ACTIVATIONS)}
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

/** `save`: the .safetensors path to write the trained model to, when asked. */
export interface CliOptions { data: string; json: boolean; config: TrainConfig; save?: string; test?: string }

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
  const preset = PRESETS.find((p) => p.id === (v.preset ?? 'notebook'));
  if (!preset) throw new UsageError(`--preset must be one of ${PRESETS.map((p) => p.id).join(', ')}; got "${String(v.preset)}"`);
  const text: SettingsText = {};
  for (const [name, flag] of Object.entries(FLAGS) as [SettingName, string][]) {
    if (typeof v[flag] === 'string') text[name] = v[flag];
  }
  if (v.shuffle) text.shuffle = 'true';
  const base: TrainConfig = { ...preset.config };
  // He for ReLU, Xavier otherwise: a chosen activation brings its own initialiser.
  if (text.activation !== undefined) delete base.init;
  const { config, errors } = parseSettings(text, base);
  if (!config) {
    throw new UsageError((Object.entries(errors) as [SettingName, string][]).map(([name, sentence]) => `--${FLAGS[name] ?? name}: ${sentence}`).join('\n'));
  }
  return { data: v.data as string, json: v.json === true, config, ...(save === undefined ? {} : { save }), ...(typeof v.test === 'string' ? { test: v.test } : {}) };
}

/** A model file path: it must end in .safetensors, so a slip cannot overwrite a CSV. */
function safetensorsPath(flag: string, path: string): string {
  if (!/\.safetensors$/i.test(path)) throw new UsageError(`${flag} must name a .safetensors file; got "${path}"`);
  return path;
}

export const PREDICT_USAGE = `Usage: npm run predict -- --model MODEL.safetensors --data test.csv --out submission.csv

Predicts a digit for every image of a Kaggle Digit Recognizer CSV (labeled or not) with a saved model,
and writes Kaggle's submission file: ImageId,Label, one row per image in file order, ImageId from 1.
For a labeled file it also prints the accuracy on its labels.

  --model FILE         the model, a .safetensors file saved by --save or the page (required)
  --data FILE          the CSV: test.csv (pixel0..pixel783) or a labeled file (required)
  --out FILE           where to write the submission CSV (required)
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
