/**
 * Augmentation on the WebAssembly trainer's threads (src/engine/wasm/as/augment.ts) against the
 * TypeScript Augmenter (src/data/augment.ts, the oracle): byte for byte on 1, 2 and 3 threads, across
 * several plans (the elastic fields' bank filling, then refreshed, entries reused), and whole runs with
 * augmentation identical run after run on each thread count.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { spawnNodeThread } from '../../../cli/threads';
import { type AugmentSpec, Augmenter } from '../../../src/data/augment';
import { PIXELS } from '../../../src/data/digits';
import { WasmTrainer } from '../../../src/engine/wasm/trainer';
import { NOTEBOOK_PRESET, type TrainConfig } from '../../../src/train/config';
import { TrainingRun } from '../../../src/train/run';
import { type DigitSet, mnistSubset } from '../mnist';

let data: DigitSet;
beforeAll(() => {
  data = mnistSubset(1000);
});

const SPECS: Record<string, AugmentSpec> = {
  elastic: { shift: 0, rotation: 0, scale: 0, elasticAlpha: 34, elasticSigma: 4 },
  'elastic + affine, wide kernel': { shift: 2, rotation: 12, scale: 15, elasticAlpha: 20, elasticSigma: 9 },
  affine: { shift: 1, rotation: 10, scale: 10, elasticAlpha: 0, elasticSigma: 4 },
  'shift only': { shift: 3, rotation: 0, scale: 0, elasticAlpha: 0, elasticSigma: 4 },
};

describe('augmentation on the WebAssembly threads', () => {
  for (const [name, spec] of Object.entries(SPECS)) {
    it(`${name}: the same bytes as the TypeScript Augmenter on 1, 2 and 3 threads`, async () => {
      const staging = 300; // plans of 300 rows: the bank (256 fields) fills in the first, then refreshes
      const order = Int32Array.from({ length: 1000 }, (_, i) => (i * 617) % data.count);
      for (const threads of [1, 2, 3]) {
        const oracle = new Augmenter(spec, 99, staging), ours = new Augmenter(spec, 99, staging);
        const trainer = WasmTrainer.create({
          widths: [PIXELS, 16, 10], activation: 'relu', optimizer: 'sgd', lr: 0.1, weightDecay: 0, batchSize: 50,
          inputs: data.x, targets: data.y, trainRows: data.count, threads, stagingRows: staging,
          elastic: ours.elasticFields ? { kernel: ours.kernel, alpha: spec.elasticAlpha } : null,
        }, spawnNodeThread)!;
        expect(await trainer.ready).toBe(threads);
        const expected = new Uint8Array(staging * PIXELS);
        try {
          for (let start = 0; start < order.length; start += staging) {
            const end = Math.min(order.length, start + staging);
            oracle.augmentRows(data.x, order, start, end, expected, 0);
            trainer.runAugment(end - start, ours.plan(order, start, end, trainer.augmentPlan));
            const rows = (end - start) * PIXELS;
            expect(Buffer.from(trainer.staged.pixels.subarray(0, rows)).equals(Buffer.from(expected.subarray(0, rows)))).toBe(true);
          }
        } finally {
          trainer.dispose();
        }
      }
    });
  }
});

describe('runs with augmentation on threads', () => {
  async function run(config: Partial<TrainConfig>) {
    const r = new TrainingRun(data, { ...NOTEBOOK_PRESET, hidden: [32], epochs: 2, batchSize: 40, ...config }, () => 0, { spawn: spawnNodeThread });
    await r.ready;
    const metrics = [];
    while (!r.done) {
      r.trainBatches(Infinity);
      const { trainLoss, trainAcc, valLoss, valAcc } = r.finishEpoch();
      metrics.push({ trainLoss, trainAcc, valLoss, valAcc });
    }
    const out = { metrics, weights: r.model.getWeights(), threads: r.engine.threads };
    r.dispose();
    return out;
  }

  it('the same seed, settings and thread count give the identical run on 1, 2 and 3 threads', async () => {
    const config = { elasticAlpha: 34, elasticSigma: 4, rotation: 10, shift: 2 };
    for (const threads of [1, 2, 3]) {
      const [a, b] = [await run({ ...config, threads }), await run({ ...config, threads })];
      expect(a.threads).toBe(threads);
      expect(b.metrics).toEqual(a.metrics);
      expect(Buffer.from(b.weights.buffer).equals(Buffer.from(a.weights.buffer))).toBe(true);
    }
  });

  it('the threads see the same augmented images: 1, 2 and 3 threads train alike', async () => {
    const config = { elasticAlpha: 34, elasticSigma: 4, threads: 1 };
    const [one, two, three] = [await run(config), await run({ ...config, threads: 2 }), await run({ ...config, threads: 3 })];
    // The sums of the last layer are ordered differently on threads; the images are the same, so the
    // losses agree to rounding (other images would differ by far more).
    for (const other of [two, three]) {
      for (let e = 0; e < one.metrics.length; e++) expect(Math.abs(other.metrics[e].trainLoss - one.metrics[e].trainLoss)).toBeLessThan(1e-2);
    }
  });
});
