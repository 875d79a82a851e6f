import { CsvError } from '../data/csv';
import { classCounts } from '../data/dataset';
import { LoadCancelled, readSourceBlob } from '../data/read-blob';
import { type Schema, classNames } from '../data/schema';
import { splitIndices } from '../data/split';
import { cellText } from '../data/table';
import { argmax } from '../engine/argmax';
import { Rng } from '../engine/rng';
import type { Command, SplitSpec, WorkerEvent } from './protocol';
import type { Schedule } from './scheduler';
import { analyseEpoch, transferables } from './analysis';
import { summarize } from './summary';
import { describeConfig } from './describe';
import { sharedMemorySupported, wasmFlavour } from '../engine/wasm/modules';
import type { RunEngine } from '../train/run';
import { type RunSource, fitTable, isTableSource } from '../train/run-data';
import { TrainingController } from './training';
import { type FileModel, analyseOnSplit, encodeCurrent, heldOutFor, modelFileName, readModelFile } from './model-slot';
import { ImportanceTask } from './importance-task';
import type { Sequential } from '../engine/sequential';
import { NOTEBOOK_PRESET, type TrainConfig } from '../train/config';
import { defaultThreads, isValidSplit } from '../train/settings';
import { resolveTable } from '../train/table-settings';
import { Predictor } from '../engine/wasm/predict';
import { predictionBuffer, predictRows, submissionCsv, submissionName } from '../model-file/submission';
import { evaluateTestSet } from './test-set';
import { encodeFor } from './encode';
import { explainImage, imageInputs } from './explain';
import { explainTableRow } from './explain-row';
import { augmentPreview } from './augment-preview';
import { type MapModel, MapSlot } from './map-slot';
import { pytorchScript } from '../export/pytorch';
import { recipeOf } from '../export/recipe';
import { scriptFiles } from './script-files';

/** Rows predicted per task for a submission: well under a training slice, so Pause and drawing stay quick. */
const SUBMISSION_SLICE = 2048;

export type Post = (event: WorkerEvent, transfer?: Transferable[]) => void;
export type FetchBlob = (url: string) => Promise<Blob>;

/** The model predictions use, with what it reads. */
interface Current { model: Sequential; runId: number; schema: Schema }

/**
 * Everything the worker does, without the Worker: the entry file only forwards messages here, so the
 * whole flow is testable in Node with a fake `post`.
 *
 * Loaded files live here and never leave: the digit layout as a dataset of bytes, any other table as
 * its columns and their profile. A new file replaces the one of its role only once it has parsed
 * completely and cleanly; a failed or cancelled load leaves everything as it was. A run keeps the data
 * it started on, so loading another file never disturbs training or the trained model.
 */
export class Session {
  train: RunSource | null = null;
  predict: RunSource | null = null;
  /** Predictions of drawings and of files to predict, and the explanations' gradients, on the WebAssembly kernels, on as many threads as the current run (helpers of its own). */
  private readonly predictor: Predictor;
  /** A labeled file evaluated apart from the validation split. */
  test: RunSource | null = null;
  readonly training: TrainingController;
  /** The decision map the page shows, if any. */
  readonly maps: MapSlot;
  /** The page's split settings last sent with a model file: a file model's held-out rows. */
  private split: SplitSpec | null = null;
  /** A model loaded from a file; the current model while no run has replaced it. */
  file: FileModel | null = null;
  /** The current model's permutation feature importance, computed in slices. */
  private readonly importance: ImportanceTask;
  private loadId = 0;
  private activeLoad = 0;
  private submissionId = 0;

