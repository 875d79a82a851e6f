import type { Rng } from '../engine/rng';
import { CLASSES } from './dataset';

/**
 * How the held-out rows are chosen:
 * - 'sequential': the first rows train and the last rows are held out, in file order (the notebook's
 *   `X[:split], X[split:]`).
 * - 'shuffled': a stratified random split from the seed: each class gives the same share to the
 *   held-out set, so its class balance matches the whole file.
 */
export type SplitMode = 'sequential' | 'shuffled';

export interface Split {
  train: Int32Array;
  val: Int32Array;
}

/** Number of held-out rows for a share, rounded; at least 1 train row stays when count > 0. */
export function heldOutCount(count: number, valShare: number): number {
  return Math.min(Math.max(count - 1, 0), Math.round(count * valShare));
}

export function splitIndices(
  count: number, labels: Uint8Array | null, valShare: number, mode: SplitMode, rng: Rng,
): Split {
  if (!(valShare >= 0 && valShare < 1)) throw new Error(`Validation split must be at least 0 and below 1, got ${valShare}`);
  if (mode === 'sequential' || !labels) {
    const nTrain = count - heldOutCount(count, valShare);
    const all = Int32Array.from({ length: count }, (_, i) => i);
    return { train: all.subarray(0, nTrain), val: all.subarray(nTrain) };
  }
  const byClass: number[][] = Array.from({ length: CLASSES }, () => []);
  for (let i = 0; i < count; i++) byClass[labels[i]].push(i);
  const train: number[] = [];
  const val: number[] = [];
  for (const members of byClass) {
    rng.shuffle(members);
    const nVal = Math.round(members.length * valShare);
    val.push(...members.slice(0, nVal));
    train.push(...members.slice(nVal));
  }
  // Sorted so that the split itself does not fix the batch order; the epoch order decides that.
  return { train: Int32Array.from(train).sort(), val: Int32Array.from(val).sort() };
}
