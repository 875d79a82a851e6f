import { Evaluation, RegressionEvaluation } from '../engine/metrics';
import type { KernelPath } from '../engine/linear';
import { Rng } from '../engine/rng';
import type { Sequential } from '../engine/sequential';
import type { SliceResult } from '../engine/step';
import { Augmenter, isAugmenting } from '../data/augment';
import type { Dataset } from '../data/dataset';
import { outputSize } from '../data/schema';
import type { Split } from '../data/split';
import { type Backend, type EngineReport, type RunEngine, createBackend } from './backend';
import { type TrainConfig, augmentOf, dropoutRates, scheduleOf } from './config';
import type { EpochHealth } from './health';
import { HealthProbe } from './probe';
import { scheduledLr } from './schedule';
import { assertValidSettings } from './settings';
import { type RunSource, type TableSource, isTableSource, runData } from './run-data';
import { type RowDetail, type Scores, evaluateRows, evaluateWith, rowDetail } from './evaluate';

export type { EngineReport, RunEngine } from './backend';

/**
 * The numbers reported at the end of each epoch (the CLI's --json lines, the UI's chart points).
 * Accuracies are NaN for a regression, whose RMSE, MAE (in the target's units) and R² are given instead.
 */
export interface EpochMetrics {
  epoch: number;
  /** Mean loss and accuracy over the epoch's training batches, as they were seen (Keras' convention). */
  trainLoss: number;
  trainAcc: number;
  /** On the held-out rows after the epoch; NaN when nothing is held out. */
  valLoss: number;
  valAcc: number;
  /** A regression's RMSE, MAE and R² over the epoch's training batches (as seen) and on the held-out rows. */
  trainRmse?: number;
  trainMae?: number;
  trainR2?: number;
  valRmse?: number;
  valMae?: number;
  valR2?: number;
  /** With early stopping: the epoch of the lowest held-out loss so far, whose weights the run keeps if it stops. */
  bestEpoch?: number;
  /** The learning rate this epoch trained at (the schedule's rate of the base rate). */
  lr: number;
  /** Wall time spent in training steps this epoch, without the held-out evaluation. */
  epochMs: number;
  /** Wall time of the epoch-end evaluation on the held-out rows. */
  evalMs: number;
  /** Wall time of the epoch-end layer health (probe.ts): its cost to training. */
  healthMs: number;
  samplesPerSec: number;
}

/** Raised when the loss becomes NaN or infinite; the model has been rolled back to the last epoch's weights. */
export class NonFiniteLossError extends Error {
  constructor(readonly epoch: number, readonly batch: number, readonly loss: number) {
    super(`The loss became ${Number.isNaN(loss) ? 'NaN' : 'infinite'} at epoch ${epoch}, batch ${batch}: training diverged. ` +
      'Try a lower learning rate (or Adam with a small one). The weights from the end of the last good epoch are kept.');
    this.name = 'NonFiniteLossError';
  }
}

/** Early stopping counts an epoch as better when its held-out loss is below the best by more than this (scikit-learn's tol). */
export const MIN_DELTA = 1e-4;

/** Rows of augmented images staged for the WebAssembly trainer at a time: slices stop at this many. */
const STAGING_ROWS = 4096;

/** The seeds of a run's augmentation draws and dropout masks, apart from its initialisation's. */
export const augmentSeed = (seed: number) => (seed + 0x9e3779b9) >>> 0;
export const dropoutSeed = (seed: number) => (seed ^ 0x5bd1e995) >>> 0;

/**
 * A training run: the split, the epochs, the checkpoints and the metrics, over a backend (backend.ts)
 * that holds the model and trains it. It advances in slices (`trainBatches`) so that a caller can
 * interleave it with other work: the Node CLI loops it flat out, the browser worker yields between
 * slices to stay responsive.
 */
export class TrainingRun {
  /** The engine the run trains on: the WebAssembly trainer, or the TypeScript layers. */
  readonly backend: Backend;
  /** Settles when the run's threads are started (at once with one); train only after it. */
  readonly ready: Promise<number>;
  readonly split: Split;
  readonly batchesPerEpoch: number;
  /** Completed epochs. */
  epoch = 0;
  /** Batches done in the current epoch. */
  batch = 0;

