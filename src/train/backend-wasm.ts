import { buildMlp } from '../engine/mlp';
import { type Matrix, resizeRows, zeros } from '../engine/matrix';
import { gatherBatch } from '../data/batch';
import type { Augmenter } from '../data/augment';
import type { Dataset } from '../data/dataset';
import type { Rng } from '../engine/rng';
import type { Sequential } from '../engine/sequential';
import type { SliceResult } from '../engine/step';
import { type SpawnHelper, WasmTrainer } from '../engine/wasm/trainer';
import { Linear } from '../engine/linear';
import type { Backend, BackendSpec, EngineReport, EvalSink } from './backend';

/**
 * The WebAssembly backend: the trainer (engine/wasm/trainer.ts) holds the model, its optimiser state,
 * its buffers and the dataset's rows in one memory, and runs each slice of steps in one call, on one
 * thread or several. The model's Linear layers are views of that memory.
 */
export class WasmBackend implements Backend {
  readonly model: Sequential;
  readonly ready: Promise<number>;

  /** Null where WebAssembly SIMD (or, for threads, shared memory) is unavailable. */
  static create(spec: BackendSpec, rng: Rng, spawn?: SpawnHelper): WasmBackend | null {
    const { dataset, mlp } = spec;
    const trainer = WasmTrainer.create({
      widths: [mlp.inputSize, ...mlp.hidden, mlp.outputSize], activation: mlp.activation, optimizer: spec.optimizer, lr: spec.lr,
      weightDecay: spec.weightDecay, batchSize: spec.batchSize, inputs: dataset.x, targets: dataset.y!,
      trainRows: spec.trainRows, threads: spec.threads, dropout: mlp.dropout, dropoutSeed: mlp.dropoutSeed, stagingRows: spec.augmenter?.maxRows ?? 0,
      elastic: spec.augmenter?.elasticFields ? { kernel: spec.augmenter.kernel, alpha: spec.augmenter.spec.elasticAlpha } : null,
    }, spawn);
    return trainer ? new WasmBackend(trainer, spec, rng) : null;
  }

  /** The probe's rows when the model has no hidden layer (grown on first use). */
  private readonly probeX: Matrix;
  private readonly dataset: Dataset;

  private constructor(private readonly trainer: WasmTrainer, spec: BackendSpec, rng: Rng) {
    this.dataset = spec.dataset;
    this.probeX = zeros(0, spec.mlp.inputSize);
    this.model = buildMlp(spec.mlp, rng, (i) => trainer.layers[i]);
    this.ready = trainer.ready;
    this.staged = spec.augmenter ? trainer.staged : null;
    this.augmenter = spec.augmenter;
  }

  private readonly augmenter: Augmenter | null;

  readonly staged: { pixels: Uint8Array; labels: Int32Array } | null;

  get engine(): EngineReport {
    const t = this.trainer;
    return { kernel: t.flavour === 'relaxed-simd' ? 'wasm-relaxed-simd' : 'wasm-simd', threads: t.threads, memoryBytes: t.memory.buffer.byteLength };
  }

  get lr(): number {
    return this.trainer.lr;
  }
  set lr(v: number) {
    this.trainer.lr = v;
  }

  get steps(): number {
    return this.trainer.steps;
  }

  get keepGradients(): boolean {
    return this.trainer.keepGradients;
  }
  set keepGradients(on: boolean) {
    this.trainer.keepGradients = on;
  }

  setOrder(order: Int32Array): void {
    this.trainer.setOrder(order);
  }

  train(first: number, count: number, lossSum: number): SliceResult {
    return this.trainer.runSlice(first, count, lossSum);
  }

  /** The draws here, the arithmetic on every thread of the trainer (as/augment.ts). */
  augmentStaged(order: ArrayLike<number>, start: number, end: number): void {
    const events = this.augmenter!.plan(order, start, end, this.trainer.augmentPlan);
    this.trainer.runAugment(end - start, events);
  }

  trainStaged(rows: number, lossSum: number): SliceResult {
    return this.trainer.runStaged(rows, lossSum);
  }

  evaluate(rows: ArrayLike<number>, sink: EvalSink): void {
    this.trainer.evaluate(rows, sink);
  }

  /**
   * One evaluation pass, whose activation buffers then hold every hidden layer's outputs; the logits
   * are the last of them times the last W (softmax regression has no activations to keep: its
   * logits come from the model's one Linear layer).
   */
  layerOutputs(rows: Int32Array): Matrix[] {
    const n = rows.length, t = this.trainer;
    const linears = this.model.layers.filter((l): l is Linear => l instanceof Linear);
    if (linears.length === 1) return [linears[0].forward(gatherBatch(this.dataset, rows, 0, n, resizeRows(this.probeX, n), null))];
    t.evaluate(rows, () => {}); // n ≤ the trainer's chunk: one pass
    const outputs: Matrix[] = linears.slice(1).map((l, h) => ({ rows: n, cols: l.inFeatures, data: t.activations[h] }));
    outputs.push(linears[linears.length - 1].forward(outputs[outputs.length - 1]));
    return outputs;
  }

  dispose(): void {
    this.trainer.dispose();
  }
}