  constructor(
    private readonly post: Post, private readonly fetchBlob: FetchBlob, private readonly schedule: Schedule,
    private readonly now: () => number = () => performance.now(),
    /** How runs may train: the worker entry passes its way to start helper threads. */
    private readonly engine: RunEngine = {},
  ) {
    this.importance = new ImportanceTask(post, schedule, now);
    // Forward passes (maps, predictions, explanations) run on as many threads as the current run trains on (else the
    // machine's default), on helpers of their own that sleep between calls; the page's worker keeps them for its life.
    const spawn = engine.spawn;
    const threading = spawn && { spawn, threads: () => this.training.run?.engine.threads ?? defaultThreads() };
    this.predictor = new Predictor({ threading });
    this.maps = new MapSlot(post, now, threading);
    this.training = new TrainingController(post, schedule, now, (run, runId, metrics, halting) => {
      this.maps.afterEpoch(run, runId, metrics, halting);
      const analysis = analyseEpoch(run);
      if (analysis) post({ type: 'analysis', runId, analysis }, transferables(analysis));
      if (run.done && this.test) this.evaluateTest();
      if (run.done) this.computeImportance();
    }, engine);
  }

  handle(cmd: Command): Promise<void> | void {
    switch (cmd.type) {
      case 'loadFile': return this.load(cmd.name, () => Promise.resolve(cmd.file), cmd.role);
      case 'loadUrl': return this.load(cmd.name, () => this.fetchBlob(cmd.url), cmd.role);
      case 'evaluateTest': return this.evaluateTest();
      case 'explain': return this.explain(cmd.requestId, cmd.pixels, cmd.label);
      case 'explainRow': return this.post({ type: 'rowExplanation', requestId: cmd.requestId, ...explainTableRow({ current: this.current, run: this.training.run, train: this.train, gradients: this.predictor.classGradients }, cmd.row) });
      case 'previewAugment': return this.post(augmentPreview(cmd.requestId, this.train, cmd.config, cmd.count));
      case 'cancelLoad': this.activeLoad = 0; return;
      case 'previewSplit': return this.previewSplit(cmd.split);
      case 'start': return this.start(cmd.runId, cmd.config);
      case 'loadModel': return this.loadModel(cmd.bytes, cmd.name, cmd.runId, cmd.split);
      case 'analyseModel': return this.analyseFileModel(cmd.split);
      case 'saveModel': return this.saveModel(cmd.purpose);
      case 'predictSubmission': return this.predictSubmission();
      case 'pause': return this.training.pause();
      case 'resume': return this.training.resume();
      case 'step': return this.training.step();
      case 'stop': return this.stop();
      case 'computeImportance': return this.computeImportance(cmd.split);
      case 'reset':
        this.importance.cancel();
        this.file = null;
        return this.training.reset();
      case 'setLr': return this.training.setLr(cmd.lr);
      case 'describe': return this.post(describeConfig(cmd.requestId, cmd.config, this.train));
      case 'predict': return this.predictImage(cmd.requestId, cmd.pixels);
      case 'setMap': return this.maps.set(cmd.request, this.mapModel());
      case 'exportScript': return this.exportScript(cmd.config);
    }
  }

  /** Ends every helper thread it started (the run's, the maps' and predictions'): for a session that ends before its process (benchmarks, tests). */
  dispose(): void {
    this.training.run?.dispose();
    this.maps.dispose();
    this.predictor.dispose();
  }

  /** The model predictions use: the current run's, else one loaded from a file. */
  get current(): Current | null {
    const run = this.training.run;
    if (run) return { model: run.model, runId: this.training.runId, schema: run.dataset.schema };
    return this.file ? { model: this.file.model, runId: this.file.loaded.runId, schema: this.file.decoded.schema } : null;
  }

  /** A new run replaces a loaded model; a run that cannot start leaves it in place. */
  private start(runId: number, config: TrainConfig): void {
    const before = this.training.run;
    this.training.start(runId, config, this.train);
    if (this.training.run !== before) {
      this.file = null;
      this.importance.cancel();
    }
  }

  private loadModel(bytes: Uint8Array, name: string, runId: number, split: SplitSpec): void {
    const read = readModelFile(bytes, name, runId);
    if ('message' in read) {
      this.post({ type: 'modelLoadFailed', name, message: read.message });
      return;
    }
    this.training.reset();
    this.file = read;
    this.importance.cancel();
    this.post({ type: 'modelLoaded', loaded: read.loaded });
    this.analyseFileModel(split);
  }