  private readonly rng: Rng;
  /** Draws each training image's augmentation; null when the config augments nothing. */
  private readonly augmenter: Augmenter | null;
  /** The learning rate the schedule scales (the config's, or a later one set between epochs). */
  private baseLr: number;
  private order: Int32Array;
  private epochLoss = 0;
  private epochCorrect = 0;
  private epochAbsError = 0;
  /** Σ (y − ȳ)² of the training rows' targets (a regression's R² on them); NaN for classes. */
  private readonly trainSsTotal: number;
  /** Early stopping: the epoch of the lowest held-out loss, that loss and its weights (null before any). */
  private best: { epoch: number; loss: number; weights: Float32Array } | null = null;
  /** Set when early stopping ended the run: the epoch whose weights the model holds. */
  keptEpoch: number | null = null;
  private epochSamples = 0;
  private epochMs = 0;
  private checkpoint: Float32Array;
  /** Per-row results of the held-out evaluation at the last epoch's end (rows in split.val order). */
  readonly valDetail: RowDetail;
  /**
   * The kernels each Linear layer trained on in this epoch's first batch, a full one ('none' before
   * any): the path of the run, as a short last batch may take another.
   */
  kernels: KernelPath[] = [];
  /** The held-out evaluation at the last epoch's end (of the kept epoch, once early stopping ended the run). */
  lastVal: Scores | null = null;
  /** Every layer's health at the last epoch's end (null before, or with no rows to probe). */
  health: EpochHealth | null = null;
  private readonly probe: HealthProbe;

  /** The rows it trains on and holds out, as the engine reads them (a table's prepared from its file). */
  readonly dataset: Dataset;
  /** The table it was prepared from; null for the digit layout. */
  readonly table: TableSource | null;
  /** Sentences on what was done to a table's rows (dropped rows, held-out classes missing from training). */
  readonly notes: string[];

  constructor(
    source: RunSource, readonly config: TrainConfig, private readonly now: () => number = () => performance.now(), engine: RunEngine = {},
  ) {
    assertValidSettings(config); // before the split, which needs a valid share
    const rng = new Rng(config.seed);
    this.rng = rng;
    const data = runData(source, config, rng);
    const dataset = data.dataset, { y, schema } = dataset;
    this.dataset = dataset;
    this.split = data.split;
    this.notes = data.notes;
    this.table = isTableSource(source) ? source : null;
    assertValidSettings(config, this.split.train.length);
    const augment = augmentOf(config);
    const stagingRows = config.batchSize * Math.max(1, Math.floor(STAGING_ROWS / config.batchSize));
    this.augmenter = isAugmenting(augment) ? new Augmenter(augment, augmentSeed(config.seed), stagingRows) : null;
    this.backend = createBackend({
      dataset,
      mlp: {
        inputSize: schema.inputSize, hidden: config.hidden, outputSize: outputSize(schema), activation: config.activation, init: config.init,
        dropout: dropoutRates(config), dropoutSeed: dropoutSeed(config.seed),
      },
      optimizer: config.optimizer, lr: config.lr, weightDecay: config.weightDecay, batchSize: config.batchSize,
      trainRows: this.split.train.length, threads: config.threads ?? 1,
      augmenter: this.augmenter,
    }, rng, engine);
    this.ready = this.backend.ready;
    this.batchesPerEpoch = Math.ceil(this.split.train.length / config.batchSize);
    this.baseLr = config.lr;
    this.order = Int32Array.from(this.split.train);
    this.checkpoint = this.model.getWeights();
    this.probe = new HealthProbe(this.backend, this.split.val.length ? this.split.val : this.split.train, config.activation);
    this.valDetail = rowDetail(this.split.val.length, dataset);
    this.trainSsTotal = y instanceof Float32Array ? sumOfSquares(y, this.split.train) : NaN;
    this.beginEpoch();
  }

  /** The model the run trains. */
  get model(): Sequential {
    return this.backend.model;
  }

  /** True once every epoch of the config has run, or early stopping ended the run. */
  get done(): boolean {
    return this.epoch >= this.config.epochs || this.keptEpoch !== null;
  }

  /** True when the current epoch's batches are all done and `finishEpoch` is due. */
  get epochComplete(): boolean {
    return this.batch >= this.batchesPerEpoch;
  }

  /** Training rows seen in the current epoch, and their running mean loss and accuracy. */
  get running(): { samples: number; loss: number; acc: number } {
    const n = this.epochSamples;
    return { samples: n, loss: n ? this.epochLoss / n : NaN, acc: n ? this.epochCorrect / n : NaN };
  }

