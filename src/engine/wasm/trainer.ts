/**
 * The WebAssembly trainer: an MLP's parameters, gradients, optimiser state, activation buffers and the
 * training data in one WebAssembly memory sized from the architecture, and the fused training step
 * (as/step.ts) run over it by one thread or several. The model's Linear layers hold views of this
 * memory as their W, b, dW and db, so everything that reads a model (evaluation, model files, the
 * errors panel) sees the trained values with no copy.
 *
 * Threads: thread 0 is the caller's. Helpers are started by the platform (a Web Worker in the page,
 * a worker_thread in Node: see SpawnHelper) and run helperLoop on the same shared memory; `ready`
 * settles once they run, and the thread count is fixed before the first batch, so the same seed,
 * settings, kernel flavour and thread count give the identical run. Different thread counts sum the
 * last layer's partial logits in a different order, and so differ in the last bits.
 */
import type { ActivationName } from '../activations';
import { type KernelPath, SPARSE_DENSITY } from '../linear';
import type { SliceResult } from '../step';
import type { OptimizerName } from '../optim';
import * as L from './layout';
import { type KernelModule, type WasmFlavour, kernelModule, sharedMemorySupported } from './modules';
import { type AugmentPlan, FIELD_VALUES, augmentCapacity } from '../../data/augment';

/** What a helper thread needs: it instantiates `module` on `memory` and calls helperLoop(ctx, tid). */
export interface HelperInit { module: WebAssembly.Module; memory: WebAssembly.Memory; ctx: number; tid: number }
/** Starts one helper thread; `started` resolves once it runs, and rejects if it cannot start. */
export type SpawnHelper = (init: HelperInit) => { started: Promise<void>; terminate(): void };

export interface TrainerSpec {
  /** Layer widths, inputs first: [784, 128, 10]. */
  widths: number[];
  activation: ActivationName;
  optimizer: OptimizerName;
  lr: number;
  weightDecay: number;
  momentum?: number;
  beta1?: number;
  beta2?: number;
  eps?: number;
  batchSize: number;
  /**
   * The dataset: `widths[0]` inputs a row, image bytes (fed as x / 255) or a table's prepared features
   * (fed as they are); and a target a row, a class (softmax cross-entropy) or a value (squared error,
   * one output).
   */
  inputs: Uint8Array | Float32Array;
  targets: Int32Array | Float32Array;
  /** Rows in an epoch's training order. */
  trainRows: number;
  /** Threads asked for; see threadsFor. */
  threads: number;
  /** Dropout rate after each hidden layer (absent or 0 for none), and the masks' seed. */
  dropout?: number[];
  dropoutSeed?: number;
  /** Rows of the staging area for augmented batches (0 or absent: the steps read the dataset). */
  stagingRows?: number;
  /** With staging rows: the elastic fields' Gaussian kernel G_σ and strength α, when the augmentation makes fields. */
  elastic?: { kernel: Float32Array; alpha: number } | null;
  /** Room for gradients with respect to the inputs (gradients()): explanations ask for them. */
  inputGradients?: boolean;
}

/** One layer's parameters and gradients, as views of the trainer's memory. */
export interface LayerViews { W: Float32Array; b: Float32Array; dW: Float32Array; db: Float32Array }

/** Rows the evaluation runs at a time (with the batch size, it sets the activation buffers' rows). */
export const EVAL_ROWS = 256;
const PAGE = 65536;

interface Exports {
  runSlice(ctx: number, first: number, count: number): number;
  runAugment(ctx: number): void;
  evaluate(ctx: number, idx: number, start: number, rows: number, losses: number): number;
  gradient(ctx: number, idx: number, start: number, rows: number, out: number, hidden: number): void;
  quit(ctx: number): void;
  heapBase(): number;
}

/**
 * The threads a model can use: one for softmax regression (no hidden layer to split), else the
 * request, at most MAX_THREADS; one where shared memory is unavailable (a page that is not
 * cross-origin isolated).
 */
