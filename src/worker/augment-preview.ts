import { Augmenter } from '../data/augment';
import { PIXELS, type Dataset } from '../data/dataset';
import { augmentOf, type TrainConfig } from '../train/config';
import { augmentSeed } from '../train/run';
import { type SettingName, settingError } from '../train/settings';
import type { WorkerEvent } from './protocol';

const AUGMENT_SETTINGS: SettingName[] = ['shift', 'rotation', 'scale', 'elasticAlpha', 'elasticSigma', 'seed'];

/**
 * The first `count` training images and what the run's augmentation would make of them, drawn from
 * the run's augmentation seed: the strip shows what the network sees.
 */
export function augmentPreview(requestId: number, train: Dataset | null, config: TrainConfig, count: number): WorkerEvent {
  const none = (message: string): WorkerEvent => ({ type: 'augmentPreview', requestId, originals: [], augmented: [], labels: [], message });
  if (!train || !train.labels) return none('Load labeled training data to preview its augmentation.');
  for (const name of AUGMENT_SETTINGS) {
    const problem = settingError(name, config[name]);
    if (problem) return none(problem);
  }
  const n = Math.max(0, Math.min(count, train.count, 64));
  const order = Int32Array.from({ length: n }, (_, i) => i);
  const out = new Uint8Array(n * PIXELS);
  new Augmenter(augmentOf(config), augmentSeed(config.seed)).augmentRows(train.pixels, order, 0, n, out, 0);
  return {
    type: 'augmentPreview', requestId,
    originals: Array.from({ length: n }, (_, i) => train.pixels.slice(i * PIXELS, (i + 1) * PIXELS)),
    augmented: Array.from({ length: n }, (_, i) => out.slice(i * PIXELS, (i + 1) * PIXELS)),
    labels: Array.from(train.labels.subarray(0, n)),
  };
}
