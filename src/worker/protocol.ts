/**
 * The only contract between the UI and the training worker: commands (verbs) go in, events (facts)
 * come out. Types only, no logic. Every switch over these unions is exhaustive.
 */
import type { SplitMode } from '../data/split';
import type { ColumnProfile } from '../data/profile';
import type { Schema, Task } from '../data/schema';
import type { KernelPath } from '../engine/linear';
import type { LayerSummary } from '../engine/sequential';
import type { TrainConfig } from '../train/config';
import type { EngineReport, EpochMetrics } from '../train/run';
import type { EpochHealth } from '../train/health';
import type { Hint } from '../train/hints';
import type { FeatureImportance } from '../train/importance';
import type { FeatureRange, MapPlane, MapRequest } from '../train/decision-grid';

/**
 * A loaded file's role: labeled rows train; unlabeled rows (Kaggle test.csv) are for predictions; a
 * labeled file loaded as the test set is only ever evaluated, apart from the validation split.
 */
export type DatasetRole = 'train' | 'predict' | 'test';

/** Why the current model predicts what it does for one image (explain.ts). */
export interface Explanation {
  /** The image (side × side bytes, 0-255 as drawn) and its true class when known. */
  pixels: Uint8Array;
  side: number;
  label: number | null;
  predicted: number;
  probs: number[];
  /** ∂z_predicted / ∂x per pixel: positive pushes toward the prediction, negative away. */
  gradient: Float32Array;
  /** The first hidden layer's units that fired most: activation, push on the predicted score, incoming weights (one per pixel). */
  units: { unit: number; activation: number; effect: number; weights: Float32Array }[];
}

/** One feature column's part in a row's score (explain-row.ts); a one-hot feature's inputs summed under its column. */
export interface FeatureContribution {
  /** The column's name, as in the file. */
  column: string;
  /** The cell as the file has it (or as typed); '' when missing. */
  cell: string;
  /** For a missing cell, the value the model read instead (the training median or most common category); else null. */
  filled: string | null;
  /** The baseline's value: the training median, or the most common category. */
  baseline: string;
  /** Σ over the column's inputs of (∂score/∂x_i) · x_i, at the row. */
  gradientTimesInput: number;
  /** Σ over the column's inputs of the integrated gradients from the baseline. */
  integratedGradients: number;
}

/**
 * Why the current model gives one table row its prediction (explain-row.ts): each feature's
 * contribution to the score, by gradient × input and by integrated gradients from the baseline row
 * (every feature at its training median or most common category), whose sum is checked against the
 * change in score. The score is the predicted class's logit, or a regression's value in the target's
 * units (every number below in the same units).
 */
export interface RowExplanation {
  /** The model explained (as `analysis` events name it), and the epochs it had trained (0 for a model from a file). */
  runId: number;
  epoch: number;
  /** The file row explained (0-based, header not counted), or null for a typed row; its target as the file has it, when known. */
  fileRow: number | null;
  truth: string | null;
  task: Task;
  /** The target column's name. */
  target: string;
  /** Classification: the predicted class and every class's probability; regression: −1 and []. */
  predicted: number;
  probs: number[];
  /** Regression: the predicted value in the target's units; NaN for classification. */
  value: number;
  /** z(row) and z(baseline): the score at the row and at the baseline. */
  score: number;
  baselineScore: number;
  /** Σ integrated gradients, and |Σ − (z(row) − z(baseline))| as a share of |z(row)|. */
  sum: number;
  gapShare: number;
  /** The midpoint rule's steps the integral took. */
  steps: number;
  /** One per feature column, in the schema's order. */
  features: FeatureContribution[];
}

/**
 * The current model's predictions over a plane of two numeric features, the others held (decision-map.ts):
 * what TensorFlow Playground draws, for any table.
 */
