import type { ActivationName } from '../engine/activations';
import type { InitName } from '../engine/init';
import type { OptimizerName } from '../engine/optim';
import type { SplitMode } from '../data/split';
import { type AugmentSpec, NO_AUGMENT } from '../data/augment';
import type { MissingPolicy, Task } from '../data/schema';
import type { ScheduleName, ScheduleSpec } from './schedule';

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
  /**
   * Inverted dropout after each hidden layer's activation: one rate for every hidden layer, or one per
   * layer; absent or empty for none.
   */
  dropout?: number[];
  /** The learning-rate schedule over the epochs (absent: constant), its warm-up epochs and step size. */
  schedule?: ScheduleName;
  warmup?: number;
  stepSize?: number;
  /**
   * Early stopping: stop once this many epochs pass without a lower held-out loss, keeping the best
   * epoch's weights (absent or 0: off; needs held-out rows).
   */
  patience?: number;
  /**
   * A table's target column, by name (or a 1-based column number, as the CLI takes it); absent: the
   * default guess (a column named like a label, else the last). The digit layout's is its label.
   */
  target?: string;
  /** A table's columns left out of the features, and columns used as features though their kind is left out by default (an ID, a free text). */
  ignore?: string[];
  include?: string[];
  /** Classification or regression; absent: chosen from the target's values. */
  task?: Task;
  /** Missing feature cells: filled from the training rows (the default), or their rows dropped. */
  missing?: MissingPolicy;
  /** Augmentation of training batches (absent or 0: off): ±pixels, ±degrees, ±percent, elastic α and σ. */
  shift?: number;
  rotation?: number;
  scale?: number;
  elasticAlpha?: number;
  elasticSigma?: number;
}


/** The dropout rate after each hidden layer (0 for none), one per layer. */
export function dropoutRates(c: TrainConfig): number[] {
  const d = c.dropout ?? [];
  return c.hidden.map((_, i) => (d.length === 1 ? d[0] : d[i] ?? 0));
}

/** The config's learning-rate schedule. */
export function scheduleOf(c: TrainConfig): ScheduleSpec {
  return { schedule: c.schedule ?? 'constant', warmup: c.warmup ?? 0, stepSize: c.stepSize ?? DEFAULT_STEP_SIZE };
}

/** The config's augmentation of training batches. */
export function augmentOf(c: TrainConfig): AugmentSpec {
  return {
    shift: c.shift ?? 0, rotation: c.rotation ?? 0, scale: c.scale ?? 0,
    elasticAlpha: c.elasticAlpha ?? 0, elasticSigma: c.elasticSigma ?? DEFAULT_ELASTIC_SIGMA,
  };
}

/** Step decay's epochs between halvings, and the elastic field's smoothing σ (the augmentation's own default), when a config leaves them unset. */
export const DEFAULT_STEP_SIZE = 10;
export const DEFAULT_ELASTIC_SIGMA = NO_AUGMENT.elasticSigma;

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
  // The notebook has no dropout, schedule or augmentation: all off, said outright.
  dropout: [],
  schedule: 'constant',
  warmup: 0,
  stepSize: DEFAULT_STEP_SIZE,
  shift: 0,
  rotation: 0,
  scale: 0,
  elasticAlpha: 0,
  elasticSigma: DEFAULT_ELASTIC_SIGMA,
  // Nor early stopping; the table settings take their defaults (the digit layout has none to choose).
  patience: 0,
  ignore: [],
  include: [],
  missing: 'fill',
};
