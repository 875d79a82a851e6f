import type { ActivationName } from '../engine/activations';
import type { OptimizerName } from '../engine/optim';
import type { SplitMode } from '../data/split';
import type { TrainConfig } from './config';
import { NOTEBOOK_PRESET, augmentOf, scheduleOf } from './config';
import type { ScheduleName } from './schedule';
import { type SettingErrors, defaultThreads, parseSettings } from './settings';

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
  };
}

/**
 * The form's text through the settings rules. `trainRows` (rows left for training after the split)
 * bounds the batch size when a dataset is loaded.
 */
export function parseForm(form: TrainForm, split: { valShare: number; splitMode: SplitMode }, trainRows?: number): ParsedForm {
  const { shuffle, ...text } = form;
  const base: TrainConfig = { ...NOTEBOOK_PRESET, valShare: split.valShare, split: split.splitMode, shuffle };
  return parseSettings(text, base, trainRows);
}