export interface DecisionMap {
  /** Epochs the model had trained (0 for a model from a file). */
  epoch: number;
  plane: MapPlane;
  /** The features that can span a plane (the numeric ones), and each feature's range over the training rows (null for a category). */
  axes: number[];
  ranges: (FeatureRange | null)[];
  /** Grid points a side; `image` is side × side RGBA, row 0 the top (the y feature's largest value). */
  side: number;
  image: Uint8ClampedArray;
  /** Classification: each class's colour and the share of the plane it takes (its confidence is the pixel's opacity). */
  classes: { name: string; color: string; share: number }[];
  /** Regression: the colour scale of the predicted value, in the target's units (lo at colors[0]). */
  scale: { lo: number; hi: number; colors: string[] } | null;
  /**
   * The first and second hidden layers' units (the first 64 of `width` at most) over the same plane, at
   * `side` points a side (every other grid point): `values` [units, side²] bytes, 128 + 127·a/max|a|
   * (128 is 0); `dead`: the units the layer health finds dead.
   */
  neurons: { layer: number; units: number; width: number; side: number; values: Uint8Array; dead: number[] }[];
  /**
   * Rows drawn on top, in the file's units: a bounded sample of training rows and of held-out rows,
   * each with its true class (or value, in the target's units), and whether the model gets it wrong.
   */
  points: { x: Float32Array; y: Float32Array; target: Float32Array; heldOut: Uint8Array; wrong: Uint8Array };
  /** Time the worker took to compute it. */
  ms: number;
  /** Threads its forward pass ran on (as many as the current run trains on, once the map's helpers run; one on the TypeScript layers). */
  threads: number;
}

/** The current model on the whole test set. */
export interface TestResult {
  /** The test file's name and the rows scored (rows without a target, or of a class the model does not know, are left out and counted). */
  name: string;
  rows: number;
  skipped: number;
  /** Epochs the model had trained (0 for a model from a file). */
  epoch: number;
  loss: number;
  /** Classification: accuracy, and K × K counts (rows the true class, columns the predicted) over `confusionClasses` (see EpochAnalysis). */
  accuracy: number;
  confusion: number[];
  confusionClasses: number[];
  /** Regression: RMSE and MAE in the target's units, and R²; NaN for classification. */
  rmse: number;
  mae: number;
  r2: number;
  /** Cells with a category the training rows never had (encoded as none of the known ones). */
  unseen: number;
}

/** A small image of the dataset for the UI; the rows themselves never leave the worker. */
export interface DatasetSummary {
  name: string;
  role: DatasetRole;
  /** 'digits': Kaggle's Digit Recognizer layout; 'table': any other table. */
  layout: 'digits' | 'table';
  rows: number;
  labeled: boolean;
  /** The digit layout's images per class 0-9 (labeled files only; a table's come with the split preview). */
  classCounts: number[] | null;
  /** The first images (side × side bytes each, 0-255) and their labels, for a preview strip: the digit layout's, or a table's whose features are square images. */
  samples: { pixels: Uint8Array; label: string | null }[];
  /** The side of the samples' images (0: none). */
  imageSide: number;
  /** A table's columns, profiled (null for the digit layout). */
  columns: ColumnProfile[] | null;
  /** A table's first rows, each cell as the file wrote it. */
  preview: string[][] | null;
  /** How a table was read: its delimiter and whether line 1 was a header. */
  format: { delimiter: string; header: boolean } | null;
  /** Bytes the worker holds for this dataset (pixels and labels, or a table's columns). */
  bytes: number;
  /** Time spent reading and parsing, ms. */
  parseMs: number;
  /** File size in bytes. */
  fileBytes: number;
}

/** How the labeled rows divide under the current split and table settings. */
export interface SplitSummary {
  train: number;
  val: number;
  task: Task;
  /** The classes (empty for a regression), rows of each in the whole file, and held out. */
  classNames: string[];
  classCounts: number[];
  valClassCounts: number[];
  /** What the settings do to the rows (rows dropped, held-out classes the training rows lack). */
  notes: string[];
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
  /** Row of each sample in the training file (0-based, header not counted). */
  rows: Int32Array;
  trueLabels: Int32Array;
  predicted: Int32Array;
  /** Cross-entropy −log p(true) of each. */
  losses: Float32Array;
  /**
   * k × top probabilities: of the classes 0 .. top − 1 in order when the model has at most `top`
   * classes (probClasses null), else of each sample's `top` most probable, named by probClasses.
   */
  top: number;
  probs: Float32Array;
  probClasses: Int32Array | null;
  /** k × side² image bytes (0-255) when the rows are square images; null otherwise. */
  images: Uint8Array | null;
  /** A table's samples as the file wrote them: one text per column, for the columns the file has. */
  cells: string[][] | null;
}

/** What the errors panel shows after an epoch: a classifier's mistakes, or a regression's residuals. */
export type EpochAnalysis = ClassificationAnalysis | RegressionAnalysis;

