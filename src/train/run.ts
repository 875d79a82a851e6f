import { SoftmaxCrossEntropy } from '../engine/loss';
import { type Matrix, zeros } from '../engine/matrix';
import { Evaluation } from '../engine/metrics';
import type { KernelPath } from '../engine/linear';
import { buildMlp } from '../engine/mlp';
import { Optimizer } from '../engine/optim';
import { Rng } from '../engine/rng';
import type { Sequential } from '../engine/sequential';
import { trainStep } from '../engine/step';
import { type SpawnHelper, WasmTrainer } from '../engine/wasm/trainer';
import { gatherBatch } from '../data/batch';
import { CLASSES, PIXELS, type Dataset } from '../data/dataset';
import { type Split, splitIndices } from '../data/split';
import type { TrainConfig } from './config';
import { assertValidSettings } from './settings';
import { type RowDetail, evaluateRows, evaluateRowsWasm, rowDetail } from './evaluate';

/** The engine a run trains on: the WebAssembly trainer's kernels and threads, or the TypeScript kernels. */
export interface EngineReport {
  kernel: 'wasm-relaxed-simd' | 'wasm-simd' | 'js';
  /** Threads each training step runs on. */
  threads: number;
  /** Bytes of the trainer's one WebAssembly memory (model, buffers, optimiser state, training data); 0 on the TypeScript kernels. */
  memoryBytes: number;
}

/** How a run may train: the platform's way to start helper threads, and whether to use WebAssembly. */
export interface RunEngine {
  /** Starts a helper thread (a Web Worker, a worker_thread); without it a run has one thread. */
  spawn?: SpawnHelper;
  /** 'js' trains on the TypeScript kernels even where WebAssembly SIMD runs (tests, benchmarks). */
  kernels?: 'auto' | 'js';
}

/** The numbers reported at the end of each epoch (the CLI's --json lines, the UI's chart points). */
export interface EpochMetrics {
  epoch: number;
  /** Mean loss and accuracy over the epoch's training batches, as they were seen (Keras' convention). */
  trainLoss: number;
  trainAcc: number;
  /** On the held-out rows after the epoch; NaN when nothing is held out. */
  valLoss: number;
  valAcc: number;
  /** Wall time spent in training steps this epoch, without the held-out evaluation. */
  epochMs: number;
  /** Wall time of the epoch-end evaluation on the held-out rows. */
  evalMs: number;
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

/**
 * A training run over a byte dataset: the model, its optimizer, the split, and where it is in the epoch.
 * It advances in slices (`trainBatches`) so that a caller can interleave it with other work: the Node
 * CLI loops it flat out, the browser worker yields between slices to stay responsive.
 */
export class TrainingRun {
  readonly model: Sequential;
  /** The WebAssembly trainer that holds the model and trains it, or null on the TypeScript kernels. */
  readonly trainer: WasmTrainer | null;
  /** Settles when the run's threads are started (at once with one); train only after it. */
  readonly ready: Promise<number>;
  readonly split: Split;
  readonly batchesPerEpoch: number;
  /** Completed epochs. */
  epoch = 0;
  /** Batches done in the current epoch. */
  batch = 0;

  private readonly rng: Rng;
  private readonly lossFn = new SoftmaxCrossEntropy(CLASSES);
  /** The TypeScript optimiser; null when the WebAssembly trainer updates the weights. */
  private readonly optimizer: Optimizer | null;
  private readonly x: Matrix;
  private readonly y: Uint8Array;
  private order: Int32Array;
  private epochLoss = 0;
  private epochCorrect = 0;
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
  /** The held-out evaluation at the last epoch's end. */
  lastVal: Evaluation | null = null;

  constructor(
    readonly dataset: Dataset, readonly config: TrainConfig, private readonly now: () => number = () => performance.now(), engine: RunEngine = {},
  ) {
    if (!dataset.labels) throw new Error(`"${dataset.name}" has no labels, so it cannot be trained on; load a labeled train file`);
    assertValidSettings(config); // before the split, which needs a valid share
    const rng = new Rng(config.seed);
    this.rng = rng;
    this.split = splitIndices(dataset.count, dataset.labels, config.valShare, config.split, rng);
    assertValidSettings(config, this.split.train.length);
    const trainer = engine.kernels === 'js' ? null : WasmTrainer.create({
      widths: [PIXELS, ...config.hidden, CLASSES], activation: config.activation, optimizer: config.optimizer, lr: config.lr,
      weightDecay: config.weightDecay, batchSize: config.batchSize, pixels: dataset.pixels, labels: dataset.labels,
      trainRows: this.split.train.length, threads: config.threads ?? 1,
    }, engine.spawn);
    this.trainer = trainer;
    this.ready = trainer ? trainer.ready : Promise.resolve(1);
    const spec = { inputSize: PIXELS, hidden: config.hidden, outputSize: CLASSES, activation: config.activation, init: config.init };
    this.model = buildMlp(spec, rng, trainer ? (i) => trainer.layers[i] : undefined);
    this.optimizer = trainer ? null : new Optimizer(config.optimizer, this.model.params(), { lr: config.lr, weightDecay: config.weightDecay });
    this.batchesPerEpoch = Math.ceil(this.split.train.length / config.batchSize);
    // The TypeScript path's batch buffers; the WebAssembly trainer gathers batches in its own memory.
    const bufferRows = trainer ? 0 : config.batchSize;
    this.x = zeros(bufferRows, PIXELS);
    this.y = new Uint8Array(bufferRows);
    this.order = Int32Array.from(this.split.train);
    this.checkpoint = this.model.getWeights();
    const nVal = this.split.val.length;
    this.valDetail = rowDetail(nVal);
    this.beginEpoch();
  }

