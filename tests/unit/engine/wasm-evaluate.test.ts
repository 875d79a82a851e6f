/**
 * Evaluation on the WebAssembly trainer's threads against one thread's, bit for bit (each thread takes
 * its rows through the whole network), and predictions of drawings and files to predict on the
 * WebAssembly kernels (Predictor) against the TypeScript layers, the oracle, within 1e-6.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { spawnNodeThread } from '../../../cli/threads';
import type { Dataset } from '../../../src/data/dataset';
import { PIXELS } from '../../../src/data/digits';
import { normalizePixels } from '../../../src/data/normalize';
import { zeros } from '../../../src/engine/matrix';
import { softmax } from '../../../src/engine/loss';
import { Rng } from '../../../src/engine/rng';
import { PREDICT_ROWS, Predictor } from '../../../src/engine/wasm/predict';
import { WasmTrainer } from '../../../src/engine/wasm/trainer';
import { predictAll } from '../../../src/model-file/submission';
import { NOTEBOOK_PRESET } from '../../../src/train/config';
import { TrainingRun } from '../../../src/train/run';
import { type DigitSet, mnistSubset } from '../mnist';
import { countedThreads } from '../threads';

let data: DigitSet;
beforeAll(() => {
  data = mnistSubset(1200);
});

/** Every row's outputs and loss of `rows` on a trainer of `threads` threads with the given weights. */
async function evaluateOn(threads: number, ds: { x: Uint8Array | Float32Array; y: Int32Array }, widths: number[], weights: Float32Array[], rows: Int32Array) {
  const trainer = WasmTrainer.create({
    widths, activation: 'tanh', optimizer: 'sgd', lr: 0, weightDecay: 0, batchSize: 32, inputs: ds.x, targets: ds.y, trainRows: 0, threads,
  }, spawnNodeThread)!;
  expect(await trainer.ready).toBe(threads);
  trainer.layers.forEach((l, i) => {
    l.W.set(weights[2 * i]);
    l.b.set(weights[2 * i + 1]);
  });
  const k = widths.at(-1)!, outputs = new Float32Array(rows.length * k), losses = new Float32Array(rows.length);
  const hidden = new Float32Array(rows.length * widths[1]);
  trainer.evaluate(rows, (start, n, probs, loss) => {
    outputs.set(probs.subarray(0, n * k), start * k);
    losses.set(loss.subarray(0, n), start);
    hidden.set(trainer.activations[0].subarray(0, n * widths[1]), start * widths[1]);
  });
  trainer.dispose();
  return { outputs, losses, hidden };
}

const bits = (a: Float32Array) => Buffer.from(a.buffer, a.byteOffset, a.byteLength);

describe('evaluation on threads', () => {
  it('equals the one-thread evaluation bit for bit: sparse and dense images, float rows, a chunk not a multiple of the threads', async () => {
    const rng = new Rng(5);
    const widths = [PIXELS, 40, 24, 10];
    const weights = widths.slice(1).flatMap((n, l) => [
      Float32Array.from({ length: widths[l] * n }, () => rng.normal() * 0.1), Float32Array.from({ length: n }, () => rng.normal() * 0.1),
    ]);
    const dense = { x: data.x.map((v) => 255 - v), y: data.y };
    const floats = { x: Float32Array.from(data.x, (v) => v / 255 - 0.3), y: data.y };
    const rows = Int32Array.from({ length: 1001 }, (_, i) => (i * 37) % data.count); // chunks of 256, the last of 233
    for (const ds of [data, dense, floats]) {
      const one = await evaluateOn(1, ds, widths, weights, rows);
      for (const threads of [2, 3]) {
        const many = await evaluateOn(threads, ds, widths, weights, rows);
        expect(bits(many.outputs).equals(bits(one.outputs))).toBe(true);
        expect(bits(many.losses).equals(bits(one.losses))).toBe(true);
        expect(bits(many.hidden).equals(bits(one.hidden))).toBe(true);
      }
    }
  });

  it('runs on one thread until its helpers run and after they end; refuses to train before them', async () => {
    const widths = [PIXELS, 32, 10], rows = Int32Array.from({ length: 300 }, (_, i) => i);
    const trainer = WasmTrainer.create({
      widths, activation: 'relu', optimizer: 'sgd', lr: 0.1, weightDecay: 0, batchSize: 32, inputs: data.x, targets: data.y, trainRows: data.count, threads: 2,
    }, spawnNodeThread)!;
    const outputs = () => {
      const out = new Float32Array(rows.length * 10);
      trainer.evaluate(rows, (start, n, probs) => out.set(probs.subarray(0, n * 10), start * 10));
      return bits(out);
    };
    expect(trainer.activeThreads).toBe(1);
    expect(() => trainer.runSlice(0, 1)).toThrow('before its helper threads run');
    const before = outputs();
    expect(await trainer.ready).toBe(2);
    expect(trainer.activeThreads).toBe(2);
    expect(outputs()).toEqual(before);
    trainer.dispose();
    expect(trainer.activeThreads).toBe(1);
    expect(outputs()).toEqual(before); // not a wait for the ended helpers
  });

  it('a run on two threads reports the held-out metrics that one thread computes from the same weights', async () => {
    const run = new TrainingRun(data, { ...NOTEBOOK_PRESET, hidden: [64], epochs: 1, threads: 2 }, () => 0, { spawn: spawnNodeThread });
    expect(await run.ready).toBe(2);
    run.trainBatches(Infinity);
    const m = run.finishEpoch();
    const weights = run.model.getWeights();
    run.dispose();
    const one = new TrainingRun(data, { ...NOTEBOOK_PRESET, hidden: [64], epochs: 1, threads: 1 }, () => 0);
    one.model.setWeights(weights);
    const val = one.evaluate(one.split.val) as { meanLoss: number; accuracy: number };
    expect(val.meanLoss).toBe(m.valLoss);
    expect(val.accuracy).toBe(m.valAcc);
    one.dispose();
  });
});

