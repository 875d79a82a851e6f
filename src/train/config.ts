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
  /**
   * Threads each training step runs on where the WebAssembly kernels and shared memory are available
   * (one otherwise); unset, one. The page and the CLI fill in defaultThreads of the machine.
   */
  threads?: number;
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
