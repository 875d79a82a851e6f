import type { ActivationName } from '../engine/activations';
import type { OptimizerName } from '../engine/optim';
import type { SplitMode } from '../data/split';
import type { TrainConfig } from './config';
import { NOTEBOOK_PRESET, augmentOf, scheduleOf } from './config';
import type { ScheduleName } from './schedule';
import type { MissingPolicy, Task } from '../data/schema';
import type { InitName } from '../engine/init';
import { type SettingErrors, type SettingsText, defaultThreads, joinNames, parseSettings } from './settings';

/** The training settings as typed: text for numbers, so a half-typed value is kept and explained. */
export interface TrainForm {
  hidden: string;
  activation: ActivationName;
  optimizer: OptimizerName;
  lr: string;
  batchSize: string;
  epochs: string;
  seed: string;
  weightDecay: string;
  shuffle: boolean;
  threads: string;
  /** Dropout rates, comma-separated ("" for none). */
  dropout: string;
  schedule: ScheduleName;
  warmup: string;
  stepSize: string;
  shift: string;
  rotation: string;
  scale: string;
  elasticAlpha: string;
  elasticSigma: string;
  /** Epochs without a lower held-out loss before the run stops ("0": no early stopping). */
  patience: string;
  /** The weights' initialiser ("" for the activation's own: He for ReLU, Xavier otherwise). */
  init: InitName | '';
  /** A table's target column ("" for the default guess), task ("" for the one the target suggests), columns left out and forced in, missing cells. */
  target: string;
  task: Task | '';
  ignore: string;
  include: string;
  missing: MissingPolicy;
}

export interface ParsedForm {
  /** The config to train with, or null while any field is invalid. */
  config: TrainConfig | null;
  /** One sentence per invalid setting, from the settings rules (src/train/settings.ts). */
  errors: SettingErrors;
}

/** The form showing a config's values; a config without a thread count shows this machine's default. */
export function formOf(c: TrainConfig): TrainForm {
  const sch = scheduleOf(c), aug = augmentOf(c);
  return {
    hidden: c.hidden.join(', '), activation: c.activation, optimizer: c.optimizer, lr: String(c.lr),
    batchSize: String(c.batchSize), epochs: String(c.epochs), seed: String(c.seed), weightDecay: String(c.weightDecay), shuffle: c.shuffle,
    threads: String(c.threads ?? defaultThreads()),
    dropout: (c.dropout ?? []).join(', '),
    schedule: sch.schedule, warmup: String(sch.warmup), stepSize: String(sch.stepSize), shift: String(aug.shift),
    rotation: String(aug.rotation), scale: String(aug.scale), elasticAlpha: String(aug.elasticAlpha), elasticSigma: String(aug.elasticSigma),
    patience: String(c.patience ?? 0), init: c.init ?? '', target: c.target ?? '', task: c.task ?? '', ignore: joinNames(c.ignore ?? []), include: joinNames(c.include ?? []),
    missing: c.missing ?? 'fill',
  };
}

/**
 * The form's text through the settings rules. `trainRows` (rows left for training after the split)
 * bounds the batch size when a dataset is loaded.
 */
export function parseForm(form: TrainForm, split: { valShare: number; splitMode: SplitMode }, trainRows?: number): ParsedForm {
  const { shuffle, target, task, init, ...rest } = form;
  // A blank target or task leaves it to the data, a blank initialiser to the activation: unset in the config.
  const text: SettingsText = { ...rest, ...(target.trim() ? { target } : {}), ...(task ? { task } : {}), ...(init ? { init } : {}) };
  const base: TrainConfig = { ...NOTEBOOK_PRESET, valShare: split.valShare, split: split.splitMode, shuffle };
  return parseSettings(text, base, trainRows);
}
