import { beforeAll, describe, expect, it } from 'vitest';
import { IMAGE_SIDE, PIXELS } from '../../../src/data/digits';
import { type InkImage, preprocessDrawing } from '../../../src/data/preprocess';
import { NOTEBOOK_PRESET } from '../../../src/train/config';
import { TrainingRun } from '../../../src/train/run';
import { type DigitSet, mnistSubset } from '../mnist';
import type { Evaluation } from '../../../src/engine/metrics';

/** A 28x28 MNIST digit drawn at pad size: bilinear upscaling, as smooth as a pen stroke. */
function renderLarge(pixels: Uint8Array, offset: number, size = 280): InkImage {
  const ink = new Float32Array(size * size);
  const at = (x: number, y: number) => (x < 0 || y < 0 || x >= IMAGE_SIDE || y >= IMAGE_SIDE ? 0 : pixels[offset + y * IMAGE_SIDE + x] / 255);
  for (let y = 0; y < size; y++) for (let x = 0; x < size; x++) {
    const sx = ((x + 0.5) * IMAGE_SIDE) / size - 0.5, sy = ((y + 0.5) * IMAGE_SIDE) / size - 0.5;
    const x0 = Math.floor(sx), y0 = Math.floor(sy), fx = sx - x0, fy = sy - y0;
    ink[y * size + x] = (1 - fy) * ((1 - fx) * at(x0, y0) + fx * at(x0 + 1, y0)) + fy * ((1 - fx) * at(x0, y0 + 1) + fx * at(x0 + 1, y0 + 1));
  }
  return { width: size, height: size, ink };
}

/** Pearson correlation of two images. */
function correlation(a: ArrayLike<number>, b: ArrayLike<number>): number {
  let ma = 0, mb = 0;
  for (let i = 0; i < PIXELS; i++) { ma += a[i]; mb += b[i]; }
  ma /= PIXELS; mb /= PIXELS;
  let ab = 0, aa = 0, bb = 0;
  for (let i = 0; i < PIXELS; i++) { ab += (a[i] - ma) * (b[i] - mb); aa += (a[i] - ma) ** 2; bb += (b[i] - mb) ** 2; }
  return ab / Math.sqrt(aa * bb);
}

describe('the drawing pipeline on real MNIST digits', () => {
  let held: DigitSet;
  beforeAll(() => {
    held = mnistSubset(1000, 50_000);
  });

  it('a real digit, drawn large and run through the pipeline, comes back close to the original', () => {
    const scores = Array.from({ length: 200 }, (_, i) => correlation(preprocessDrawing(renderLarge(held.x, i * PIXELS))!, held.x.subarray(i * PIXELS)));
    scores.sort((a, b) => a - b);
    expect(scores[100]).toBeGreaterThan(0.9); // median
    expect(scores[10]).toBeGreaterThan(0.75); // nearly all
  });

  it('held-out digits through the pipeline are classified within 1.5 points of the digits as given', () => {
    const run = new TrainingRun(mnistSubset(10_000), { ...NOTEBOOK_PRESET, epochs: 4, valShare: 0 });
    while (!run.done) {
      run.trainBatches(Number.POSITIVE_INFINITY);
      run.finishEpoch();
    }
    const piped = new Uint8Array(held.count * PIXELS);
    for (let i = 0; i < held.count; i++) piped.set(preprocessDrawing(renderLarge(held.x, i * PIXELS))!, i * PIXELS);
    const all = Int32Array.from({ length: held.count }, (_, i) => i);
    const asGiven = (run.evaluate(all, held) as Evaluation).accuracy;
    const drawn = (run.evaluate(all, { ...held, x: piped }) as Evaluation).accuracy;
    expect(asGiven).toBeGreaterThan(0.9);
    expect(Math.abs(asGiven - drawn)).toBeLessThanOrEqual(0.015);
  });
});
