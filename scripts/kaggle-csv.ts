/** Writes digits as a Kaggle Digit Recognizer CSV (`label,pixel0..pixel783`, or pixels only). */
import { createWriteStream } from 'node:fs';
import { PIXELS } from '../src/data/digits';

export function kaggleHeader(labeled: boolean): string {
  const pixels = Array.from({ length: PIXELS }, (_, i) => `pixel${i}`).join(',');
  return labeled ? `label,${pixels}` : pixels;
}

/** One CSV line (no line end) for image `i`. */
export function kaggleRow(pixels: Uint8Array, i: number, label: number | null): string {
  const row = pixels.subarray(i * PIXELS, (i + 1) * PIXELS).join(',');
  return label === null ? row : `${label},${row}`;
}

/** Writes rows [from, to) of a digit set to `path`, with LF line ends and a final newline as Kaggle's files. */
export async function writeKaggleCsv(
  path: string, parts: { pixels: Uint8Array; labels: Uint8Array; from: number; to: number }[], labeled: boolean,
): Promise<void> {
  const out = createWriteStream(path);
  const write = (s: string) => new Promise<void>((resolve, reject) => out.write(s, (e) => (e ? reject(e) : resolve())));
  await write(kaggleHeader(labeled) + '\n');
  for (const part of parts) {
    let chunk: string[] = [];
    for (let i = part.from; i < part.to; i++) {
      chunk.push(kaggleRow(part.pixels, i, labeled ? part.labels[i] : null));
      if (chunk.length === 1000) { await write(chunk.join('\n') + '\n'); chunk = []; }
    }
    if (chunk.length) await write(chunk.join('\n') + '\n');
  }
  await new Promise<void>((resolve, reject) => out.end((e?: Error | null) => (e ? reject(e) : resolve())));
}