describe('predictions on the WebAssembly kernels', () => {
  function oracle(model: TrainingRun['model'], x: { rows: number; cols: number; data: Float32Array }) {
    return softmax(model.forward(x), zeros(x.rows, model.outputSize)).data;
  }

  it('a drawing and a file to predict: the TypeScript layers\' probabilities within 1e-6, the same classes', async () => {
    for (const config of [{ hidden: [64], activation: 'relu' as const }, { hidden: [48, 32], activation: 'tanh' as const }]) {
      const run = new TrainingRun(data, { ...NOTEBOOK_PRESET, ...config, epochs: 1 }, () => 0);
      run.trainBatches(Infinity);
      const model = run.model, predictor = new Predictor();
      // A drawing: one row of pixels x / 255.
      const x = zeros(1, PIXELS);
      normalizePixels(data.x, 7 * PIXELS, x.data, 0, PIXELS);
      const ours = predictor.outputs(model, x, false), theirs = oracle(model, x);
      expect(ours.length).toBe(10);
      for (let j = 0; j < 10; j++) expect(Math.abs(ours[j] - theirs[j])).toBeLessThanOrEqual(1e-6);
      // A file: more rows than the predictor's chunk.
      const n = PREDICT_ROWS * 2 + 17, xs = zeros(n, PIXELS);
      normalizePixels(data.x, 0, xs.data, 0, n * PIXELS);
      const many = predictor.outputs(model, xs, false), ref = oracle(model, xs);
      let worst = 0;
      for (let i = 0; i < many.length; i++) worst = Math.max(worst, Math.abs(many[i] - ref[i]));
      expect(worst).toBeLessThanOrEqual(1e-6);
      expect(worst).toBeGreaterThanOrEqual(0);
      // The submission's classes: the oracle's argmax on every row.
      const file: Dataset = { ...data, count: n, x: data.x.subarray(0, n * PIXELS), y: null };
      const classes = predictAll(model, file);
      for (let r = 0; r < n; r++) {
        let best = 0;
        for (let j = 1; j < 10; j++) if (ref[r * 10 + j] > ref[r * 10 + best]) best = j;
        expect(classes[r]).toBe(best);
      }
      run.dispose();
    }
  });

  it('on the current run\'s threads: a drawing\'s and a file\'s probabilities bit for bit the one-thread ones, before and after the helpers run', async () => {
    const run = new TrainingRun(data, { ...NOTEBOOK_PRESET, hidden: [48, 32], epochs: 1 }, () => 0);
    run.trainBatches(Infinity);
    const n = PREDICT_ROWS + 41, xs = zeros(n, PIXELS);
    normalizePixels(data.x, 0, xs.data, 0, n * PIXELS);
    const one = new Predictor().outputs(run.model, xs, false);
    for (const threads of [2, 3]) {
      const { threading, started, spawned } = countedThreads(threads);
      const predictor = new Predictor({ threading });
      expect(bits(predictor.outputs(run.model, xs, false))).toEqual(bits(one)); // one thread while the helpers start
      expect([spawned(), predictor.threads]).toEqual([threads - 1, 1]);
      await started();
      expect(predictor.threads).toBe(threads);
      expect(bits(predictor.outputs(run.model, xs, false))).toEqual(bits(one));
      predictor.dispose();
      // Its helpers ended, it goes on with one thread (rather than waiting for them at a barrier).
      expect(predictor.threads).toBe(1);
    }
    run.dispose();
  });
});