export function threadsFor(widths: readonly number[], requested: number, shared = sharedMemorySupported()): number {
  if (widths.length < 3 || !shared) return 1;
  return Math.max(1, Math.min(L.MAX_THREADS, Math.floor(requested)));
}

/** One thread's buffers (byte offsets), as the context's thread table names them (layout.ts T_*). */
interface ThreadBuffers {
  /** f32 [rows cap, inputs]: the batch, normalised, when it runs dense. */
  X: number;
  /** The batch as CSR (i32 row pointers, i32 columns, f32 values), and its transpose. */
  rowPtr: number; colIdx: number; values: number;
  rowPtrT: number; colIdxT: number; valuesT: number;
  /** f32 [rows cap, classes]: logits, then probabilities, then dL/dlogits. */
  logits: number;
  /** f32: a helper's own gradient of every parameter, layer after layer, or thread 0's scratch (as/rows.ts); 0 on one thread. */
  grads: number;
}

/** Byte offsets laid out one after another, each 64-byte aligned (a cache line). */
class Planner {
  constructor(public top: number) {}
  take(bytes: number): number {
    const at = this.top;
    this.top = Math.ceil((at + bytes) / 64) * 64;
    return at;
  }
}

export class WasmTrainer {
  readonly memory: WebAssembly.Memory;
  readonly flavour: WasmFlavour;
  /** Threads the trainer is built for: the request until `ready` settles, then what started (see activeThreads). */
  threads: number;
  readonly layers: LayerViews[];
  /**
   * Each hidden layer's activations A [rows cap, width], as views: after evaluate(), its first rows are
   * the last chunk's (activations the evaluation computed, without dropout).
   */
  readonly activations: Float32Array[];
  /** Settles once the helper threads run (or, failing that, with the trainer down to one thread). */
  readonly ready: Promise<number>;
  readonly rowsCap: number;
  private readonly kernels: KernelModule;
  private readonly exports: Exports;
  private readonly ctx: number;
  private readonly i32: Int32Array;
  private readonly f32: Float32Array;
  private readonly f64: Float64Array;
  private readonly order: Int32Array;
  /**
   * The staging area for augmented batches: a caller writes rows here (pixels row after row, and
   * their labels) and trains on them with runStaged.
   */
  readonly staged: { pixels: Uint8Array; labels: Int32Array };
  /**
   * The dataset's rows in the trainer's memory (image bytes or float features, [rows, inputs]): a
   * caller may rewrite them between calls to evaluate rows of its own (forward.ts does, for grids).
   */
  readonly inputs: Uint8Array | Float32Array;
  private readonly stagedOrder: number;
  /** Where an Augmenter plans the staged rows' augmentation, for runAugment (views of the trainer's memory). */
  readonly augmentPlan: AugmentPlan;
  private readonly idx: Int32Array;
  private readonly losses: Float32Array;
  private readonly probs: Float32Array;
  /** The dataset's targets in the trainer's memory (a caller of gradients() writes each row's class here). */
  readonly targets: Int32Array | Float32Array;
  private readonly inputGrads: Float32Array | null;
  private readonly hiddenGrads: Float32Array | null;
  private helpers: { terminate(): void }[] = [];

  /** Null where WebAssembly SIMD (or, for threads, shared memory) is unavailable: use the JS engine. */
  static create(spec: TrainerSpec, spawn?: SpawnHelper): WasmTrainer | null {
    const threads = spawn ? threadsFor(spec.widths, spec.threads) : 1;
    const kernels = kernelModule(threads > 1);
    return kernels ? new WasmTrainer(kernels, spec, threads, spawn) : null;
  }

