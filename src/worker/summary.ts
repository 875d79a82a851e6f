import { type Dataset, classCounts } from '../data/dataset';
import { cellText, tableBytes } from '../data/table';
import { resolveTable } from '../train/table-settings';
import { type RunSource, isTableSource } from '../train/run-data';
import type { DatasetRole, DatasetSummary } from './protocol';

/** How many images the summary's preview strip shows. */
export const PREVIEW_SAMPLES = 16;
/** A table's rows shown as they were written. */
export const PREVIEW_ROWS = 5;

/**
 * What the page shows of a loaded file: its size and memory, and for the digit layout its class
 * balance and first images; for a table its profile, its first rows as written, and, when its
 * columns (with the default target) are the pixels of square images, its first rows as images.
 */
export function summarize(source: RunSource, role: DatasetRole, parseMs: number, fileBytes: number): DatasetSummary {
  if (!isTableSource(source)) return summarizeDigits(source, role, parseMs, fileBytes);
  const { table, profile } = source;
  const shown = Math.min(PREVIEW_SAMPLES, table.rows);
  const choice = resolveTable(profile, {}).choice;
  const image = choice?.image ?? null;
  const pixelCols = image ? choice!.features.map((f) => table.columns[f.column]) : [];
  const targetCol = choice ? table.columns[choice.target] : null;
  return {
    name: table.name, role, layout: 'table', rows: table.rows, labeled: true, classCounts: null,
    samples: image ? Array.from({ length: shown }, (_, i) => ({
      pixels: Uint8Array.from(pixelCols, (c) => Math.round((255 * (c.values[i] || 0)) / image.maxValue)),
      label: targetCol ? cellText(targetCol, i) : null,
    })) : [],
    imageSide: image?.side ?? 0,
    columns: profile,
    preview: Array.from({ length: Math.min(PREVIEW_ROWS, table.rows) }, (_, i) => table.columns.map((c) => cellText(c, i))),
    format: { delimiter: table.delimiter, header: table.header },
    bytes: tableBytes(table), parseMs, fileBytes,
  };
}

function summarizeDigits(ds: Dataset, role: DatasetRole, parseMs: number, fileBytes: number): DatasetSummary {
  const shown = Math.min(PREVIEW_SAMPLES, ds.count), w = ds.schema.inputSize, labels = ds.y as Int32Array | null;
  const classes = ds.schema.target.task === 'classification' ? ds.schema.target.classes : [];
  return {
    name: ds.name, role, layout: 'digits', rows: ds.count, labeled: labels !== null,
    classCounts: labels ? classCounts(labels, classes.length) : null,
    samples: Array.from({ length: shown }, (_, i) => ({
      pixels: (ds.x as Uint8Array).slice(i * w, (i + 1) * w),
      label: labels ? classes[labels[i]] : null,
    })),
    imageSide: ds.schema.image?.side ?? 0,
    columns: null, preview: null, format: null,
    // The buffers, not the views: what the worker really holds.
    bytes: ds.x.buffer.byteLength + (labels ? labels.buffer.byteLength : 0),
    parseMs,
    fileBytes,
  };
}