  /** True once every epoch of the config has run. */
  get done(): boolean {
    return this.epoch >= this.config.epochs;
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

  /** The learning rate of the next steps; it may change between epochs. */
  get lr(): number {
    return this.trainer ? this.trainer.lr : this.optimizer!.lr;
  }
  set lr(v: number) {
    if (this.trainer) this.trainer.lr = v;
    else this.optimizer!.lr = v;
  }

  /** The kernels and threads the run trains on. */
  get engine(): EngineReport {
    const t = this.trainer;
    return t
      ? { kernel: t.flavour === 'relaxed-simd' ? 'wasm-relaxed-simd' : 'wasm-simd', threads: t.threads, memoryBytes: t.memory.buffer.byteLength }
      : { kernel: 'js', threads: 1, memoryBytes: 0 };
  }

  /** Ends the run's helper threads, if any (the model stays usable). */
  dispose(): void {
    this.trainer?.dispose();
  }

  private beginEpoch(): void {
    if (this.config.shuffle) this.rng.shuffle(this.order);
    this.trainer?.setOrder(this.order);
    this.batch = 0;
    this.epochLoss = 0;
    this.epochCorrect = 0;
    this.epochSamples = 0;
    this.epochMs = 0;
  }

  /**
   * Runs up to `maxBatches` minibatches of the current epoch and returns how many ran.
   * Throws NonFiniteLossError (after rolling the weights back) if the loss stops being finite.
   */
  trainBatches(maxBatches: number): number {
    if (this.trainer) return this.trainBatchesWasm(maxBatches);
    const t0 = this.now();
    const { batchSize } = this.config;
    const n = this.order.length;
    let ran = 0;
    while (ran < maxBatches && this.batch < this.batchesPerEpoch) {
      const start = this.batch * batchSize;
      const end = Math.min(start + batchSize, n);
      gatherBatch(this.dataset, this.order, start, end, this.x, this.y);
      const loss = trainStep(this.model, this.lossFn, this.optimizer!, this.x, this.y);
      if (this.batch === 0) this.kernels = this.model.kernelPaths();
      if (!Number.isFinite(loss)) {
        this.model.setWeights(this.checkpoint);
        throw new NonFiniteLossError(this.epoch + 1, this.batch + 1, loss);
      }
      this.epochLoss += loss * (end - start);
      this.epochCorrect += this.lossFn.correct;
      this.epochSamples += end - start;
      this.batch++;
      ran++;
    }
    this.epochMs += this.now() - t0;
    return ran;
  }

  /** trainBatches on the WebAssembly trainer: the whole slice in one call. */
  private trainBatchesWasm(maxBatches: number): number {
    const t0 = this.now();
    const r = this.trainer!.runSlice(this.batch, Math.min(maxBatches, this.batchesPerEpoch - this.batch), this.epochLoss);
    if (this.batch === 0 && r.batches > 0) {
      this.kernels = this.model.kernelPaths().map((_, i) => (i === 0 && r.firstSparse ? 'wasm-sparse' : 'wasm-dense'));
    }
    this.epochLoss = r.lossSum;
    this.epochCorrect += r.correct;
    this.epochSamples += r.samples;
    this.batch += r.batches;
    this.epochMs += this.now() - t0;
    if (r.nonFiniteLoss !== null) {
      this.model.setWeights(this.checkpoint);
      throw new NonFiniteLossError(this.epoch + 1, this.batch + 1, r.nonFiniteLoss);
    }
    return r.batches;
  }

  /** Closes the epoch: measures the held-out rows, checkpoints the weights, and starts the next epoch. */
  finishEpoch(): EpochMetrics {
    if (!this.epochComplete) throw new Error(`finishEpoch: epoch ${this.epoch + 1} has ${this.batchesPerEpoch - this.batch} batches left`);
    const t0 = this.now();
    const val = this.split.val.length ? this.evaluate(this.split.val, this.dataset, this.valDetail) : null;
    const evalMs = this.now() - t0;
    this.lastVal = val;
    this.epoch++;
    const metrics: EpochMetrics = {
      epoch: this.epoch,
      trainLoss: this.epochLoss / this.epochSamples,
      trainAcc: this.epochCorrect / this.epochSamples,
      valLoss: val ? val.meanLoss : NaN,
      valAcc: val ? val.accuracy : NaN,
      epochMs: this.epochMs,
      evalMs,
      samplesPerSec: this.epochSamples / (this.epochMs / 1000),
    };
    if (val && !Number.isFinite(val.meanLoss)) {
      this.model.setWeights(this.checkpoint);
      throw new NonFiniteLossError(this.epoch, this.batchesPerEpoch, val.meanLoss);
    }
    this.checkpoint = this.model.getWeights();
    if (!this.done) this.beginEpoch();
    return metrics;
  }

  /**
   * Loss, accuracy and confusion matrix of the model on the given rows of a dataset (by default the
   * run's). With `keep`, also each row's loss, prediction and probabilities, in `indices` order.
   */
  evaluate(indices: Int32Array, dataset: Dataset = this.dataset, keep?: RowDetail): Evaluation {
    if (this.trainer && dataset === this.dataset) return evaluateRowsWasm(this.trainer, dataset, indices, keep);
    return evaluateRows(this.model, dataset, indices, keep, this.lossFn);
  }
}