  private constructor(kernels: KernelModule, spec: TrainerSpec, threads: number, spawn?: SpawnHelper) {
    this.kernels = kernels;
    this.flavour = kernels.flavour;
    this.threads = threads;
    const { widths } = spec;
    const inputs = widths[0], classes = widths[widths.length - 1], nLayers = widths.length - 1;
    if (nLayers > L.MAX_LAYERS) throw new Error(`WasmTrainer: at most ${L.MAX_LAYERS} layers, got ${nLayers}`);
    const rows = spec.targets.length;
    const floats = spec.inputs instanceof Float32Array, regression = spec.targets instanceof Float32Array;
    if (spec.inputs.length !== rows * inputs) throw new Error(`WasmTrainer: ${spec.inputs.length} inputs for ${rows} rows of ${inputs}`);
    if (regression && classes !== 1) throw new Error(`WasmTrainer: a regression has 1 output, not ${classes}`);
    if (floats && (spec.stagingRows ?? 0) > 0) throw new Error('WasmTrainer: only image bytes are staged (augmented)');
    const cap = Math.max(spec.batchSize, EVAL_ROWS);
    this.rowsCap = cap;
    // Only image bytes take the sparse kernels: a table's features need no CSR buffers.
    const nnzCap = floats ? 0 : Math.ceil(cap * inputs * SPARSE_DENSITY) + 16;
    const slots = spec.optimizer === 'sgd' ? 0 : spec.optimizer === 'momentum' ? 1 : 2;
    const params = widths.slice(1).reduce((sum, n, l) => sum + (widths[l] + 1) * n, 0);

    // A throwaway instance on a one-page memory tells where the kernels' static data ends.
    const probe = new WebAssembly.Memory(kernels.shared ? { initial: 1, maximum: 1, shared: true } : { initial: 1 });
    const heapBase = (new WebAssembly.Instance(kernels.module, { env: { memory: probe } }).exports as unknown as Exports).heapBase();

    const plan = new Planner(Math.ceil(heapBase / 64) * 64);
    const ctx = plan.take(L.CONTEXT_SLOTS * 4);
    const staging = spec.stagingRows ?? 0;
    const fields = staging > 0 && !!spec.elastic, capacity = augmentCapacity(staging);
    const at = {
      pixels: plan.take(spec.inputs.byteLength), labels: plan.take(rows * 4), order: plan.take(spec.trainRows * 4), idx: plan.take(rows * 4),
      stagedPixels: plan.take(staging * inputs), stagedLabels: plan.take(staging * 4), stagedOrder: plan.take(staging * 4),
      // The augmentation of the staged rows (as/augment.ts): the rows' transforms, and the elastic fields' noise, pool and kernel.
      augDesc: plan.take(staging * L.AUG_DESC * 8), augEvents: plan.take(capacity.events * 4),
      augNoise: plan.take(fields ? capacity.events * FIELD_VALUES * 4 : 0), augPool: plan.take(fields ? capacity.entries * FIELD_VALUES * 4 : 0),
      augKernel: plan.take(fields ? spec.elastic!.kernel.byteLength : 0), augScratch: plan.take(staging > 0 ? threads * L.AUG_SCRATCH : 0),
      losses: plan.take(cap * 4), partials: plan.take(2 * threads * cap * classes * 4),
      inputGrads: plan.take(spec.inputGradients ? cap * inputs * 4 : 0),
      hiddenGrads: plan.take(spec.inputGradients && nLayers > 1 ? cap * widths[1] * 4 : 0),
      threads: Array.from({ length: threads }, (): ThreadBuffers => ({
        X: plan.take(cap * inputs * 4), rowPtr: plan.take((cap + 1) * 4), colIdx: plan.take(nnzCap * 4), values: plan.take(nnzCap * 4),
        rowPtrT: plan.take((inputs + 1) * 4), colIdxT: plan.take(nnzCap * 4), valuesT: plan.take(nnzCap * 4), logits: plan.take(cap * classes * 4),
        // A step on threads (as/rows.ts): each helper's own gradient of every parameter, thread 0's scratch.
        grads: threads > 1 ? plan.take(params * 4) : 0,
      })),
      layers: Array.from({ length: nLayers }, (_, l) => {
        const k = widths[l], n = widths[l + 1], hidden = l < nLayers - 1;
        // An image model's first layer on threads keeps W and dW in the threads' blocks too (as/first.ts).
        const blocked = l === 0 && hidden && threads > 1 && !floats;
        return {
          WB: blocked ? plan.take(k * n * 4) : 0, DWB: blocked ? plan.take(k * n * 4) : 0,
          W: plan.take(k * n * 4), b: plan.take(n * 4), dW: plan.take(k * n * 4), db: plan.take(n * 4),
          mW: slots >= 1 ? plan.take(k * n * 4) : 0, mb: slots >= 1 ? plan.take(n * 4) : 0,
          vW: slots >= 2 ? plan.take(k * n * 4) : 0, vb: slots >= 2 ? plan.take(n * 4) : 0,
          A: hidden ? plan.take(cap * n * 4) : 0, dZ: hidden ? plan.take(cap * n * 4) : 0,
        };
      }),
    };
    const pages = Math.ceil(plan.top / PAGE);
    this.memory = new WebAssembly.Memory(kernels.shared ? { initial: pages, maximum: pages, shared: true } : { initial: pages, maximum: pages });
    this.exports = new WebAssembly.Instance(kernels.module, { env: { memory: this.memory } }).exports as unknown as Exports;
    const buf = this.memory.buffer;
    this.ctx = ctx;
    this.i32 = new Int32Array(buf, ctx, L.CONTEXT_SLOTS);
    this.f32 = new Float32Array(buf, ctx, L.CONTEXT_SLOTS);
    this.f64 = new Float64Array(buf, ctx, L.CONTEXT_SLOTS / 2);
    const f32 = (p: number, n: number) => new Float32Array(buf, p, n);

    const c = this.i32, f = this.f32;
    c[L.C_LAYERS] = nLayers;
    // Until the helpers run, evaluate() takes every row on this thread (bit for bit the same result), so a
    // forward pass asked for at once (a decision map, a drawing) neither waits for them nor deadlocks.
    c[L.C_THREADS] = threads > 1 && spawn ? 1 : threads;
    c[L.C_BATCH] = spec.batchSize;
    c[L.C_ROWS_CAP] = cap;
    c[L.C_ACT] = { relu: L.ACT_RELU, sigmoid: L.ACT_SIGMOID, tanh: L.ACT_TANH }[spec.activation];
    c[L.C_OPT] = { sgd: L.OPT_SGD, momentum: L.OPT_MOMENTUM, adam: L.OPT_ADAM }[spec.optimizer];
    c[L.C_PIXELS] = c[L.C_TRAIN_PIXELS] = at.pixels;
    c[L.C_LABELS] = c[L.C_TRAIN_LABELS] = at.labels;
    c[L.C_ORDER] = at.order;
    c[L.C_DROP_SEED] = spec.dropoutSeed ?? 0;
    c[L.C_INPUTS] = inputs;
    c[L.C_CLASSES] = classes;
    c[L.C_PARTIALS] = at.partials;
    c[L.C_SPARSE_PER_MILLE] = Math.round(SPARSE_DENSITY * 1000);
    c[L.C_INPUT_KIND] = floats ? L.INPUT_F32 : L.INPUT_U8;
    c[L.C_LOSS] = regression ? L.LOSS_SQUARED : L.LOSS_SOFTMAX_CE;
    f[L.C_WD] = spec.weightDecay;
    f[L.C_MOMENTUM] = spec.momentum ?? 0.9;
    f[L.C_BETA1] = spec.beta1 ?? 0.9;
    f[L.C_BETA2] = spec.beta2 ?? 0.999;
    f[L.C_EPS] = spec.eps ?? 1e-8;
    this.lr = spec.lr;
    at.threads.forEach((b, t) => {
      const slot = (field: number, p: number) => { c[L.C_THREAD_TABLE + t * L.THREAD_SLOTS + field] = p; };
      slot(L.T_X, b.X); slot(L.T_ROW_PTR, b.rowPtr); slot(L.T_COL_IDX, b.colIdx); slot(L.T_VALUES, b.values);
      slot(L.T_ROW_PTR_T, b.rowPtrT); slot(L.T_COL_IDX_T, b.colIdxT); slot(L.T_VALUES_T, b.valuesT); slot(L.T_LOGITS, b.logits);
      slot(L.T_GRADS, b.grads);
    });
    this.layers = at.layers.map((a, l) => {
      const s = L.C_LAYER_TABLE + l * L.LAYER_SLOTS;
      const k = widths[l], n = widths[l + 1];
      c[s + L.L_IN] = k; c[s + L.L_OUT] = n;
      c[s + L.L_W] = a.W; c[s + L.L_B] = a.b; c[s + L.L_DW] = a.dW; c[s + L.L_DB] = a.db;
      c[s + L.L_MW] = a.mW; c[s + L.L_MB] = a.mb; c[s + L.L_VW] = a.vW; c[s + L.L_VB] = a.vb;
      c[s + L.L_A] = a.A; c[s + L.L_DZ] = a.dZ; c[s + L.L_WB] = a.WB; c[s + L.L_DWB] = a.DWB;
      f[s + L.L_DROP] = l < nLayers - 1 ? spec.dropout?.[l] ?? 0 : 0;
      return { W: f32(a.W, k * n), b: f32(a.b, n), dW: f32(a.dW, k * n), db: f32(a.db, n) };
    });
    this.activations = at.layers.slice(0, -1).map((a, l) => f32(a.A, cap * widths[l + 1]));
    this.inputs = floats ? new Float32Array(buf, at.pixels, rows * inputs) : new Uint8Array(buf, at.pixels, rows * inputs);
    this.inputs.set(spec.inputs);
    if (regression) new Float32Array(buf, at.labels, rows).set(spec.targets);
    else new Int32Array(buf, at.labels, rows).set(spec.targets);
    this.order = new Int32Array(buf, at.order, spec.trainRows);
    this.staged = { pixels: new Uint8Array(buf, at.stagedPixels, staging * inputs), labels: new Int32Array(buf, at.stagedLabels, staging) };
    this.stagedOrder = at.stagedOrder;
    this.augmentPlan = {
      desc: new Float64Array(buf, at.augDesc, staging * L.AUG_DESC), events: new Int32Array(buf, at.augEvents, capacity.events),
      noise: f32(at.augNoise, fields ? capacity.events * FIELD_VALUES : 0),
    };
    c[L.C_AUG_DESC] = at.augDesc; c[L.C_AUG_EVENTS] = at.augEvents; c[L.C_AUG_NOISE] = at.augNoise; c[L.C_AUG_POOL] = at.augPool;
    c[L.C_AUG_KERNEL] = at.augKernel; c[L.C_AUG_SCRATCH] = at.augScratch; c[L.C_AUG_OUT] = at.stagedPixels;
    if (fields) {
      f32(at.augKernel, spec.elastic!.kernel.length).set(spec.elastic!.kernel);
      c[L.C_AUG_TAPS] = spec.elastic!.kernel.length;
      this.f64[L.C_AUG_ALPHA / 2] = spec.elastic!.alpha;
    }
    new Int32Array(buf, at.stagedOrder, staging).forEach((_, i, a) => { a[i] = i; });
    this.idx = new Int32Array(buf, at.idx, rows);
    this.losses = f32(at.losses, cap);
    this.probs = f32(at.threads[0].logits, cap * classes);
    this.targets = regression ? new Float32Array(buf, at.labels, rows) : new Int32Array(buf, at.labels, rows);
    this.inputGrads = spec.inputGradients ? f32(at.inputGrads, cap * inputs) : null;
    this.hiddenGrads = spec.inputGradients && nLayers > 1 ? f32(at.hiddenGrads, cap * widths[1]) : null;

    this.ready = threads > 1 && spawn ? this.startHelpers(spawn) : Promise.resolve(threads);
  }

