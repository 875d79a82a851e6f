import type { LoadedModel, WorkerEvent } from '../worker/protocol';

/** Model files and submissions as the page shows them. */
export interface ModelState {
  /** The model read from a file, while it is the current model (a new run replaces it). */
  loaded: LoadedModel | null;
  /** A model file being read by the worker. */
  loading: string | null;
  /** Why the last model file, download or submission failed; cleared by the next success. */
  error: string | null;
  /** Share of the submission predicted, while one is under way. */
  submission: number | null;
}

export const initialModel: ModelState = { loaded: null, loading: null, error: null, submission: null };

/** Worker events → model state. Pure. */
export function reduceModel(state: ModelState, event: WorkerEvent): ModelState {
  switch (event.type) {
    case 'modelLoaded':
      return { ...state, loaded: event.loaded, loading: null, error: null };
    case 'modelLoadFailed':
      return { ...state, loading: null, error: event.message };
    case 'modelSaved':
      return event.purpose === 'download' && !event.bytes ? { ...state, error: event.message ?? 'The model could not be saved.' } : state;
    case 'submissionProgress':
      return { ...state, submission: event.share };
    case 'submission':
      return { ...state, submission: null, error: event.csv === null ? (event.message ?? 'The submission could not be made.') : null };
    case 'runStarted':
      return { ...state, loaded: null }; // the run's model replaces the file's
    // Data, training and the rest: data-slice.ts, run-slice.ts and the store.
    case 'engineInfo': case 'modelDescribed': case 'loadStarted': case 'loadProgress': case 'datasetLoaded': case 'loadFailed':
    case 'loadCancelled': case 'split': case 'kernels': case 'progress': case 'epochEnd': case 'runState': case 'analysis': case 'importance':
    case 'prediction': case 'startFailed': case 'explanation': case 'rowExplanation': case 'testResult': case 'augmentPreview': case 'decisionMap': case 'script': case 'error':
      return state;
  }
}
