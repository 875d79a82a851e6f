import { parseByteCell } from './csv-cells';
import type { Dataset } from './dataset';
import type { Schema } from './schema';

/**
 * Kaggle's Digit Recognizer layout, the one place that knows it: `label,pixel0..pixel783`, 28x28
 * grey images of the digits 0-9, one byte a pixel, fed to the network as x/255 (normalize.ts).
 */
export const IMAGE_SIDE = 28;
export const PIXELS = IMAGE_SIDE * IMAGE_SIDE;
export const CLASSES = 10;

/** What the network takes of a pixel byte x, as model files record it (normalize.ts computes it). */
export const DIGIT_NORMALIZATION = 'x/255';

/** The schema of every digit-layout file: 784 pixel inputs, ten classes named 0-9. */
export const DIGIT_SCHEMA: Schema = Object.freeze({
  layout: 'digits',
  columns: [{ name: 'label', kind: 'categorical', role: 'target' }],
  features: [],
  inputSize: PIXELS,
  target: { column: 'label', task: 'classification', classes: Array.from({ length: CLASSES }, (_, d) => String(d)) },
  image: { side: IMAGE_SIDE, maxValue: 255 },
  missing: 'fill',
  idColumn: null,
}) as Schema;

/** A digit-layout dataset: 784 bytes an image, and a label 0-9 each (or none: Kaggle's test.csv). */
export function digitDataset(name: string, pixels: Uint8Array, labels: Int32Array | null): Dataset {
  return { name, count: pixels.length / PIXELS, schema: DIGIT_SCHEMA, x: pixels, y: labels, fileRows: null };
}

/** The image bytes of a dataset of byte images (the digit layout); throws for a table's float features. */
export function imageBytes(ds: Dataset): Uint8Array {
  if (!(ds.x instanceof Uint8Array)) throw new Error(`"${ds.name}" holds a table's features, not image bytes`);
  return ds.x;
}

/**
 * Whether a file is in Kaggle's Digit Recognizer layout, from its first lines: comma-separated, 785
 * columns (label + 784 pixels) or 784 (pixels), and a header naming them (`label`, `pixel…`), or a
 * first data line of whole numbers 0-255 (the label 0-9).
 */
export function digitLayout(head: string): boolean {
  const text = head.charCodeAt(0) === 0xfeff ? head.slice(1) : head;
  const lines = text.split('\n', 3).map((l) => (l.endsWith('\r') ? l.slice(0, -1) : l));
  const cells = lines[0].split(',');
  if (cells.length !== PIXELS + 1 && cells.length !== PIXELS) return false;
  const first = cells[0].trim().toLowerCase();
  if (first === 'label' || first.startsWith('pixel')) return true;
  const bytes = (cs: string[]) => cs.length === cells.length && cs.every((c) => parseByteCell(c) >= 0) && (cs.length === PIXELS || parseByteCell(cs[0]) < CLASSES);
  return bytes(cells) || (lines.length > 1 && bytes(lines[1].split(',')));
}