/** A classifier's mistakes on the held-out rows. */
export interface ClassificationAnalysis {
  task: 'classification';
  epoch: number;
  /**
   * Counts of the held-out rows, rows the true class, columns the predicted one, over the classes
   * `confusionClasses` (all of them up to MAX_CONFUSION, else those with the most mistakes): m × m.
   */
  confusion: number[];
  confusionClasses: number[];
  /** Each class's held-out rows and rows right (all classes, for per-class accuracy). */
  classTotals: number[];
  classRight: number[];
  errors: Misclassified;
  /** The first layer's weights of up to 64 hidden units, each an image of the inputs: units × inputSize (side² for images). */
  weights: { units: number; values: Float32Array; side: number };
  /** For a model loaded from a file (epoch 0): its accuracy and mean loss on the held-out rows. */
  heldOut?: { accuracy: number; loss: number; rows: number };
}

/**
 * A regression's errors on the held-out rows, in the target's units (outputs · std + mean): the rows
 * of largest and of smallest absolute error (k of them; when there are more than the worker sends, it
 * keeps both ends, so both orders are exact), and a sample of (true, predicted) pairs for a scatter.
 */
export interface Residuals {
  /** Held-out rows in all. */
  total: number;
  /** Row of each in the training file (0-based, header not counted). */
  rows: Int32Array;
  trueValues: Float32Array;
  predicted: Float32Array;
  /** |predicted − true|. */
  errors: Float32Array;
  /** Each row's cells as the file wrote them, one text per column of the file (null for no table). */
  cells: string[][] | null;
  /** At most MAX_SCATTER held-out rows, evenly spaced: true and predicted values. */
  sample: { trueValues: Float32Array; predicted: Float32Array };
}

/** A regression's residuals on the held-out rows after an epoch. */
export interface RegressionAnalysis {
  task: 'regression';
  epoch: number;
  residuals: Residuals;
  /** For a model loaded from a file (epoch 0): its R², RMSE and MAE (target's units) on the held-out rows. */
  heldOut?: { r2: number; rmse: number; mae: number; rows: number };
}

/** A model as the worker builds it: "784-128-10", its layers' shapes and its parameter count. */
export interface ModelDescription {
  architecture: string;
  /** What the inputs and outputs are, in words: "28x28 pixels / 255", "softmax over 10 classes". */
  reads: string;
  gives: string;
  /** Inputs (784 pixels, a table's encoded features) and outputs (classes, or 1 value). */
  inputSize: number;
  outputSize: number;
  layers: LayerSummary[];
  params: number;
}

export type { EngineReport, FeatureImportance, KernelPath, LayerSummary };
export type { FeatureRange, MapPlane, MapRequest };

/** What the training worker can run, reported once at start-up. */
export interface EngineInfo {
  /** The WebAssembly kernels it runs ('relaxed-simd' with fused multiply-add, or 'simd'), or null: TypeScript kernels. */
  wasm: 'relaxed-simd' | 'simd' | null;
  /** Whether training can use threads here (the page is cross-origin isolated: shared memory). */
  threads: boolean;
}

/** A table's settings: its target, task, roles and missing-value policy (table-settings.ts resolves them against the file). */
export type TableSettings = Pick<TrainConfig, 'target' | 'ignore' | 'include' | 'task' | 'missing'>;

/** How held-out rows are chosen: the split settings of the page, and a table's settings (a loaded model is analysed on them). */
export interface SplitSpec { valShare: number; mode: SplitMode; seed: number; table: TableSettings }

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
  /** What the model reads and predicts: its columns, fitted preprocessing and classes. */
  schema: Schema;
}

