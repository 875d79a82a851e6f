/**
 * Rows as raw bytes, the format the training benchmarks hand their peers and their page (NumPy reads
 * it with np.fromfile): 785 bytes a row, the label, then the 784 pixels.
 */
import { PIXELS } from '../src/data/digits';

const ROW = PIXELS + 1;

export function rawRows(pixels: Uint8Array, labels: Uint8Array): Uint8Array {
  const n = labels.length, out = new Uint8Array(n * ROW);
  for (let i = 0; i < n; i++) {
    out[i * ROW] = labels[i];
    out.set(pixels.subarray(i * PIXELS, (i + 1) * PIXELS), i * ROW + 1);
  }
  return out;
}

/** The pixels and labels of rawRows' bytes. */
export function fromRawRows(rows: Uint8Array): { pixels: Uint8Array; labels: Uint8Array } {
  const n = rows.length / ROW, pixels = new Uint8Array(n * PIXELS), labels = new Uint8Array(n);
  for (let i = 0; i < n; i++) {
    labels[i] = rows[i * ROW];
    pixels.set(rows.subarray(i * ROW + 1, (i + 1) * ROW), i * PIXELS);
  }
  return { pixels, labels };
}
