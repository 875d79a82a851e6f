import { CsvError } from '../data/csv';
import { PIXELS as INPUT, classCounts, type Dataset } from '../data/dataset';
import { normalizePixels } from '../data/normalize';
import { zeros } from '../engine/matrix';
import { LoadCancelled, readDatasetBlob } from '../data/read-blob';
import { splitIndices } from '../data/split';
import { Rng } from '../engine/rng';
import type { Command, SplitSpec, WorkerEvent } from './protocol';
import type { Schedule } from './scheduler';
import { analyseEpoch, transferables } from './analysis';
import { summarize } from './summary';
import { describeConfig } from './describe';
import { sharedMemorySupported, wasmFlavour } from '../engine/wasm/modules';
import type { RunEngine } from '../train/run';
import { TrainingController } from './training';
import { type FileModel, analyseOnSplit, encodeCurrent, modelFileName, readModelFile } from './model-slot';
import type { Sequential } from '../engine/sequential';
import type { TrainConfig } from '../train/config';
import { isValidSplit } from '../train/settings';
import { predictRows, submissionCsv } from '../model-file/submission';
import { evaluateTestSet } from './test-set';
import { explainImage } from './explain';
import { augmentPreview } from './augment-preview';

/** Rows predicted per task for a submission: well under a training slice, so Pause and drawing stay quick. */
const SUBMISSION_SLICE = 2048;

export type Post = (event: WorkerEvent, transfer?: Transferable[]) => void;
export type FetchBlob = (url: string) => Promise<Blob>;

/**
 * Everything the worker does, without the Worker: the entry file only forwards messages here, so the
 * whole flow is testable in Node with a fake `post`.
 *
 * Datasets live here and never leave. A new file replaces the dataset of its role only once it has
 * parsed completely and cleanly; a failed or cancelled load leaves everything as it was. A run keeps
 * the dataset it started on, so loading another file never disturbs training or the trained model.
 */
export class Session {
  train: Dataset | null = null;
  predict: Dataset | null = null;
  /** A labeled file evaluated apart from the validation split. */
  test: Dataset | null = null;
  readonly training: TrainingController;
  /** A model loaded from a file; the current model while no run has replaced it. */
  file: FileModel | null = null;
  private loadId = 0;
  private activeLoad = 0;
  private submissionId = 0;

  constructor(
    private readonly post: Post, private readonly fetchBlob: FetchBlob, private readonly schedule: Schedule,
    private readonly now: () => number = () => performance.now(),
    /** How runs may train: the worker entry passes its way to start helper threads. */
    private readonly engine: RunEngine = {},
  ) {
    this.training = new TrainingController(post, schedule, now, (run, runId) => {
      const analysis = analyseEpoch(run);
      if (analysis) post({ type: 'analysis', runId, analysis }, transferables(analysis));
      if (run.done && this.test) this.evaluateTest();
    }, engine);
  }

  handle(cmd: Command): Promise<void> | void {
    switch (cmd.type) {
      case 'loadFile': return this.load(cmd.name, () => Promise.resolve(cmd.file), cmd.role);
      case 'loadUrl': return this.load(cmd.name, () => this.fetchBlob(cmd.url), cmd.role);
      case 'evaluateTest': return this.evaluateTest();
      case 'explain': {
        const model = this.current?.model;
        return this.post({ type: 'explanation', requestId: cmd.requestId, explanation: model && cmd.pixels.length === INPUT ? explainImage(model, cmd.pixels, cmd.label) : null });
      }
      case 'previewAugment': return this.post(augmentPreview(cmd.requestId, this.train, cmd.config, cmd.count));
      case 'cancelLoad': this.activeLoad = 0; return;
      case 'previewSplit': return this.previewSplit(cmd.valShare, cmd.mode, cmd.seed);
      case 'start': return this.start(cmd.runId, cmd.config);
      case 'loadModel': return this.loadModel(cmd.bytes, cmd.name, cmd.runId, cmd.split);
      case 'analyseModel': return this.analyseFileModel(cmd.split);
      case 'saveModel': return this.saveModel(cmd.purpose);
      case 'predictSubmission': return this.predictSubmission();
      case 'pause': return this.training.pause();
      case 'resume': return this.training.resume();
      case 'step': return this.training.step();
      case 'stop': return this.training.stop();
      case 'reset':
        this.file = null;
        return this.training.reset();
      case 'setLr': return this.training.setLr(cmd.lr);
      case 'describe': return this.post(describeConfig(cmd.requestId, cmd.config));
      case 'predict': return this.predictImage(cmd.requestId, cmd.pixels);
    }
  }