  /** Starts threads − 1 helpers; if any fails to start, the trainer goes on with one thread. */
  private async startHelpers(spawn: SpawnHelper): Promise<number> {
    const handles = Array.from({ length: this.threads - 1 }, (_, i) =>
      spawn({ module: this.kernels.module, memory: this.memory, ctx: this.ctx, tid: i + 1 }));
    this.helpers = handles;
    try {
      await Promise.all(handles.map((h) => h.started));
      // Disposed meanwhile: its helpers are gone, so it stays on one thread.
      if (this.helpers.length > 0) this.i32[L.C_THREADS] = this.threads;
    } catch {
      this.stopHelpers();
      this.threads = 1;
    }
    return this.threads;
  }

  /**
   * Threads the kernels run on now: one while the helpers start (evaluate() and gradients() take every
   * row on this thread; training waits for `ready`), then `threads`; one again after dispose().
   */
  get activeThreads(): number {
    return this.i32[L.C_THREADS];
  }

  /** The learning rate η of the next steps (the kernels take it as an f32). */
  get lr(): number {
    return this.learningRate;
  }
  set lr(v: number) {
    this.learningRate = v;
    this.f32[L.C_LR] = v;
  }
  private learningRate = 0;

  /**
   * Whether every dW is written. The first layer's sparse update uses its gradient in registers and,
   * unless this is set, does not store it (its dW view then holds stale values).
   */
  get keepGradients(): boolean {
    return this.i32[L.C_KEEP_GRADS] === 1;
  }
  set keepGradients(on: boolean) {
    this.i32[L.C_KEEP_GRADS] = on ? 1 : 0;
  }