  /** The learning rate of the current epoch's steps: the schedule's rate of the base rate. */
  get lr(): number {
    return this.backend.lr;
  }
  /** Sets the base learning rate (between epochs): the schedule scales it from the current epoch on. */
  set lr(v: number) {
    this.baseLr = v;
    this.applySchedule();
  }

  private applySchedule(): void {
    this.backend.lr = scheduledLr(this.baseLr, this.epoch, this.config.epochs, scheduleOf(this.config));
  }

  /** The kernels and threads the run trains on. */
  get engine(): EngineReport {
    return this.backend.engine;
  }

  /** Ends the run's helper threads, if any (the model stays usable). */
  dispose(): void {
    this.backend.dispose();
  }

  private beginEpoch(): void {
    this.applySchedule();
    if (this.config.shuffle) this.rng.shuffle(this.order);
    this.backend.setOrder(this.order);
    this.batch = 0;
    this.epochLoss = 0;
    this.epochCorrect = 0;
    this.epochAbsError = 0;
    this.epochSamples = 0;
    this.epochMs = 0;
  }

  /**
   * Runs up to `maxBatches` minibatches of the current epoch and returns how many ran.
   * Throws NonFiniteLossError (after rolling the weights back) if the loss stops being finite.
   */
  trainBatches(maxBatches: number): number {
    // The epoch's last step runs alone, between a copy of the weights and the measure of its update.
    let ran = 0;
    while (ran < maxBatches && !this.epochComplete) {
      const toLast = this.batchesPerEpoch - 1 - this.batch;
      if (toLast > 0) {
        const done = this.trainSome(Math.min(maxBatches - ran, toLast));
        ran += done;
        if (done === 0) break;
        continue;
      }
      this.probe.snapshot();
      ran += this.trainSome(1);
      this.probe.measureStep();
    }
    return ran;
  }

  /**
   * Up to `maxBatches` batches from the current one, in as few backend calls as it takes: one, or
   * with augmentation one per filling of the staging area.
   */
  private trainSome(maxBatches: number): number {
    const t0 = this.now();
    const count = Math.min(maxBatches, this.batchesPerEpoch - this.batch);
    let ran = 0;
    try {
      while (ran < count) {
        const r = this.augmenter ? this.trainAugmented(count - ran) : this.backend.train(this.batch, count - ran, this.epochLoss);
        if (this.batch === 0 && r.batches > 0 && r.kernels) this.kernels = r.kernels;
        this.epochLoss = r.lossSum;
        this.epochCorrect += r.correct;
        this.epochAbsError += r.absErrorSum;
        this.epochSamples += r.samples;
        this.batch += r.batches;
        ran += r.batches;
        if (r.nonFiniteLoss !== null) {
          this.model.setWeights(this.checkpoint);
          throw new NonFiniteLossError(this.epoch + 1, this.batch + 1, r.nonFiniteLoss);
        }
        if (r.batches === 0) break;
      }
    } finally {
      this.epochMs += this.now() - t0;
    }
    return ran;
  }

  /** Up to `count` batches from the current one, augmented into the backend's staging area (as many as it holds), then trained. */
  private trainAugmented(count: number): SliceResult {
    const staged = this.backend.staged!, B = this.config.batchSize;
    const n = Math.min(count, Math.floor(staged.labels.length / B));
    const start = this.batch * B, end = Math.min(start + n * B, this.order.length);
    this.backend.augmentStaged(this.order, start, end);
    const labels = this.dataset.y as Int32Array;
    for (let i = start; i < end; i++) staged.labels[i - start] = labels[this.order[i]];
    return this.backend.trainStaged(end - start, this.epochLoss);
  }
  /**
   * Mid-epoch, puts the last finished epoch's weights in the model (what every view then speaks of:
   * its held-out evaluation, its gallery, its file) and returns the epoch in progress's weights, for
   * resumeEpoch; null at an epoch's boundary, where the model already is the last epoch's.
   */
  holdLastEpoch(): Float32Array | null {
    if (this.batch === 0) return null;
    const inProgress = this.model.getWeights();
    this.model.setWeights(this.checkpoint);
    return inProgress;
  }

  /** Puts back the weights holdLastEpoch returned, so training goes on exactly where it was. */
  resumeEpoch(inProgress: Float32Array): void {
    this.model.setWeights(inProgress);
  }

