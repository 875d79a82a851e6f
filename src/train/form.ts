import type { ActivationName } from '../engine/activations';
import { MAX_LAYER_SIZE } from '../engine/mlp';
import type { OptimizerName } from '../engine/optim';
import type { SplitMode } from '../data/split';
import { LIMITS, type TrainConfig } from './config';

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
}

export type FormField = 'hidden' | 'lr' | 'batchSize' | 'epochs' | 'seed' | 'weightDecay';

export interface ParsedForm {
  /** The config to train with, or null while any field is invalid. */
  config: TrainConfig | null;
  /** One sentence per invalid field. */
  errors: Partial<Record<FormField, string>>;
}

/** The form showing a config's values. */
export function formOf(c: TrainConfig): TrainForm {
  return {
    hidden: c.hidden.join(', '), activation: c.activation, optimizer: c.optimizer, lr: String(c.lr),
    batchSize: String(c.batchSize), epochs: String(c.epochs), seed: String(c.seed), weightDecay: String(c.weightDecay), shuffle: c.shuffle,
  };
}

function number(text: string): number | null {
  const t = text.trim();
  if (t === '') return null;
  const v = Number(t);
  return Number.isFinite(v) ? v : null;
}

function wholeNumber(text: string, what: string, min: number, max: number, errors: ParsedForm['errors'], field: FormField): number {
  const v = number(text);
  if (v === null) errors[field] = `${what} must be a number.`;
  else if (!Number.isInteger(v)) errors[field] = `${what} must be a whole number.`;
  else if (v < min) errors[field] = `${what} must be at least ${min.toLocaleString('en-US')}.`;
  else if (v > max) errors[field] = `${what} can be at most ${max.toLocaleString('en-US')}.`;
  return v ?? NaN;
}

/**
 * Checks every field and builds the config. `trainRows` (rows left for training after the split)
 * bounds the batch size when a dataset is loaded.
 */
export function parseForm(form: TrainForm, split: { valShare: number; splitMode: SplitMode }, trainRows?: number): ParsedForm {
  const errors: ParsedForm['errors'] = {};
  const parts = form.hidden.split(',').map((s) => s.trim());
  let hidden: number[] = [];
  if (form.hidden.trim() !== '') {
    const bad = parts.find((p) => !/^\d+$/.test(p));
    if (bad !== undefined) errors.hidden = bad === '' ? 'Hidden layers: a size is missing between commas.' : `Hidden layers: "${bad}" is not a whole number; write sizes like 128 or 256, 128.`;
    else {
      hidden = parts.map(Number);
      const zero = hidden.findIndex((h) => h < 1);
      const huge = hidden.findIndex((h) => h > MAX_LAYER_SIZE);
      if (zero >= 0) errors.hidden = `Hidden layer ${zero + 1} has 0 units; each layer needs at least 1.`;
      else if (huge >= 0) errors.hidden = `Hidden layer ${huge + 1} has ${hidden[huge].toLocaleString('en-US')} units; the most is ${MAX_LAYER_SIZE.toLocaleString('en-US')}.`;
      else if (hidden.length > 8) errors.hidden = 'At most 8 hidden layers.';
    }
  }
  const lr = number(form.lr);
  if (lr === null) errors.lr = 'Learning rate must be a number, e.g. 0.1.';
  else if (lr <= 0) errors.lr = 'Learning rate must be above 0.';
  else if (lr > LIMITS.maxLr) errors.lr = `Learning rate can be at most ${LIMITS.maxLr}.`;
  const maxBatch = trainRows !== undefined ? Math.min(LIMITS.maxBatchSize, trainRows) : LIMITS.maxBatchSize;
  const batchSize = wholeNumber(form.batchSize, 'Batch size', 1, maxBatch, errors, 'batchSize');
  if (errors.batchSize && trainRows !== undefined && Number(form.batchSize) > trainRows && Number(form.batchSize) <= LIMITS.maxBatchSize) {
    errors.batchSize = `Batch size ${form.batchSize.trim()} is larger than the ${trainRows.toLocaleString('en-US')} training rows.`;
  }
  const epochs = wholeNumber(form.epochs, 'Epochs', 1, LIMITS.maxEpochs, errors, 'epochs');
  const seed = wholeNumber(form.seed, 'Seed', 0, 4294967295, errors, 'seed');
  const weightDecay = number(form.weightDecay);
  if (weightDecay === null) errors.weightDecay = 'L2 decay must be a number, e.g. 0 or 0.0001.';
  else if (weightDecay < 0) errors.weightDecay = 'L2 decay cannot be negative.';
  else if (weightDecay > 1) errors.weightDecay = 'L2 decay can be at most 1.';
  if (Object.keys(errors).length) return { config: null, errors };
  return {
    errors,
    config: {
      hidden, activation: form.activation, optimizer: form.optimizer, lr: lr!, batchSize, epochs, seed,
      valShare: split.valShare, split: split.splitMode, shuffle: form.shuffle, weightDecay: weightDecay!,
    },
  };
}
