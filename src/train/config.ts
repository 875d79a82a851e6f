import type { ActivationName } from '../engine/activations';
import type { InitName } from '../engine/init';
import type { OptimizerName } from '../engine/optim';
import type { SplitMode } from '../data/split';

/** Everything that determines a training run: with the same data, the same config gives the same run. */
export interface TrainConfig {
  hidden: number[];
  activation: ActivationName;
  init?: InitName;
  optimizer: OptimizerName;
  lr: number;
  batchSize: number;
  epochs: number;
  seed: number;
  /** Share of rows held out for validation, 0 ≤ valShare < 1. */
  valShare: number;
  split: SplitMode;
  /** Reshuffle the training rows every epoch (from the seed); false keeps file order, as the notebook does. */
  shuffle: boolean;
  /** L2 weight decay λ. */
  weightDecay: number;
}

/**
 * The seed notebook's recipe: 784-128-10, ReLU, softmax, He init, SGD lr 0.1, batch 32, 50 epochs,
 * seed 42, first 80% of rows train and the last 20% held out, no shuffling.
 */
export const NOTEBOOK_PRESET: TrainConfig = {
  hidden: [128],
  activation: 'relu', // initialised He-normal, the default for ReLU
  optimizer: 'sgd',
  lr: 0.1,
  batchSize: 32,
  epochs: 50,
  seed: 42,
  valShare: 0.2,
  split: 'sequential',
  shuffle: false,
  weightDecay: 0,
};

/** The largest batch and epoch counts accepted; beyond them a run is a mistake rather than a plan. */
export const LIMITS = { maxBatchSize: 8192, maxEpochs: 1000, maxLr: 10 } as const;

/**
 * Problems with a config for a training set of `trainRows` rows, as sentences naming the setting;
 * empty when the run can start.
 */
export function configErrors(c: TrainConfig, trainRows?: number): string[] {
  const errors: string[] = [];
  if (!(Number.isFinite(c.lr) && c.lr > 0)) errors.push(`Learning rate must be a number above 0, got ${c.lr}`);
  else if (c.lr > LIMITS.maxLr) errors.push(`Learning rate ${c.lr} is too large; use at most ${LIMITS.maxLr}`);
  if (!Number.isInteger(c.batchSize) || c.batchSize < 1) errors.push(`Batch size must be a whole number of at least 1, got ${c.batchSize}`);
  else if (c.batchSize > LIMITS.maxBatchSize) errors.push(`Batch size ${c.batchSize} is too large; use at most ${LIMITS.maxBatchSize}`);
  else if (trainRows !== undefined && c.batchSize > trainRows) errors.push(`Batch size ${c.batchSize} is larger than the ${trainRows.toLocaleString('en-US')} training rows`);
  if (!Number.isInteger(c.epochs) || c.epochs < 1) errors.push(`Epochs must be a whole number of at least 1, got ${c.epochs}`);
  else if (c.epochs > LIMITS.maxEpochs) errors.push(`Epochs ${c.epochs} is too many; use at most ${LIMITS.maxEpochs}`);
  if (!Number.isInteger(c.seed)) errors.push(`Seed must be a whole number, got ${c.seed}`);
  if (!(c.valShare >= 0 && c.valShare < 1)) errors.push(`Validation split must be at least 0 and below 1, got ${c.valShare}`);
  if (!(Number.isFinite(c.weightDecay) && c.weightDecay >= 0)) errors.push(`L2 decay must be a number of at least 0, got ${c.weightDecay}`);
  if (!['sgd', 'momentum', 'adam'].includes(c.optimizer)) errors.push(`Unknown optimizer "${c.optimizer}"`);
  return errors;
}
