/**
 * The only contract between the UI and the training worker: commands (verbs) go in, events (facts)
 * come out. Types only, no logic. Every switch over these unions is exhaustive.
 */
import type { SplitMode } from '../data/split';
import type { KernelPath } from '../engine/linear';
import type { LayerSummary } from '../engine/sequential';
import type { TrainConfig } from '../train/config';
import type { EngineReport, EpochMetrics } from '../train/run';
import type { EpochHealth } from '../train/health';
import type { Hint } from '../train/hints';

/**
 * A loaded file's role: labeled rows train; unlabeled rows (Kaggle test.csv) are for predictions; a
 * labeled file loaded as the test set is only ever evaluated, apart from the validation split.
 */
export type DatasetRole = 'train' | 'predict' | 'test';

/** Why the current model predicts what it does for one image (explain.ts). */
export interface Explanation {
  /** The image (784 bytes) and its true label when known. */
  pixels: Uint8Array;
  label: number | null;
  predicted: number;
  probs: number[];
  /** ∂z_predicted / ∂x per pixel: positive pushes toward the prediction, negative away. */
  gradient: Float32Array;
  /** The first hidden layer's units that fired most: activation, push on the predicted score, incoming weights (784). */
  units: { unit: number; activation: number; effect: number; weights: Float32Array }[];
}

/** The current model on the whole test set. */
export interface TestResult {
  /** The test file's name and rows. */
  name: string;
  rows: number;
  /** Epochs the model had trained (0 for a model from a file). */
  epoch: number;
  loss: number;
  accuracy: number;
  /** 10 × 10 counts, rows the true class, columns the predicted. */
  confusion: number[];
}

/** A small image of the dataset for the UI; the rows themselves never leave the worker. */
export interface DatasetSummary {
  name: string;
  role: DatasetRole;
  rows: number;
  labeled: boolean;
  /** Images per class 0-9 (labeled files only). */
  classCounts: number[] | null;
  /** The first images (784 bytes each) and their labels, for a preview strip. */
  samples: { pixels: Uint8Array; label: number | null }[];
  /** Bytes the worker holds for this dataset (pixels and labels). */
  bytes: number;
  /** Time spent reading and parsing, ms. */
  parseMs: number;
  /** File size in bytes. */
  fileBytes: number;
}

/** How the labeled rows divide under the current split settings. */
export interface SplitSummary {
  train: number;
  val: number;
  /** Held-out images per class. */
  valClassCounts: number[];
}

/** Where a training run is. 'done' ran all its epochs; 'failed' stopped on a non-finite loss. */
export type RunState = 'running' | 'paused' | 'stopped' | 'done' | 'failed';

/** Numbers inside an epoch, sent a few times per second. */
export interface RunProgress {
  /** Completed epochs. */
  epoch: number;
  /** Batches done in the current epoch. */
  batch: number;
  batchesPerEpoch: number;
  /** Mean training loss and accuracy over the batches since the previous progress report. */
  recentLoss: number;
  recentAcc: number;
  samplesPerSec: number;
  /** Time spent training (pauses excluded), and the estimated time left at the current speed. */
  elapsedMs: number;
  etaMs: number;
}

/**
 * Misclassified held-out samples of one epoch, as parallel arrays (k samples). When there are more
 * than the worker sends, it keeps the highest- and lowest-loss halves, so both gallery orders are exact.
 */
export interface Misclassified {
  /** All misclassified held-out samples this epoch (may exceed k). */
  total: number;
  /** Row of each sample in the training file. */
  rows: Int32Array;
  trueLabels: Uint8Array;
  predicted: Uint8Array;
  /** Cross-entropy −log p(true) of each. */
  losses: Float32Array;
  /** k × 10 softmax probabilities. */
  probs: Float32Array;
  /** k × 784 pixels. */
  images: Uint8Array;
}

/** What the errors panel shows after an epoch. */
export interface EpochAnalysis {
  epoch: number;
  /** 10 × 10 counts, rows the true class, columns the predicted one (held-out rows). */
  confusion: number[];
  errors: Misclassified;
  /** The first layer's weights of up to 64 hidden units, each a 28x28 image: units × 784. */
  weights: { units: number; values: Float32Array };
  /** For a model loaded from a file (epoch 0): its accuracy and mean loss on the held-out rows. */
  heldOut?: { accuracy: number; loss: number; rows: number };
}

/** A model as the worker builds it: "784-128-10", its layers' shapes and its parameter count. */
export interface ModelDescription {
  architecture: string;
  /** Features in (784 pixels) and classes out. */
  inputSize: number;
  outputSize: number;
  layers: LayerSummary[];
  params: number;
}

export type { EngineReport, KernelPath, LayerSummary };

/** What the training worker can run, reported once at start-up. */
export interface EngineInfo {
  /** The WebAssembly kernels it runs ('relaxed-simd' with fused multiply-add, or 'simd'), or null: TypeScript kernels. */
  wasm: 'relaxed-simd' | 'simd' | null;
  /** Whether training can use threads here (the page is cross-origin isolated: shared memory). */
  threads: boolean;
}

/** How held-out rows are chosen: the split settings of the page (a loaded model is analysed on them). */
export interface SplitSpec { valShare: number; mode: SplitMode; seed: number }

/** A model loaded from a safetensors file, as the worker read it. */
export interface LoadedModel {
  /** The run the model belongs to in the page's history (a restored run), or 0 for a file from elsewhere. */
  runId: number;
  /** The file's name. */
  name: string;
  model: ModelDescription;
  /** The hidden activation used. */
  activation: string;
  /** Sentences on what was assumed (a file without metadata: ReLU and x/255). */
  notes: string[];
  /** The settings and final metrics the file records, when it does. */
  settings: TrainConfig | null;
  metrics: Record<string, number> | null;
}