  /**
   * The settings' experiment on the loaded training data as a PyTorch script: the schema a run of
   * them would fit, the template filled (src/export). Without training data, the digit layout's.
   */
  private async exportScript(config: TrainConfig): Promise<void> {
    let recipe;
    try {
      recipe = recipeOf(config, this.train, 'the page (Export PyTorch script)', new Date().toISOString());
    } catch (e) {
      this.post({ type: 'script', name: '', text: null, message: `The script cannot be written: ${e instanceof Error ? e.message : String(e)}` });
      return;
    }
    this.post({ type: 'script', name: 'train.py', text: pytorchScript(await scriptFiles(), recipe) });
  }

  /** The current model as the decision map draws it: a run's, or a file's with the loaded rows. */
  private mapModel(): MapModel | null {
    const run = this.training.run;
    if (run) return { run, runId: this.training.runId };
    return this.file ? { file: this.file, train: this.train, split: this.split } : null;
  }

  /** Stops the run; one that was training has ended, so its feature importance is measured. */
  private stop(): void {
    const was = this.training.state;
    this.training.stop();
    if ((was === 'running' || was === 'paused') && this.training.run && this.training.run.epoch > 0) this.computeImportance();
  }

  /**
   * Measures the current model's permutation feature importance on its held-out rows, in slices: a
   * run's own held-out rows and seed; a model from a file on the training data's held-out rows under
   * `split` (the page's split settings and seed).
   */
  private computeImportance(split?: SplitSpec): void {
    const run = this.training.run;
    if (run) {
      const runId = this.training.runId;
      if (!run.split.val.length) return this.importance.refuse(runId, 'Feature importance is measured on held-out rows, and this run holds out none: set a validation split above 0.');
      this.importance.start({ runId, model: run.model, dataset: run.dataset, heldOut: run.split.val, seed: run.config.seed, epoch: run.keptEpoch ?? run.epoch });
      return;
    }
    const file = this.file;
    if (!file) return this.importance.refuse(0, 'Train a model or load a model file first.');
    const runId = file.loaded.runId;
    const spec = split ?? this.split;
    const held = this.train && spec ? heldOutFor(file.decoded.schema, this.train, spec) : null;
    if (!held) return this.importance.refuse(runId, 'Load the labeled training data the model reads (with a validation split above 0): feature importance is measured on its held-out rows.');
    this.importance.start({ runId, model: file.model, dataset: held.dataset, heldOut: held.rows, seed: spec!.seed, epoch: 0 });
  }

