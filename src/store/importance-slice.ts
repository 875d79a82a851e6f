import type { FeatureImportance, WorkerEvent } from '../worker/protocol';

/** The current model's permutation feature importance as the page shows it. */
export interface ImportanceState {
  /** Being computed in the worker, and the share done. */
  computing: boolean;
  progress: number;
  /** The last result for the current model (null before any). */
  result: FeatureImportance | null;
  /** Why it could not be computed (no held-out rows, no model), as the worker says it. */
  message: string | null;
}

export const initialImportance: ImportanceState = { computing: false, progress: 0, result: null, message: null };

/**
 * An `importance` event → new state. Pure. Events of another model than the current one (`currentId`:
 * the current run, or 0 for a model from a file) are dropped. A refusal keeps the last result.
 */
export function reduceImportance(state: ImportanceState, event: Extract<WorkerEvent, { type: 'importance' }>, currentId: number): ImportanceState {
  if (event.runId !== currentId) return state;
  if (event.importance) return { computing: false, progress: 1, result: event.importance, message: null };
  if (event.message) return { ...state, computing: false, progress: 0, message: event.message };
  return { ...state, computing: true, progress: event.progress, message: null };
}
