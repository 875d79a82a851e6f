/**
 * The engine a run trains on, behind one interface, so that the run's loop (run.ts) is written once
 * (PyTorch's device-agnostic modules, tinygrad's one Tensor over many backends):
 * - backend-wasm.ts: the WebAssembly trainer: SIMD kernels over one memory, on one or more threads;
 * - backend-ts.ts: the TypeScript layers: the readable engine, and the oracle of the other.
 * Both hold the model, its optimiser and the dataset's rows; both train slices of minibatches of an
 * epoch's order and evaluate rows without training, and give the same answers up to the last bits.
 */
import type { Augmenter } from '../data/augment';
import type { Matrix } from '../engine/matrix';
import type { MlpSpec } from '../engine/mlp';
import type { OptimizerName } from '../engine/optim';
import type { Rng } from '../engine/rng';
import type { Sequential } from '../engine/sequential';
import type { SliceResult } from '../engine/step';
import type { SpawnHelper } from '../engine/wasm/trainer';
import type { Dataset } from '../data/dataset';
import { TsBackend } from './backend-ts';
import { WasmBackend } from './backend-wasm';

export type { SliceResult } from '../engine/step';

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

/** What a backend is built for: the rows it trains on, the model and its optimiser. */
export interface BackendSpec {
  dataset: Dataset;
  mlp: MlpSpec;
  optimizer: OptimizerName;
  lr: number;
  weightDecay: number;
  batchSize: number;
  /** Rows in an epoch's training order. */
  trainRows: number;
  /** Threads asked for (the WebAssembly trainer may run fewer). */
  threads: number;
  /** The run's augmentation draws, null when it does not augment; its maxRows are the staging area's rows. */
  augmenter: Augmenter | null;
}

/**
 * Receives an evaluation chunk: rows start .. start+rows of the rows asked for, their softmax
 * probabilities [rows, classes] (a regression's outputs [rows, 1]) and per-row losses (views, valid
 * during the call).
 */
export type EvalSink = (start: number, rows: number, probs: Float32Array, losses: Float32Array) => void;

export interface Backend {
  /** The model it trains (on the WebAssembly trainer, its parameters are views of the trainer's memory). */
  readonly model: Sequential;
  /** The kernels and threads it trains on (threads as started once `ready` settles). */
  readonly engine: EngineReport;
  /** Settles once its threads run (at once with one); train only after it. */
  readonly ready: Promise<number>;
  /** The learning rate of the next steps. */
  lr: number;
  /** Optimiser steps taken so far (Adam's t; the dropout masks' key). */
  readonly steps: number;
  /** Keep every dW of the next steps (the fused sparse update of the first layer skips writing it otherwise). */
  keepGradients: boolean;
  /** Sets the epoch's training order (row numbers of the dataset). */
  setOrder(order: Int32Array): void;
  /**
   * Trains batches first .. first+count of the order (batch b is rows b·B ..; the last may be short),
   * adding each batch's mean loss × rows to lossSum in order; stops before applying a non-finite loss.
   */
  train(first: number, count: number, lossSum: number): SliceResult;
  /** Where the run writes augmented rows (image bytes, labels) to train on; null when it does not augment. */
  readonly staged: { pixels: Uint8Array; labels: Int32Array } | null;
  /** Augments rows order[start .. end) of the dataset (at most the staging rows) into the staging area's pixels, with the augmenter's next draws. */
  augmentStaged(order: ArrayLike<number>, start: number, end: number): void;
  /** As train(), on the first `rows` staged rows in order. */
  trainStaged(rows: number, lossSum: number): SliceResult;
  /** Forward and loss of rows of the dataset (labeled), without training or dropout, chunk by chunk. */
  evaluate(rows: ArrayLike<number>, sink: EvalSink): void;
  /** Every layer's outputs on a few rows (at most a chunk), without dropout: each hidden activation, then the logits. */
  layerOutputs(rows: Int32Array): Matrix[];
  /** Ends its helper threads (the model stays readable). */
  dispose(): void;
}

/** The WebAssembly trainer where it runs (and the run did not ask for the TypeScript kernels), else the TypeScript layers. */
export function createBackend(spec: BackendSpec, rng: Rng, engine: RunEngine): Backend {
  return (engine.kernels === 'js' ? null : WasmBackend.create(spec, rng, engine.spawn)) ?? new TsBackend(spec, rng);
}
