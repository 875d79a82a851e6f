import { PIXELS, classCounts, type Dataset } from '../data/dataset';
import type { DatasetRole, DatasetSummary } from './protocol';

/** How many images the summary's preview strip shows. */
export const PREVIEW_SAMPLES = 16;

export function summarize(ds: Dataset, role: DatasetRole, parseMs: number, fileBytes: number): DatasetSummary {
  const shown = Math.min(PREVIEW_SAMPLES, ds.count);
  return {
    name: ds.name,
    role,
    rows: ds.count,
    labeled: ds.labels !== null,
    classCounts: ds.labels ? classCounts(ds.labels) : null,
    samples: Array.from({ length: shown }, (_, i) => ({
      pixels: ds.pixels.slice(i * PIXELS, (i + 1) * PIXELS),
      label: ds.labels ? ds.labels[i] : null,
    })),
    // The buffers, not the views: what the worker really holds.
    bytes: ds.pixels.buffer.byteLength + (ds.labels ? ds.labels.buffer.byteLength : 0),
    parseMs,
    fileBytes,
  };
}
