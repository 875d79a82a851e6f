import { ACTIVATION_NAMES, type ActivationName } from '../activations';
import { Linear } from '../linear';
import type { Sequential } from '../sequential';
import { type SpawnHelper, WasmTrainer } from './trainer';

/** Rows the forward pass runs at a time: its activation buffers stay in cache (one batch of all 10,000 points took 1.2x as long, and 1.5x when cold). */
const CHUNK_ROWS = 2048;

/** A Linear layer's parameters: W [in, out] row-major, b [out]. */
export interface LayerParams { W: Float32Array; b: Float32Array }

/**
 * Receives a chunk of the forward pass: rows start .. start+rows, their outputs [rows, out] (softmax
 * probabilities, or a regression's values) and each hidden layer's activations [rows, width]; views
 * valid during the call.
 */
export type ForwardSink = (start: number, rows: number, outputs: Float32Array, activations: Float32Array[]) => void;

/**
 * Receives a chunk of a gradient pass: rows start .. start+rows, the class c differentiated for each
 * [rows] (0, a regression's one output, where there are no classes), their logits [rows, outputs]
 * (before any softmax), ∂z_c/∂x [rows, inputs], each hidden layer's activations [rows, width] and
 * ∂z_c/∂a of the first hidden layer [rows, width₀] (null without one); views valid during the call.
 */
export type GradientSink = (
  start: number, rows: number, classes: Int32Array | null, logits: Float32Array, gradients: Float32Array, activations: Float32Array[], hidden: Float32Array | null,
) => void;

/**
 * Forward passes of a model's weights over rows of one's own (a grid of points over a plane, not a
 * dataset), on the WebAssembly kernels: a trainer that never trains, whose dataset is a buffer of
 * `capacity` float rows the caller fills. The same evaluation kernels as training's held-out pass, so
 * a map of the model agrees with its metrics; on `threads` threads (helpers of its own) when `spawn`
 * can start them, each its share of a chunk's rows (bit for bit the one-thread result; one thread
 * until they run, and where shared memory is unavailable). Null where WebAssembly SIMD is unavailable.
 *
 *   A₀ = X [n, widths[0]];  Aₗ = f(Aₗ₋₁ · Wₗ + bₗ);  outputs = softmax(A_{L−1} · W_L + b_L)  (or the linear output of a regression)
 */
export class WasmForward {
  /** Rows to fill before run(): [capacity, widths[0]]. */
  readonly inputs: Float32Array;
  /** 0 .. capacity − 1: the rows evaluate() is asked for. */
  private readonly rows: Int32Array;

  private constructor(private readonly trainer: WasmTrainer, readonly capacity: number) {
    this.inputs = trainer.inputs as Float32Array;
    this.rows = Int32Array.from({ length: capacity }, (_, i) => i);
  }

  /** Threads run() and gradients() run on now: one until the helpers run (the kernels' own count). */
  get threads(): number {
    return this.trainer.activeThreads;
  }

  /** `inputGradients`: room for gradients(), the explanations' backward pass. */
  static create(widths: number[], activation: ActivationName, regression: boolean, capacity: number, threads = 1, spawn?: SpawnHelper, inputGradients = false): WasmForward | null {
    const trainer = WasmTrainer.create({
      widths, activation, optimizer: 'sgd', lr: 0, weightDecay: 0, batchSize: Math.min(CHUNK_ROWS, capacity),
      inputs: new Float32Array(capacity * widths[0]), targets: regression ? new Float32Array(capacity) : new Int32Array(capacity),
      trainRows: 0, threads, inputGradients,
    }, threads > 1 ? spawn : undefined);
    return trainer ? new WasmForward(trainer, capacity) : null;
  }

  /** Settles with the thread count once the helper threads run. */
  get ready(): Promise<number> {
    return this.trainer.ready;
  }

  /** Ends the helper threads. */
  dispose(): void {
    this.trainer.dispose();
  }