  /** Closes the epoch: measures the held-out rows, checkpoints the weights, and starts the next epoch. */
  finishEpoch(): EpochMetrics {
    if (!this.epochComplete) throw new Error(`finishEpoch: epoch ${this.epoch + 1} has ${this.batchesPerEpoch - this.batch} batches left`);
    const t0 = this.now();
    const val = this.split.val.length ? this.evaluate(this.split.val, this.dataset, this.valDetail) : null;
    const evalMs = this.now() - t0;
    this.lastVal = val;
    this.epoch++;
    const t1 = this.now();
    this.health = this.probe.measure(this.epoch);
    const healthMs = this.now() - t1;
    const n = this.epochSamples, trainLoss = this.epochLoss / n;
    const metrics: EpochMetrics = {
      epoch: this.epoch,
      trainLoss,
      trainAcc: this.regression ? NaN : this.epochCorrect / n,
      valLoss: val ? val.meanLoss : NaN,
      valAcc: val instanceof Evaluation ? val.accuracy : NaN,
      ...(this.regression ? this.regressionMetrics(trainLoss, val) : {}),
      lr: this.lr,
      epochMs: this.epochMs,
      evalMs,
      healthMs,
      samplesPerSec: n / (this.epochMs / 1000),
    };
    if (val && !Number.isFinite(val.meanLoss)) {
      this.model.setWeights(this.checkpoint);
      throw new NonFiniteLossError(this.epoch, this.batchesPerEpoch, val.meanLoss);
    }
    this.checkpoint = this.model.getWeights();
    if (val && (this.config.patience ?? 0) > 0) metrics.bestEpoch = this.watchBest(val.meanLoss);
    if (!this.done) this.beginEpoch();
    return metrics;
  }

  /** Whether the run fits values (a regression) rather than classes. */
  private get regression(): boolean {
    return this.dataset.schema.target.task === 'regression';
  }

  /** RMSE, MAE (the target's units) and R² of the epoch's training batches and of the held-out rows. */
  private regressionMetrics(trainLoss: number, val: Scores | null): Partial<EpochMetrics> {
    const target = this.dataset.schema.target, std = target.task === 'regression' ? target.std : 1;
    const n = this.epochSamples, sse = 2 * trainLoss * n; // loss = ½ (ŷ − y)² a row, in standardised units
    const v = val instanceof RegressionEvaluation ? val : null;
    return {
      trainRmse: std * Math.sqrt(sse / n), trainMae: (std * this.epochAbsError) / n, trainR2: 1 - sse / this.trainSsTotal,
      valRmse: v ? v.rmse : NaN, valMae: v ? v.mae : NaN, valR2: v ? v.r2 : NaN,
    };
  }

  /**
   * Early stopping (patience P): keeps the epoch of the lowest held-out loss and its weights; once P
   * epochs have passed without a loss lower by more than MIN_DELTA, or at the last epoch, the model
   * goes back to that epoch's weights, and the held-out evaluation and health are those of the model
   * kept. Returns the best epoch so far.
   */
  private watchBest(valLoss: number): number {
    if (!this.best || valLoss < this.best.loss - MIN_DELTA) this.best = { epoch: this.epoch, loss: valLoss, weights: this.checkpoint };
    const best = this.best, patience = this.config.patience ?? 0;
    const stop = this.epoch - best.epoch >= patience || this.epoch >= this.config.epochs;
    if (stop) {
      this.keptEpoch = best.epoch;
      if (best.epoch !== this.epoch) {
        this.model.setWeights(best.weights);
        this.checkpoint = best.weights;
        this.lastVal = this.evaluate(this.split.val, this.dataset, this.valDetail);
        this.health = this.probe.measure(this.epoch);
      }
    }
    return best.epoch;
  }

  /**
   * Scores of the model on the given rows of a dataset (by default the run's): loss, accuracy and
   * confusion matrix, or a regression's RMSE, MAE and R². With `keep`, also each row's detail, in
   * `indices` order.
   */
  evaluate(indices: Int32Array, dataset: Dataset = this.dataset, keep?: RowDetail): Scores {
    if (dataset === this.dataset) return evaluateWith((rows, sink) => this.backend.evaluate(rows, sink), dataset, indices, keep);
    return evaluateRows(this.model, dataset, indices, keep);
  }
}

/** Σ (y − ȳ)² over the given rows. */
function sumOfSquares(y: Float32Array, rows: Int32Array): number {
  let mean = 0;
  for (const i of rows) mean += y[i];
  mean /= rows.length;
  let ss = 0;
  for (const i of rows) ss += (y[i] - mean) ** 2;
  return ss;
}