  /** Optimiser steps taken so far (Adam's t). */
  get steps(): number {
    return this.i32[L.C_STEPS];
  }

  /** Sets the training order of the epoch (row numbers of the dataset). */
  setOrder(order: ArrayLike<number>): void {
    if (order.length !== this.order.length) throw new Error(`setOrder: ${order.length} rows, the trainer was built for ${this.order.length}`);
    this.order.set(order);
    this.i32[L.C_N_ORDER] = order.length;
  }

  /**
   * Trains batches first .. first+count of the epoch's order (batch b is rows b·batch ..), stopping at
   * a non-finite loss without applying it. Call only once `ready` has settled when threads > 1.
   * Each batch's loss × rows is added to `lossSum` in float64, in batch order, so an epoch's sum is the
   * same however it is sliced.
   */
  runSlice(first: number, count: number, lossSum = 0): SliceResult {
    // The same seed and thread count give the same run only if every batch runs on all the threads.
    if (this.activeThreads !== this.threads) throw new Error('WasmTrainer: training before its helper threads run (await ready)');
    this.f64[L.C_LOSS_SUM / 2] = lossSum;
    const batches = this.exports.runSlice(this.ctx, first, count);
    const c = this.i32;
    return {
      batches,
      lossSum: this.f64[L.C_LOSS_SUM / 2],
      correct: c[L.C_CORRECT],
      absErrorSum: this.f64[L.C_ABS_SUM / 2],
      samples: c[L.C_SAMPLES],
      nonFiniteLoss: c[L.C_NONFINITE] ? this.f64[L.C_BAD_LOSS / 2] : null,
      kernels: batches > 0 ? this.layers.map((_, i): KernelPath => (i === 0 && c[L.C_FIRST_SPARSE] === 1 ? 'wasm-sparse' : 'wasm-dense')) : null,
    };
  }

