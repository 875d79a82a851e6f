import type { Schema } from '../data/schema';
import type { AppState } from './store';

/**
 * The schema of the model the page shows: the current run's (as the worker prepared it), else the
 * model loaded from a file; null before either. Views name classes and read images through it.
 */
export function currentSchema(s: Pick<AppState, 'training' | 'modelFile'>): Schema | null {
  const run = s.training.runs.find((r) => r.id === s.training.currentId);
  return run?.schema ?? s.modelFile.loaded?.schema ?? null;
}

/** Class k's name under a schema (the digit layout's "0" … "9"), or k itself without one. */
export function className(schema: Schema | null, k: number): string {
  return schema?.target.task === 'classification' ? schema.target.classes[k] ?? String(k) : String(k);
}

/** Whether the model reads square images the page can draw (the digit layout, or an image table shown as images). */
export function readsImages(schema: Schema | null, showImages: boolean): boolean {
  return !!schema?.image && (schema.layout === 'digits' || showImages);
}
