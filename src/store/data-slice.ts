import type { DatasetSummary, SplitSummary, WorkerEvent } from '../worker/protocol';

/** What the UI knows about the data: summaries only; the rows stay in the worker. */
export interface DataState {
  train: DatasetSummary | null;
  predict: DatasetSummary | null;
  /** A labeled file evaluated apart from the validation split. */
  test: DatasetSummary | null;
  /** The load in progress: loadId is -1 until the worker has taken it. */
  loading: { loadId: number; name: string; share: number } | null;
  /** The last load problem, as the sentence to show; cleared by the next good load. */
  error: string | null;
  split: SplitSummary | null;
  /** Why the table's settings cannot split (or train) its rows: the sentences of its settings rules. */
  splitProblem: string | null;
}

export const initialData: DataState = { train: null, predict: null, test: null, loading: null, error: null, split: null, splitProblem: null };

/**
 * Worker events → new data state. Pure. Events of a load that is no longer the current one are
 * dropped, so a late progress or cancel of a superseded load cannot disturb the new one.
 */
export function reduceData(state: DataState, event: WorkerEvent): DataState {
  const current = (loadId: number) => state.loading !== null && (state.loading.loadId === loadId || state.loading.loadId === -1);
  switch (event.type) {
    case 'loadStarted':
      return state.loading && state.loading.loadId === -1 ? { ...state, loading: { loadId: event.loadId, name: event.name, share: 0 } } : state;
    case 'loadProgress':
      return state.loading && state.loading.loadId === event.loadId ? { ...state, loading: { ...state.loading, share: event.share } } : state;
    case 'datasetLoaded': {
      if (!current(event.loadId)) return state;
      const { summary } = event;
      const train = summary.role === 'train';
      return { ...state, loading: null, error: null, [summary.role]: summary, split: train ? null : state.split, splitProblem: train ? null : state.splitProblem };
    }
    case 'loadFailed':
      return current(event.loadId) ? { ...state, loading: null, error: event.message } : state;
    case 'loadCancelled':
      return current(event.loadId) ? { ...state, loading: null } : state;
    case 'split':
      return { ...state, split: event.split, splitProblem: event.message ?? null };
    case 'error':
      return { ...state, loading: null, error: event.message };
    // Training, models and the rest: run-slice.ts, model-slice.ts and the store.
    case 'engineInfo': case 'modelDescribed': case 'runStarted': case 'kernels': case 'progress': case 'epochEnd': case 'runState':
    case 'analysis': case 'importance': case 'prediction': case 'modelLoaded': case 'modelLoadFailed': case 'modelSaved': case 'submissionProgress':
    case 'submission': case 'startFailed': case 'explanation': case 'rowExplanation': case 'testResult': case 'augmentPreview': case 'decisionMap': case 'script':
      return state;
  }
}