  /** Copies a model's parameters in (every Linear layer's W and b, first to last). */
  setWeights(layers: LayerParams[]): void {
    if (layers.length !== this.trainer.layers.length) throw new Error(`WasmForward: ${layers.length} layers for a model of ${this.trainer.layers.length}`);
    layers.forEach((l, i) => {
      this.trainer.layers[i].W.set(l.W);
      this.trainer.layers[i].b.set(l.b);
    });
  }

  /** The forward pass of the first `n` rows of `inputs`, chunk by chunk into `sink`. */
  run(n: number, sink: ForwardSink): void {
    if (n > this.capacity) throw new Error(`WasmForward: ${n} rows, room for ${this.capacity}`);
    const t = this.trainer;
    t.evaluate(this.rows.subarray(0, n), (start, count, outputs) => sink(start, count, outputs, t.activations));
  }

  /**
   * The gradient of class c's score z_c (its logit, or a regression's output) with respect to the first
   * `n` rows of `inputs`, chunk by chunk into `sink`: c = classes[r], or the row's largest logit (the
   * predicted class) without `classes` or where classes[r] = −1. Needs `inputGradients`.
   *   ∂z_c/∂x = (…((e_c · W_Lᵀ) ⊙ f'(A_{L−1})) · … ⊙ f'(A_0)) · W_0ᵀ
   */
  gradients(n: number, classes: ArrayLike<number> | null, sink: GradientSink): void {
    if (n > this.capacity) throw new Error(`WasmForward: ${n} rows, room for ${this.capacity}`);
    const t = this.trainer, targets = t.targets, k = t.layers[t.layers.length - 1].b.length;
    const labels = targets instanceof Int32Array ? targets : null;
    if (labels) {
      for (let r = 0; r < n; r++) {
        const c = classes ? classes[r] : -1;
        if (!Number.isInteger(c) || c < -1 || c >= k) throw new Error(`WasmForward: no class ${c} (the model has ${k})`);
        labels[r] = c;
      }
    }
    // The kernels write the class they chose into the labels (as/explain.ts), so the sink reads it there.
    t.gradients(this.rows.subarray(0, n), (start, count, logits, gradients, hidden) =>
      sink(start, count, labels && labels.subarray(start, start + count), logits, gradients, t.activations, hidden));
  }
}

/** How forward passes may use threads: `spawn` starts a helper, `threads()` says how many to run on now (as many as the current run trains on). */
export interface ForwardThreads { spawn: SpawnHelper; threads: () => number }

/**
 * The forward pass for a model's shape (its widths, hidden activation and kind of output, the rows
 * held, the threads), made again only when that changes (the old one's helper threads ended), with the
 * model's current weights copied in on every call, so it always speaks of the model as it is now.
 * Null where WebAssembly SIMD is unavailable.
 */
export class ForwardCache {
  private forward: WasmForward | null = null;
  private key = '';

  /** Without `threading`, one thread; `inputGradients`: forward passes with room for gradients(). */
  constructor(private readonly threading?: ForwardThreads, private readonly inputGradients = false) {}

  for(model: Sequential, regression: boolean, capacity: number): WasmForward | null {
    const threads = this.threading?.threads() ?? 1;
    const linears = model.layers.filter((l): l is Linear => l instanceof Linear);
    const widths = [model.inputSize, ...linears.map((l) => l.outFeatures)];
    const act = (model.layers.find((l) => (ACTIVATION_NAMES as readonly string[]).includes(l.kind))?.kind ?? 'relu') as ActivationName;
    const key = JSON.stringify([widths, act, regression, capacity, threads]);
    if (key !== this.key) {
      this.key = key;
      this.forward?.dispose();
      this.forward = WasmForward.create(widths, act, regression, capacity, threads, this.threading?.spawn, this.inputGradients);
    }
    this.forward?.setWeights(linears.map((l) => ({ W: l.W.data, b: l.b })));
    return this.forward;
  }

  /** Threads the last forward pass made runs on now (one before any). */
  get threads(): number {
    return this.forward?.threads ?? 1;
  }

  /** Ends the forward pass's helper threads (a later call makes it again). */
  dispose(): void {
    this.forward?.dispose();
    this.forward = null;
    this.key = '';
  }
}