  /** The loaded model's mistakes on the held-out rows, when labeled training data it can read is loaded. */
  private analyseFileModel(split: SplitSpec): void {
    this.split = split;
    if (this.file && !this.training.run) this.maps.draw(this.mapModel());
    if (!this.file || this.training.run || !this.train) return;
    const analysis = analyseOnSplit(this.file.model, this.file.decoded.schema, this.train, split);
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

  /** The current model on the whole test set, encoded as the model reads its rows (one pass). */
  private evaluateTest(): void {
    const current = this.current, source = this.test;
    if (!current || !source) {
      const message = !source ? 'Load a labeled test set first (Test set CSV, or the MNIST 60,000 + 10,000 sample).' : 'Train a model or load a model file first.';
      this.post({ type: 'testResult', runId: current?.runId ?? 0, result: null, message });
      return;
    }
    let result;
    try {
      result = evaluateTestSet(current.model, encodeFor(source, current.schema, 'test'), this.training.run ? this.training.run.epoch : 0);
    } catch (e) {
      this.post({ type: 'testResult', runId: current.runId, result: null, message: `The test set cannot be scored: ${e instanceof Error ? e.message : String(e)}.` });
      return;
    }
    this.post({ type: 'testResult', runId: current.runId, result });
  }

  /** Predicts the file to predict in slices, reporting progress, then sends its predictions file. */
  private predictSubmission(): void {
    const current = this.current, source = this.predict;
    if (!current || !source) {
      this.post({ type: 'submission', csv: null, name: '', rows: 0, message: !current ? 'Train a model or load a model file first.' : 'Load a file to predict first: an unlabeled test file (Kaggle\'s test.csv layout), or a table without its target column.' });
      return;
    }
    let encoded;
    try {
      encoded = encodeFor(source, current.schema, 'predict');
    } catch (e) {
      this.post({ type: 'submission', csv: null, name: '', rows: 0, message: `The predictions cannot be made: ${e instanceof Error ? e.message : String(e)}.` });
      return;
    }
    const id = ++this.submissionId;
    const { model, schema } = current, ds = encoded.dataset;
    const out = predictionBuffer(schema, ds.count);
    const idColumn = isTableSource(source) && schema.idColumn ? source.table.columns.find((c) => c.name === schema.idColumn) : undefined;
    let start = 0;
    const slice = () => {
      if (id !== this.submissionId) return;
      const end = Math.min(ds.count, start + SUBMISSION_SLICE);
      predictRows(model, ds, start, end, out, undefined, this.predictor);
      start = end;
      this.post({ type: 'submissionProgress', share: start / ds.count });
      if (start < ds.count) this.schedule(slice);
      else {
        const ids = idColumn ? Array.from({ length: ds.count }, (_, i) => cellText(idColumn, i)) : null;
        this.post({ type: 'submission', csv: submissionCsv(schema, out, ids), name: submissionName(schema, ds.name), rows: ds.count });
      }
    };
    this.schedule(slice);
  }

  /** Tells the UI what this engine can run; the worker entry calls it once at start-up. */
  hello(): void {
    this.post({ type: 'engineInfo', engine: { wasm: this.engine.kernels === 'js' ? null : wasmFlavour(), threads: !!this.engine.spawn && sharedMemorySupported() } });
  }

  /**
   * Reads a file; `as` 'test' makes it the test set instead of the training data. Otherwise a file
   * without labels (the digit layout's test.csv), or a table that lacks the target the current model
   * or the training table has, is the file to predict; any other file is the training data.
   */
  private async load(name: string, getBlob: () => Promise<Blob>, as?: 'test'): Promise<void> {
    const id = ++this.loadId;
    this.activeLoad = id; // a newer load or a cancel supersedes this one
    const t0 = this.now();
    try {
      const blob = await getBlob();
      if (this.activeLoad !== id) throw new LoadCancelled(name);
      this.post({ type: 'loadStarted', loadId: id, name, bytes: blob.size });
      let lastShare = 0;
      const source = await readSourceBlob(blob, name, {
        isCancelled: () => this.activeLoad !== id,
        onProgress: (share) => {
          if (share - lastShare >= 0.01 || share === 1) {
            lastShare = share;
            this.post({ type: 'loadProgress', loadId: id, share });
          }
        },
      });
      if (this.activeLoad !== id) throw new LoadCancelled(name); // superseded during the last chunk
      const role = as === 'test' ? 'test' : this.roleOf(source);
      this.check(source, role);
      if (role === 'train') this.train = source;
      else if (role === 'test') this.test = source;
      else this.predict = source;
      this.activeLoad = 0;
      this.post({ type: 'datasetLoaded', loadId: id, summary: summarize(source, role, this.now() - t0, blob.size) });
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

  /** The target and feature columns a new table is compared with: the current model's, else the training table's by default. */
  private knownColumns(): { target: string; features: string[] } | null {
    const current = this.current;
    if (current?.schema.layout === 'table') return { target: current.schema.target.column, features: current.schema.features.map((f) => f.column) };
    const train = this.train;
    if (train && isTableSource(train)) {
      const choice = resolveTable(train.profile, {}).choice;
      const name = (i: number) => train.table.columns[i].name;
      return choice ? { target: name(choice.target), features: choice.features.map((f) => name(f.column)) } : null;
    }
    return null;
  }

  /** A table is to predict when it has the features of the model (or training table) but not its target: their test.csv. */
  private roleOf(source: RunSource): 'train' | 'predict' {
    if (!isTableSource(source)) return source.y ? 'train' : 'predict';
    const known = this.knownColumns(), has = (name: string) => source.table.columns.some((c) => c.name === name);
    return known && !has(known.target) && known.features.every(has) ? 'predict' : 'train';
  }

  /**
   * Refuses a file that cannot serve its role, with one sentence: a test set without labels, or, for a
   * table, a default target that cannot train, or a test set lacking a column the model (or the
   * training table) needs.
   */
  private check(source: RunSource, role: 'train' | 'predict' | 'test'): void {
    if (!isTableSource(source)) {
      if (role === 'test' && !source.y) throw new Error('it has no label column, and a test set needs labels to be scored. To predict it for a Kaggle submission, load it as the Dataset CSV');
      return;
    }
    if (role === 'train') {
      const { errors } = resolveTable(source.profile, {});
      const problems = Object.values(errors);
      if (problems.length) throw new Error(problems.join(' '));
      return;
    }
    if (role !== 'test') return;
    const current = this.current;
    if (current) {
      encodeFor(source, current.schema, 'test'); // throws naming the column it lacks
      return;
    }
    const train = this.train;
    if (train && isTableSource(train)) {
      const choice = resolveTable(train.profile, {}).choice;
      const needed = choice ? [choice.target, ...choice.features.map((f) => f.column)].map((i) => train.table.columns[i].name) : [];
      const lacking = needed.find((n) => !source.table.columns.some((c) => c.name === n));
      if (lacking) throw new Error(`the test set has no column "${lacking}", which the training table has`);
    }
  }

  /** Probabilities of the current model (trained or training) for one drawn image; null without a model that reads images. */
  private predictImage(requestId: number, pixels: Uint8Array): void {
    const current = this.current;
    const x = current ? imageInputs(current.schema, pixels) : null;
    if (!current || !x) {
      this.post({ type: 'prediction', requestId, probs: null, predicted: -1 });
      return;
    }
    const probs = Array.from(this.predictor.outputs(current.model, x, current.schema.target.task === 'regression'));
    this.post({ type: 'prediction', requestId, probs, predicted: argmax(probs) });
  }

  private explain(requestId: number, pixels: Uint8Array, label: number | null): void {
    const current = this.current;
    const explanation = current && current.schema.image && current.schema.target.task === 'classification' ? explainImage(current.model, current.schema, pixels, label, this.predictor.classGradients) : null;
    this.post({ type: 'explanation', requestId, explanation });
  }

  /** How the training data splits under these settings: the rows each side, and per class (a table: after its own settings). */
  private previewSplit(spec: SplitSpec): void {
    const source = this.train;
    const none = (message?: string) => this.post({ type: 'split', split: null, ...(message ? { message } : {}) });
    if (!source || !isValidSplit(spec)) return none();
    if (!isTableSource(source)) {
      if (!source.y) return none();
      const labels = source.y as Int32Array, classes = classNames(source.schema);
      const split = splitIndices(source.count, { labels, classes: classes.length }, spec.valShare, spec.mode, new Rng(spec.seed));
      this.post({
        type: 'split', split: {
          train: split.train.length, val: split.val.length, task: 'classification', classNames: classes,
          classCounts: classCounts(labels, classes.length), valClassCounts: classCounts(labels, classes.length, split.val), notes: [],
        },
      });
      return;
    }
    const config: TrainConfig = { ...NOTEBOOK_PRESET, ...spec.table, valShare: spec.valShare, split: spec.mode, seed: spec.seed, shift: 0, rotation: 0, scale: 0, elasticAlpha: 0 };
    let fitted;
    try {
      fitted = fitTable(source, config, new Rng(spec.seed));
    } catch (e) {
      return none(e instanceof Error ? e.message : String(e));
    }
    const { target, split, notes } = fitted;
    const labels = target.task === 'classification' ? target.labels : null, k = target.task === 'classification' ? target.classes.length : 0;
    this.post({
      type: 'split', split: {
        train: split.train.length, val: split.val.length, task: target.task, classNames: target.task === 'classification' ? target.classes : [],
        classCounts: labels ? classCounts(labels, k) : [], valClassCounts: labels ? classCounts(labels, k, split.val) : [], notes,
      },
    });
  }
}