  /**
   * Trains on the first `rows` staged rows, in order, batch after batch (the last may be short), as
   * runSlice does on the epoch's order; the step count and loss sum go on across calls.
   */
  runStaged(rows: number, lossSum = 0): SliceResult {
    if (rows > this.staged.labels.length) throw new Error(`runStaged: ${rows} rows, the staging area holds ${this.staged.labels.length}`);
    const c = this.i32, saved = [c[L.C_ORDER], c[L.C_N_ORDER]];
    c[L.C_TRAIN_PIXELS] = this.staged.pixels.byteOffset;
    c[L.C_TRAIN_LABELS] = this.staged.labels.byteOffset;
    c[L.C_ORDER] = this.stagedOrder;
    c[L.C_N_ORDER] = rows;
    try {
      return this.runSlice(0, Math.ceil(rows / c[L.C_BATCH]), lossSum);
    } finally {
      [c[L.C_ORDER], c[L.C_N_ORDER]] = saved;
      c[L.C_TRAIN_PIXELS] = c[L.C_PIXELS];
      c[L.C_TRAIN_LABELS] = c[L.C_LABELS];
    }
  }

  /**
   * Augments a plan of `rows` staged rows with `events` fresh elastic fields (Augmenter.plan wrote it
   * into augmentPlan) on every thread: staged pixel row r from dataset row desc[r].D_SRC.
   */
  runAugment(rows: number, events: number): void {
    if (rows > this.staged.labels.length) throw new Error(`runAugment: ${rows} rows, the staging area holds ${this.staged.labels.length}`);
    this.i32[L.C_AUG_ROWS] = rows;
    this.i32[L.C_AUG_N_EVENTS] = events;
    this.exports.runAugment(this.ctx);
  }