  /** The model predictions use: the current run's, else one loaded from a file. */
  get current(): { model: Sequential; runId: number } | null {
    if (this.training.run) return { model: this.training.run.model, runId: this.training.runId };
    return this.file ? { model: this.file.model, runId: this.file.loaded.runId } : null;
  }

  /** A new run replaces a loaded model; a run that cannot start leaves it in place. */
  private start(runId: number, config: TrainConfig): void {
    const before = this.training.run;
    this.training.start(runId, config, this.train);
    if (this.training.run !== before) this.file = null;
  }

  private loadModel(bytes: Uint8Array, name: string, runId: number, split: SplitSpec): void {
    const read = readModelFile(bytes, name, runId);
    if ('message' in read) {
      this.post({ type: 'modelLoadFailed', name, message: read.message });
      return;
    }
    this.training.reset();
    this.file = read;
    this.post({ type: 'modelLoaded', loaded: read.loaded });
    this.analyseFileModel(split);
  }

  /** The loaded model's mistakes on the held-out rows, when labeled training data is loaded. */
  private analyseFileModel(split: SplitSpec): void {
    if (!this.file || this.training.run || !this.train) return;
    const analysis = analyseOnSplit(this.file.model, this.train, split);
    if (analysis) this.post({ type: 'analysis', runId: this.file.loaded.runId, analysis }, transferables(analysis));
  }

  private saveModel(purpose: 'download' | 'persist'): void {
    const current = this.current;
    if (!current) {
      this.post({ type: 'modelSaved', purpose, runId: 0, name: '', bytes: null, message: 'There is no model to save yet: train one or load a model file.' });
      return;
    }
    let bytes: Uint8Array;
    try {
      bytes = encodeCurrent({ model: current.model, run: this.training.run, file: this.file });
    } catch (e) {
      this.post({ type: 'modelSaved', purpose, runId: current.runId, name: '', bytes: null, message: `The model could not be saved: ${e instanceof Error ? e.message : String(e)}` });
      return;
    }
    this.post({ type: 'modelSaved', purpose, runId: current.runId, name: modelFileName(current.model, current.runId), bytes }, [bytes.buffer]);
  }

  /** The current model on the whole test set (one pass: 10,000 rows take well under a second). */
  private evaluateTest(): void {
    const current = this.current, ds = this.test;
    if (!current || !ds) {
      const message = !ds ? 'Load a labeled test set first (Test set CSV, or the MNIST 60,000 + 10,000 sample).' : 'Train a model or load a model file first.';
      this.post({ type: 'testResult', runId: current?.runId ?? 0, result: null, message });
      return;
    }
    const epoch = this.training.run ? this.training.run.epoch : 0;
    this.post({ type: 'testResult', runId: current.runId, result: evaluateTestSet(current.model, ds, epoch) });
  }

