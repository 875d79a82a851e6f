import { type Loss, SoftmaxCrossEntropy, SquaredError } from '../engine/loss';
import { type Matrix, resizeRows, zeros } from '../engine/matrix';
import { buildMlp } from '../engine/mlp';
import { Optimizer } from '../engine/optim';
import type { Rng } from '../engine/rng';
import type { Sequential } from '../engine/sequential';
import { type SliceResult, trainStep } from '../engine/step';
import { gatherBatch } from '../data/batch';
import type { Dataset } from '../data/dataset';
import { outputSize } from '../data/schema';
import { imageBytes } from '../data/digits';
import { normalizePixels } from '../data/normalize';
import type { Backend, BackendSpec, EngineReport, EvalSink } from './backend';

/** Rows evaluated per forward pass; only memory, not results, depend on it. */
export const EVAL_BATCH = 512;

/**
 * The TypeScript backend: the engine's readable layers (Linear, activations, dropout), loss (softmax
 * cross-entropy, or a regression's squared error) and optimiser, one minibatch at a time
 * (engine/step.ts). The oracle of the WebAssembly trainer, and the fallback where WebAssembly SIMD
 * does not run.
 */
export class TsBackend implements Backend {
  readonly model: Sequential;
  readonly engine: EngineReport = { kernel: 'js', threads: 1, memoryBytes: 0 };
  readonly ready = Promise.resolve(1);
  readonly staged: { pixels: Uint8Array; labels: Int32Array } | null;
  private readonly optimizer: Optimizer;
  private readonly lossFn: Loss;
  private order: Int32Array = new Int32Array(0);
  /** The batch, and the evaluation chunk: buffers allocated once. */
  private readonly x: Matrix;
  private readonly y: Int32Array | Float32Array;
  private readonly evalX: Matrix;
  private readonly evalY: Int32Array | Float32Array;
  private readonly evalLosses = new Float32Array(EVAL_BATCH);

  constructor(private readonly spec: BackendSpec, rng: Rng) {
    this.model = buildMlp(spec.mlp, rng);
    this.optimizer = new Optimizer(spec.optimizer, this.model.params(), { lr: spec.lr, weightDecay: spec.weightDecay });
    const { dataset } = spec, w = dataset.schema.inputSize;
    this.lossFn = lossFor(dataset);
    this.x = zeros(spec.batchSize, w);
    this.y = targetBuffer(dataset, spec.batchSize);
    this.evalX = zeros(EVAL_BATCH, w);
    this.evalY = targetBuffer(dataset, EVAL_BATCH);
    const staging = spec.augmenter?.maxRows ?? 0;
    this.staged = staging > 0 ? { pixels: new Uint8Array(staging * w), labels: new Int32Array(staging) } : null;
  }

  get lr(): number {
    return this.optimizer.lr;
  }
  set lr(v: number) {
    this.optimizer.lr = v;
  }

  get steps(): number {
    return this.optimizer.steps;
  }

  /** Every dW is written by each backward here. */
  keepGradients = false;

  setOrder(order: Int32Array): void {
    this.order = order;
  }

  train(first: number, count: number, lossSum: number): SliceResult {
    const { dataset, batchSize } = this.spec;
    const n = this.order.length;
    return this.runSteps(count, lossSum, (b) => {
      const start = (first + b) * batchSize;
      if (start >= n) return 0;
      const end = Math.min(start + batchSize, n);
      gatherBatch(dataset, this.order, start, end, this.x, this.y);
      return end - start;
    });
  }

  augmentStaged(order: ArrayLike<number>, start: number, end: number): void {
    this.spec.augmenter!.augmentRows(imageBytes(this.spec.dataset), order, start, end, this.staged!.pixels, 0);
  }

  trainStaged(rows: number, lossSum: number): SliceResult {
    const staged = this.staged!, B = this.spec.batchSize, w = this.x.cols;
    return this.runSteps(Math.ceil(rows / B), lossSum, (b) => {
      const start = b * B, n = Math.min(B, rows - start);
      normalizePixels(staged.pixels, start * w, resizeRows(this.x, n).data, 0, n * w);
      this.y.set(staged.labels.subarray(start, start + n));
      return n;
    });
  }

  /**
   * Up to `count` steps, each on the batch `fill(b)` puts in x and y (returning its rows, 0 past the
   * end): the dropout masks keyed by the step about to be taken, as the WebAssembly step keys them.
   */
  private runSteps(count: number, lossSum: number, fill: (b: number) => number): SliceResult {
    const result: SliceResult = { batches: 0, lossSum, correct: 0, absErrorSum: 0, samples: 0, nonFiniteLoss: null, kernels: null };
    const dropouts = this.model.dropouts();
    this.model.train(true);
    try {
      for (let b = 0; b < count; b++) {
        const rows = fill(b);
        if (rows === 0) break;
        for (const d of dropouts) d.step = this.optimizer.steps + 1;
        const loss = trainStep(this.model, this.lossFn, this.optimizer, this.x, this.y);
        if (b === 0) result.kernels = this.model.kernelPaths();
        if (!Number.isFinite(loss)) {
          result.nonFiniteLoss = loss;
          break;
        }
        result.lossSum += loss * rows;
        result.correct += this.lossFn.correct;
        result.absErrorSum += this.lossFn.absErrorSum;
        result.samples += rows;
        result.batches++;
      }
    } finally {
      this.model.train(false);
    }
    return result;
  }

  evaluate(rows: ArrayLike<number>, sink: EvalSink): void {
    evaluateModel(this.model, this.spec.dataset, rows, sink, this.lossFn, this.evalX, this.evalY, this.evalLosses);
  }

  layerOutputs(rows: Int32Array): Matrix[] {
    gatherBatch(this.spec.dataset, rows, 0, rows.length, this.evalX, null);
    // Layer-owned buffers, valid until the next forward.
    const outputs: Matrix[] = [];
    let h = this.evalX;
    for (const layer of this.model.layers) {
      h = layer.forward(h);
      if (layer.kind === 'relu' || layer.kind === 'sigmoid' || layer.kind === 'tanh') outputs.push(h);
    }
    outputs.push(h);
    return outputs;
  }

  dispose(): void {}
}

/** The loss a dataset's targets take: softmax cross-entropy over its classes, or squared error. */
export function lossFor(ds: Dataset): Loss {
  return ds.schema.target.task === 'regression' ? new SquaredError(1) : new SoftmaxCrossEntropy(outputSize(ds.schema));
}

/** A batch's target buffer of the dataset's kind: classes (i32) or values (f32). */
const targetBuffer = (ds: Dataset, rows: number): Int32Array | Float32Array => (ds.y instanceof Float32Array ? new Float32Array(rows) : new Int32Array(rows));

/**
 * Forward and loss of rows of a labeled dataset through a model's TypeScript layers, EVAL_BATCH rows
 * at a time, for any model (a run's, or one loaded from a file). Buffers may be given to reuse.
 */
export function evaluateModel(
  model: Sequential, dataset: Dataset, rows: ArrayLike<number>, sink: EvalSink,
  lossFn = lossFor(dataset), x = zeros(EVAL_BATCH, dataset.schema.inputSize), y = targetBuffer(dataset, EVAL_BATCH),
  losses: Float32Array = new Float32Array(EVAL_BATCH),
): void {
  for (let start = 0; start < rows.length; start += EVAL_BATCH) {
    const end = Math.min(start + EVAL_BATCH, rows.length);
    gatherBatch(dataset, rows, start, end, x, y);
    lossFn.forward(model.forward(x), y, losses);
    sink(start, end - start, lossFn.probs.data, losses);
  }
}