export type Command =
  /** Parse a file the user chose or dropped (a File is a Blob with a name). */
  | { type: 'loadFile'; file: Blob; name: string; role?: 'test' }
  /** Fetch a bundled sample CSV and parse it exactly like an uploaded file. */
  | { type: 'loadUrl'; url: string; name: string; role?: 'test' }
  /** Why the current model predicts what it does for this image (side × side bytes 0-255), with its true class if known. */
  | { type: 'explain'; requestId: number; pixels: Uint8Array; label: number | null }
  /** Why the current table model predicts what it does for one row: a row of the training file (by its file row), or one typed (a text per feature column). */
  | { type: 'explainRow'; requestId: number; row: { fileRow: number } | { cells: Record<string, string> } }
  /** Evaluate the current model on the whole test set. */
  | { type: 'evaluateTest' }
  /** Send `count` training images as the augmentation settings would change them (the same every time for a seed). */
  | { type: 'previewAugment'; requestId: number; config: TrainConfig; count: number }
  /** Stop the load in progress at once; the datasets loaded before stay. */
  | { type: 'cancelLoad' }
  /** Describe how the current training set splits under these settings. */
  | { type: 'previewSplit'; split: SplitSpec }
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
  /**
   * Measure the current model's permutation feature importance on its held-out rows (a run's, or for a
   * model from a file those of the training data under `split`); a newer request replaces this one.
   */
  | { type: 'computeImportance'; split: SplitSpec }
  /** The current model as a safetensors file: to download, or to keep in the page's storage. */
  | { type: 'saveModel'; purpose: 'download' | 'persist' }
  /** Predict every image of the unlabeled file with the current model, for a Kaggle submission. */
  | { type: 'predictSubmission' }
  /** Describe the model these settings build (architecture, layer shapes, parameters), without training. */
  | { type: 'describe'; requestId: number; config: TrainConfig }
  /** Class probabilities of the current model for one image of its side (bytes 0-255, as drawn). */
  | { type: 'predict'; requestId: number; pixels: Uint8Array }
  /** Draw the decision map over this plane now and after epochs while training (null: no map wanted). */
  | { type: 'setMap'; request: MapRequest | null }
  /** The experiment of these settings on the loaded training data as a PyTorch script (src/export). */
  | { type: 'exportScript'; config: TrainConfig };

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
  /** The split under the settings asked about; null with the reason when there is none (no labeled data, or settings the table refuses). */
  | { type: 'split'; split: SplitSummary | null; message?: string }
  /** A run has started: its model, its rows, and its data's schema (a table's fitted on its training rows), with notes on what was done to the rows. */
  | { type: 'runStarted'; runId: number; config: TrainConfig; model: ModelDescription; trainRows: number; valRows: number; batchesPerEpoch: number; schema: Schema; notes: string[] }
  /** The kernels each Linear layer of the run actually trains on, and its threads; sent when first known and when they change. */
  | { type: 'kernels'; runId: number; paths: KernelPath[]; engine: EngineReport }
  | { type: 'progress'; runId: number; progress: RunProgress }
  /** After each epoch: its metrics, every layer's health on the probe batch, and the hints they give (none for a healthy run). */
  | { type: 'epochEnd'; runId: number; metrics: EpochMetrics; progress: RunProgress; health: EpochHealth | null; hints: Hint[] }
  /** `keptEpoch`: when early stopping chose the model, the epoch whose weights it holds. */
  | { type: 'runState'; runId: number; state: RunState; message?: string; keptEpoch?: number }
  | { type: 'analysis'; runId: number; analysis: EpochAnalysis }
  /**
   * Permutation feature importance of the current model (after a run ends, or asked for): `progress`
   * 0 … 1 while it is computed, then `importance`; null with the reason when it cannot be.
   */
  | { type: 'importance'; runId: number; progress: number; importance: FeatureImportance | null; message?: string }
  /** The class probabilities and the predicted class; null when there is no trained model yet (or it does not read images). */
  | { type: 'prediction'; requestId: number; probs: number[] | null; predicted: number }
  | { type: 'modelLoaded'; loaded: LoadedModel }
  /** A model file was refused; the current model, charts and data are as they were. */
  | { type: 'modelLoadFailed'; name: string; message: string }
  /** The current model's file (null with a message when there is none to save). */
  | { type: 'modelSaved'; purpose: 'download' | 'persist'; runId: number; name: string; bytes: Uint8Array | null; message?: string }
  | { type: 'submissionProgress'; share: number }
  /** The submission file's text and name, or null with the reason. */
  | { type: 'submission'; csv: string | null; name: string; rows: number; message?: string }
  /** A run could not start (no data, invalid settings); nothing else changed. */
  | { type: 'startFailed'; runId: number; message: string }
  /** The answer to `explain`; null without a model. */
  | { type: 'explanation'; requestId: number; explanation: Explanation | null }
  /** The answer to `explainRow`; null with the reason (no table model, a row it cannot read, image data). */
  | { type: 'rowExplanation'; requestId: number; explanation: RowExplanation | null; message?: string }
  /** The current model on the test set (at a run's end, or asked for); null with the reason when it cannot be. */
  | { type: 'testResult'; runId: number; result: TestResult | null; message?: string }
  /** Training images before and after augmentation, side × side bytes each (none, with the reason, when there is no image training data or the settings are wrong). */
  | { type: 'augmentPreview'; requestId: number; originals: Uint8Array[]; augmented: Uint8Array[]; labels: number[]; message?: string }
  /** The current model's decision map; null with the reason when there is none (no model, an image model, fewer than two numeric features). */
  | { type: 'decisionMap'; runId: number; map: DecisionMap | null; message?: string }
  /** The exported PyTorch script and its file name; null with the reason when the settings or data cannot be exported. */
  | { type: 'script'; name: string; text: string | null; message?: string }
  /** Anything unexpected, as a sentence; the worker stays usable. */
  | { type: 'error'; message: string };
