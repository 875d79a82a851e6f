import { parseArgs } from 'node:util';
import type { ActivationName } from '../src/engine/activations';
import type { OptimizerName } from '../src/engine/optim';
import type { SplitMode } from '../src/data/split';
import type { TrainConfig } from '../src/train/config';
import { PRESETS } from '../src/train/presets';

export const USAGE = `Usage: npm run train -- --data FILE.csv [options]

Trains the from-scratch MLP on a Kaggle Digit Recognizer CSV (label,pixel0..pixel783).

  --data FILE          the labeled CSV to train on (required)
  --preset notebook    start from a recipe: notebook (the default: 784-128-10, SGD 0.1,
                       batch 32, 50 epochs) or fast (784-384-10, momentum, 12 epochs)
  --hidden 128         hidden layer sizes, comma-separated: 256,128
  --activation relu    relu | sigmoid | tanh
  --optimizer sgd      sgd | momentum | adam
  --lr 0.1             learning rate
  --batch 32           minibatch size
  --epochs 50          passes over the training rows
  --seed 42            seed of every random choice (same seed, same run)
  --val 0.2            share of rows held out for validation
  --split sequential   sequential (first rows train, last held out) | shuffled (stratified, seeded)
  --shuffle            reshuffle the training rows every epoch (off in the notebook recipe)
  --l2 0               L2 weight decay
  --json               one JSON object per epoch, then a summary object
  --help               this text`;

export interface CliOptions { data: string; json: boolean; config: TrainConfig }

/** Thrown for bad command lines; the CLI prints the message and the usage and exits with 2. */
export class UsageError extends Error {}

function num(name: string, raw: string | undefined, fallback: number): number {
  if (raw === undefined) return fallback;
  const v = Number(raw);
  if (raw.trim() === '' || !Number.isFinite(v)) throw new UsageError(`--${name} must be a number, got "${raw}"`);
  return v;
}

function oneOf<T extends string>(name: string, raw: string | undefined, allowed: readonly T[], fallback: T): T {
  if (raw === undefined) return fallback;
  const v = raw.toLowerCase();
  if (!(allowed as readonly string[]).includes(v)) throw new UsageError(`--${name} must be one of ${allowed.join(', ')}, got "${raw}"`);
  return v as T;
}

/** Parses argv (without node and script) into a data path and a full training config. */
export function parseCli(argv: string[]): CliOptions | 'help' {
  let parsed;
  try {
    parsed = parseArgs({
      args: argv,
      options: {
        data: { type: 'string' }, preset: { type: 'string' }, hidden: { type: 'string' },
        activation: { type: 'string' }, optimizer: { type: 'string' }, lr: { type: 'string' },
        batch: { type: 'string' }, epochs: { type: 'string' }, seed: { type: 'string' }, val: { type: 'string' },
        split: { type: 'string' }, shuffle: { type: 'boolean' }, l2: { type: 'string' },
        json: { type: 'boolean' }, help: { type: 'boolean' },
      },
      strict: true,
    });
  } catch (e) {
    throw new UsageError(e instanceof Error ? e.message : String(e));
  }
  const v = parsed.values;
  if (v.help) return 'help';
  if (!v.data) throw new UsageError('--data FILE.csv is required');
  const presetName = oneOf('preset', v.preset, PRESETS.map((p) => p.id), 'notebook');
  const base = PRESETS.find((p) => p.id === presetName)!.config;
  const hidden = v.hidden === undefined ? base.hidden : v.hidden.trim() === '' ? [] : v.hidden.split(',').map((s) => {
    const n = Number(s.trim());
    if (!Number.isInteger(n) || n < 1) throw new UsageError(`--hidden takes comma-separated whole numbers like 256,128; "${s}" is not one`);
    return n;
  });
  const config: TrainConfig = {
    ...base,
    hidden,
    activation: oneOf<ActivationName>('activation', v.activation, ['relu', 'sigmoid', 'tanh'], base.activation),
    optimizer: oneOf<OptimizerName>('optimizer', v.optimizer, ['sgd', 'momentum', 'adam'], base.optimizer),
    lr: num('lr', v.lr, base.lr),
    batchSize: num('batch', v.batch, base.batchSize),
    epochs: num('epochs', v.epochs, base.epochs),
    seed: num('seed', v.seed, base.seed),
    valShare: num('val', v.val, base.valShare),
    split: oneOf<SplitMode>('split', v.split, ['sequential', 'shuffled'], base.split),
    shuffle: v.shuffle ?? base.shuffle,
    weightDecay: num('l2', v.l2, base.weightDecay),
  };
  if (v.activation !== undefined && v.activation !== base.activation) config.init = undefined; // He for ReLU, Xavier otherwise
  return { data: v.data, json: v.json ?? false, config };
}
