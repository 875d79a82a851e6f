/** Image side, pixel count and class count of MNIST / Kaggle Digit Recognizer data. */
export const IMAGE_SIDE = 28;
export const PIXELS = IMAGE_SIDE * IMAGE_SIDE;
export const CLASSES = 10;

/**
 * A set of 28x28 grey images held as bytes, exactly as the CSV gives them (0-255): 784 bytes an image,
 * so the 42,000-image Kaggle train set costs 33 MB rather than 132 MB as float32. Pixels are normalised
 * per batch (normalize.ts) when they are fed to the network.
 */
export interface Dataset {
  /** File name or sample name, for messages and the summary. */
  name: string;
  count: number;
  /** count × 784 bytes, image i at [i * 784, (i + 1) * 784), row-major. */
  pixels: Uint8Array;
  /** count labels 0-9, or null for an unlabeled (Kaggle test) file. */
  labels: Uint8Array | null;
}

/** Number of images of each class, `np.bincount(labels, minlength=10)`. */
export function classCounts(labels: Uint8Array, indices?: ArrayLike<number>): number[] {
  const counts = new Array<number>(CLASSES).fill(0);
  if (indices) for (let i = 0; i < indices.length; i++) counts[labels[indices[i]]]++;
  else for (let i = 0; i < labels.length; i++) counts[labels[i]]++;
  return counts;
}
