import type { Rng } from '../engine/rng';

/**
 * How the held-out rows are chosen:
 * - 'sequential': the first rows train and the last rows are held out, in file order (the notebook's
 *   `X[:split], X[split:]`).
 * - 'shuffled': a random split from the seed; stratified when the rows have classes: each class
 *   gives the same share to the held-out set, so its class balance matches the whole file.
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

/** The rows' classes, for a stratified split: a class index 0 .. classes − 1 per row. */
export interface Strata { labels: Int32Array; classes: number }

/** Splits rows 0 .. count − 1; `strata` null for rows without classes (a regression). */
export function splitIndices(count: number, strata: Strata | null, valShare: number, mode: SplitMode, rng: Rng): Split {
  if (!(valShare >= 0 && valShare < 1)) throw new Error(`Validation split must be at least 0 and below 1, got ${valShare}`);
  const all = Int32Array.from({ length: count }, (_, i) => i);
  if (mode === 'sequential') {
    const nTrain = count - heldOutCount(count, valShare);
    return { train: all.subarray(0, nTrain), val: all.subarray(nTrain) };
  }
  if (!strata) {
    rng.shuffle(all);
    const nVal = heldOutCount(count, valShare);
    return { train: all.slice(nVal).sort(), val: all.slice(0, nVal).sort() };
  }
  const { labels } = strata;
  const byClass: number[][] = Array.from({ length: strata.classes }, () => []);
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