export type Command =
  /** Parse a file the user chose or dropped (a File is a Blob with a name). */
  | { type: 'loadFile'; file: Blob; name: string; role?: 'test' }
  /** Fetch a bundled sample CSV and parse it exactly like an uploaded file. */
  | { type: 'loadUrl'; url: string; name: string; role?: 'test' }
  /** Why the current model predicts what it does for this image (bytes 0-255), with its true label if known. */
  | { type: 'explain'; requestId: number; pixels: Uint8Array; label: number | null }
  /** Evaluate the current model on the whole test set. */
  | { type: 'evaluateTest' }
  /** Send `count` training images as the augmentation settings would change them (the same every time for a seed). */
  | { type: 'previewAugment'; requestId: number; config: TrainConfig; count: number }
  /** Stop the load in progress at once; the datasets loaded before stay. */
  | { type: 'cancelLoad' }
  /** Describe how the current training set splits under these settings. */
  | { type: 'previewSplit'; valShare: number; mode: SplitMode; seed: number }
  /** Start a new run on the loaded training data; a run in progress is stopped first. */
  | { type: 'start'; runId: number; config: TrainConfig }
  | { type: 'pause' }
  | { type: 'resume' }
  /** Train to the end of the current epoch, then pause. */
  | { type: 'step' }
  | { type: 'stop' }
  /** Forget the current run and its model. */
  | { type: 'reset' }
  /** Use this learning rate from the next epoch on, without starting over. */
  | { type: 'setLr'; lr: number }
  /** Read a safetensors model file and make it the current model (a run in progress is stopped); analyse it on `split` when training data is loaded. */
  | { type: 'loadModel'; bytes: Uint8Array; name: string; runId: number; split: SplitSpec }
  /** Analyse a model loaded from a file on the held-out rows of the training data under `split`. */
  | { type: 'analyseModel'; split: SplitSpec }
  /** The current model as a safetensors file: to download, or to keep in the page's storage. */
  | { type: 'saveModel'; purpose: 'download' | 'persist' }
  /** Predict every image of the unlabeled file with the current model, for a Kaggle submission. */
  | { type: 'predictSubmission' }
  /** Describe the model these settings build (architecture, layer shapes, parameters), without training. */
  | { type: 'describe'; requestId: number; config: TrainConfig }
  /** Class probabilities of the current model for one 28x28 image (bytes 0-255). */
  | { type: 'predict'; requestId: number; pixels: Uint8Array };

export type WorkerEvent =
  /** Sent once at start-up: what this worker's engine can run. */
  | { type: 'engineInfo'; engine: EngineInfo }
  /** The model a `describe` asked about; null with the settings' problems when it cannot be built. */
  | { type: 'modelDescribed'; requestId: number; model: ModelDescription | null; message?: string }
  | { type: 'loadStarted'; loadId: number; name: string; bytes: number }
  | { type: 'loadProgress'; loadId: number; share: number }
  | { type: 'datasetLoaded'; loadId: number; summary: DatasetSummary }
  | { type: 'loadFailed'; loadId: number; name: string; message: string }
  | { type: 'loadCancelled'; loadId: number; name: string }
  | { type: 'split'; split: SplitSummary | null }
  | { type: 'runStarted'; runId: number; config: TrainConfig; model: ModelDescription; trainRows: number; valRows: number; batchesPerEpoch: number }
  /** The kernels each Linear layer of the run actually trains on, and its threads; sent when first known and when they change. */
  | { type: 'kernels'; runId: number; paths: KernelPath[]; engine: EngineReport }
  | { type: 'progress'; runId: number; progress: RunProgress }
  /** After each epoch: its metrics, every layer's health on the probe batch, and the hints they give (none for a healthy run). */
  | { type: 'epochEnd'; runId: number; metrics: EpochMetrics; progress: RunProgress; health: EpochHealth | null; hints: Hint[] }
  | { type: 'runState'; runId: number; state: RunState; message?: string }
  | { type: 'analysis'; runId: number; analysis: EpochAnalysis }
  /** probs is null when there is no trained model yet. */
  | { type: 'prediction'; requestId: number; probs: number[] | null }
  | { type: 'modelLoaded'; loaded: LoadedModel }
  /** A model file was refused; the current model, charts and data are as they were. */
  | { type: 'modelLoadFailed'; name: string; message: string }
  /** The current model's file (null with a message when there is none to save). */
  | { type: 'modelSaved'; purpose: 'download' | 'persist'; runId: number; name: string; bytes: Uint8Array | null; message?: string }
  | { type: 'submissionProgress'; share: number }
  /** The submission file's text, or null with the reason. */
  | { type: 'submission'; csv: string | null; rows: number; message?: string }
  /** A run could not start (no data, invalid settings); nothing else changed. */
  | { type: 'startFailed'; runId: number; message: string }
  /** The answer to `explain`; null without a model. */
  | { type: 'explanation'; requestId: number; explanation: Explanation | null }
  /** The current model on the test set (at a run's end, or asked for); null with the reason when it cannot be. */
  | { type: 'testResult'; runId: number; result: TestResult | null; message?: string }
  /** Training images before and after augmentation, 784 bytes each (null when there is no training data or the settings are wrong). */
  | { type: 'augmentPreview'; requestId: number; originals: Uint8Array[]; augmented: Uint8Array[]; labels: number[]; message?: string }
  /** Anything unexpected, as a sentence; the worker stays usable. */
  | { type: 'error'; message: string };