  /** Predicts the unlabeled file in slices, reporting progress, then sends Kaggle's submission CSV. */
  private predictSubmission(): void {
    const current = this.current, ds = this.predict;
    if (!current || !ds) {
      this.post({ type: 'submission', csv: null, rows: 0, message: !current ? 'Train a model or load a model file first.' : 'Load an unlabeled test file (784 pixel columns) first.' });
      return;
    }
    const id = ++this.submissionId;
    const { model } = current;
    const labels = new Uint8Array(ds.count);
    let start = 0;
    const slice = () => {
      if (id !== this.submissionId) return;
      const end = Math.min(ds.count, start + SUBMISSION_SLICE);
      predictRows(model, ds, start, end, labels);
      start = end;
      this.post({ type: 'submissionProgress', share: start / ds.count });
      if (start < ds.count) this.schedule(slice);
      else this.post({ type: 'submission', csv: submissionCsv(labels), rows: ds.count });
    };
    this.schedule(slice);
  }

  /** Tells the UI what this engine can run; the worker entry calls it once at start-up. */
  hello(): void {
    this.post({ type: 'engineInfo', engine: { wasm: this.engine.kernels === 'js' ? null : wasmFlavour(), threads: !!this.engine.spawn && sharedMemorySupported() } });
  }

  /** Reads a file; `as` 'test' makes a labeled file the test set instead of the training data. */
  private async load(name: string, getBlob: () => Promise<Blob>, as?: 'test'): Promise<void> {
    const id = ++this.loadId;
    this.activeLoad = id; // a newer load or a cancel supersedes this one
    const t0 = this.now();
    try {
      const blob = await getBlob();
      if (this.activeLoad !== id) throw new LoadCancelled(name);
      this.post({ type: 'loadStarted', loadId: id, name, bytes: blob.size });
      let lastShare = 0;
      const ds = await readDatasetBlob(blob, name, {
        isCancelled: () => this.activeLoad !== id,
        onProgress: (share) => {
          if (share - lastShare >= 0.01 || share === 1) {
            lastShare = share;
            this.post({ type: 'loadProgress', loadId: id, share });
          }
        },
      });
      if (this.activeLoad !== id) throw new LoadCancelled(name); // superseded during the last chunk
      if (as === 'test' && !ds.labels) {
        throw new Error('it has no label column, and a test set needs labels to be scored. To predict it for a Kaggle submission, load it as the Dataset CSV');
      }
      const role = as === 'test' ? 'test' : ds.labels ? 'train' : 'predict';
      if (role === 'train') this.train = ds;
      else if (role === 'test') this.test = ds;
      else this.predict = ds;
      this.activeLoad = 0;
      this.post({ type: 'datasetLoaded', loadId: id, summary: summarize(ds, role, this.now() - t0, blob.size) });
    } catch (e) {
      if (e instanceof LoadCancelled) {
        this.post({ type: 'loadCancelled', loadId: id, name });
        return;
      }
      if (this.activeLoad === id) this.activeLoad = 0;
      const message = e instanceof CsvError ? e.message : `Could not load "${name}": ${e instanceof Error ? e.message : String(e)}`;
      this.post({ type: 'loadFailed', loadId: id, name, message });
    }
  }

  /** Probabilities of the current run's model (trained or training) for one image; null without a model. */
  private predictImage(requestId: number, pixels: Uint8Array): void {
    const model = this.current?.model;
    if (!model || pixels.length !== INPUT) {
      this.post({ type: 'prediction', requestId, probs: null });
      return;
    }
    const x = zeros(1, INPUT);
    normalizePixels(pixels, 0, x.data, 0, INPUT);
    this.post({ type: 'prediction', requestId, probs: Array.from(model.predictProba(x).data.subarray(0, model.outputSize)) });
  }

  private previewSplit(valShare: number, mode: 'sequential' | 'shuffled', seed: number): void {
    const ds = this.train;
    if (!ds || !ds.labels || !isValidSplit({ valShare, mode, seed })) {
      this.post({ type: 'split', split: null });
      return;
    }
    const split = splitIndices(ds.count, ds.labels, valShare, mode, new Rng(seed));
    this.post({ type: 'split', split: { train: split.train.length, val: split.val.length, valClassCounts: classCounts(ds.labels, split.val) } });
  }
}
