import { Augmenter } from '../data/augment';
import { imageBytes } from '../data/digits';
import { augmentOf, type TrainConfig } from '../train/config';
import { augmentSeed } from '../train/run';
import { type RunSource, isTableSource } from '../train/run-data';
import { type SettingName, settingError } from '../train/settings';
import type { WorkerEvent } from './protocol';

const AUGMENT_SETTINGS: SettingName[] = ['shift', 'rotation', 'scale', 'elasticAlpha', 'elasticSigma', 'seed'];

/**
 * The first `count` training images and what the run's augmentation would make of them, drawn from
 * the run's augmentation seed: the strip shows what the network sees.
 */
export function augmentPreview(requestId: number, train: RunSource | null, config: TrainConfig, count: number): WorkerEvent {
  const none = (message: string): WorkerEvent => ({ type: 'augmentPreview', requestId, originals: [], augmented: [], labels: [], message });
  if (train && isTableSource(train)) return none('Augmentation works on the digit layout\'s 28x28 images; a table is not augmented.');
  if (!train || !(train.y instanceof Int32Array)) return none('Load labeled training data to preview its augmentation.');
  const labels = train.y, pixels = imageBytes(train), w = train.schema.inputSize;
  for (const name of AUGMENT_SETTINGS) {
    const problem = settingError(name, config[name]);
    if (problem) return none(problem);
  }
  const n = Math.max(0, Math.min(count, train.count, 64));
  const order = Int32Array.from({ length: n }, (_, i) => i);
  const out = new Uint8Array(n * w);
  new Augmenter(augmentOf(config), augmentSeed(config.seed), Math.max(1, n)).augmentRows(pixels, order, 0, n, out, 0);
  return {
    type: 'augmentPreview', requestId,
    originals: Array.from({ length: n }, (_, i) => pixels.slice(i * w, (i + 1) * w)),
    augmented: Array.from({ length: n }, (_, i) => out.slice(i * w, (i + 1) * w)),
    labels: Array.from(labels.subarray(0, n)),
  };
}