  /**
   * Forward and loss of the given rows of the trainer's dataset, on every thread (each its share of a
   * chunk's rows, bit for bit as one thread computes them), EVAL_ROWS... at a time:
   * `sink(start, rows, outputs, losses)` gets each chunk's softmax probabilities [rows, classes] (or a
   * regression's outputs [rows, 1]) and per-row losses (views valid during the call).
   */
  evaluate(indices: ArrayLike<number>, sink: (start: number, rows: number, outputs: Float32Array, losses: Float32Array) => void): void {
    this.eachChunk(indices, (start, rows) => {
      this.exports.evaluate(this.ctx, this.idx.byteOffset, start, rows, this.losses.byteOffset);
      sink(start, rows, this.probs, this.losses);
    });
  }

  /** Puts `indices` where the kernels read them and calls `run` for each chunk of at most rowsCap of them. */
  private eachChunk(indices: ArrayLike<number>, run: (start: number, rows: number) => void): void {
    this.idx.set(indices);
    for (let start = 0; start < indices.length; start += this.rowsCap) run(start, Math.min(this.rowsCap, indices.length - start));
  }

  /**
   * The gradient of a class's score z_c (its logit before the softmax, or a regression's output) with
   * respect to the inputs, for the given rows of the dataset, on every thread (each its share of a
   * chunk's rows): c is the row's class in `targets`, or its largest logit where that is −1 (as/explain.ts).
   * `sink(start, rows, logits, gradients, hidden)` gets each chunk's logits [rows, classes], ∂z_c/∂x
   * [rows, inputs] and ∂z_c/∂a of the first hidden layer [rows, width] (null without one); the hidden
   * layers' activations are in `activations`. Views valid during the call. Needs `inputGradients`.
   */
  gradients(indices: ArrayLike<number>, sink: (start: number, rows: number, logits: Float32Array, gradients: Float32Array, hidden: Float32Array | null) => void): void {
    const out = this.inputGrads;
    if (!out) throw new Error('WasmTrainer: built without room for input gradients');
    this.eachChunk(indices, (start, rows) => {
      this.exports.gradient(this.ctx, this.idx.byteOffset, start, rows, out.byteOffset, this.hiddenGrads?.byteOffset ?? 0);
      sink(start, rows, this.probs, out, this.hiddenGrads);
    });
  }

  /**
   * Ends the helpers; evaluate() and gradients() go on with one thread (they would otherwise wait for
   * them forever), and runSlice() refuses. `threads` keeps the count the trainer was built for.
   */
  private stopHelpers(): void {
    if (this.helpers.length === 0) return;
    this.exports.quit(this.ctx);
    for (const h of this.helpers) h.terminate();
    this.helpers = [];
    this.i32[L.C_THREADS] = 1;
  }

  /** Ends the helper threads; the views stay readable. */
  dispose(): void {
    this.stopHelpers();
  }
}
