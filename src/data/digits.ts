import type { Dataset } from './dataset';
import type { Schema } from './schema';

/**
 * Kaggle's Digit Recognizer layout, the one place that knows it: `label,pixel0..pixel783`, 28x28
 * grey images of the digits 0-9, one byte a pixel, fed to the network as x/255 (normalize.ts).
 */
export const IMAGE_SIDE = 28;
export const PIXELS = IMAGE_SIDE * IMAGE_SIDE;
export const CLASSES = 10;

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
