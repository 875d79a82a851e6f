/**
 * The WebAssembly trainer: its fused step against finite differences and against the TypeScript engine
 * (the oracle) on whole short runs, and its determinism on one and two threads. (A diverging run on
 * it is tested in tests/unit/train/run.test.ts, which trains on it by default.)
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { spawnNodeThread } from '../../../cli/threads';
import type { Dataset } from '../../../src/data/dataset';
import { WasmTrainer } from '../../../src/engine/wasm/trainer';
import { NOTEBOOK_PRESET, type TrainConfig } from '../../../src/train/config';
import { TrainingRun } from '../../../src/train/run';
import { mnistSubset } from '../mnist';
import { parseTableCsv } from '../../../src/data/table-csv';
import { profileTable } from '../../../src/data/profile';
import { TABLE_PRESET } from '../../../src/train/presets';
import { syntheticCsv } from '../table-fixtures';
import { Rng } from '../../../src/engine/rng';

let data: Dataset;
let dense: Dataset;
beforeAll(() => {
  data = mnistSubset(1000); // 800 train rows
  dense = { ...data, name: 'inverted', x: (data.x as Uint8Array).map((x) => 255 - x) };
});

/** Trains `epochs` epochs and returns every epoch's metrics and the final weights. */
async function train(ds: Dataset, config: Partial<TrainConfig>, engine: ConstructorParameters<typeof TrainingRun>[3] = {}) {
  const run = new TrainingRun(ds, { ...NOTEBOOK_PRESET, hidden: [32], epochs: 2, ...config }, () => 0, engine);
  await run.ready;
  const metrics = [];
  while (!run.done) {
    run.trainBatches(Infinity);
    const { epoch, trainLoss, trainAcc, valLoss, valAcc } = run.finishEpoch();
    metrics.push({ epoch, trainLoss, trainAcc, valLoss, valAcc });
  }
  const out = { metrics, weights: run.model.getWeights(), engine: run.engine, kernels: run.kernels };
  run.dispose();
  return out;
}

const closeTo = (a: number, b: number, rel: number) => expect(Math.abs(a - b)).toBeLessThanOrEqual(rel * Math.max(1, Math.abs(b)));

describe('WebAssembly trainer: gradients by finite differences', () => {
  // Small layers on tiny images so every parameter can be checked; 6 rows, batch 6 (one step).
  // A table's rows are float features, its target classes or (one output) a value with a squared error.
  for (const [name, widths, activation, zeroShare, table] of [
    ['sparse input, ReLU', [20, 8, 4], 'relu', 0.8, null],
    ['dense input, two hidden tanh layers', [20, 8, 6, 4], 'tanh', 0, null],
    ['sigmoid', [20, 12, 4], 'sigmoid', 0.5, null],
    ['float features, classes, ReLU', [9, 8, 3], 'relu', 0, 'classes'],
    ['float features, a regression, two tanh layers', [9, 8, 6, 1], 'tanh', 0, 'values'],
  ] as const) {
    it(`every dW and db of one step (${name})`, () => {
      const rng = new Rng(7);
      const rows = 6, inputs = widths[0];
      const pixels = Uint8Array.from({ length: rows * inputs }, () => (rng.random() < zeroShare ? 0 : 1 + Math.floor(rng.random() * 255)));
      const features = Float32Array.from({ length: rows * inputs }, () => rng.normal());
      const labels = table === 'values' ? Float32Array.from({ length: rows }, () => rng.normal()) : Int32Array.from({ length: rows }, (_, i) => i % widths.at(-1)!);
      const trainer = WasmTrainer.create({
        widths: [...widths], activation, optimizer: 'sgd', lr: 1e-30, weightDecay: 0, batchSize: rows, inputs: table ? features : pixels, targets: labels, trainRows: rows, threads: 1,
      })!;
      trainer.layers.forEach((l) => { for (let i = 0; i < l.W.length; i++) l.W[i] = rng.normal() * 0.5; for (let i = 0; i < l.b.length; i++) l.b[i] = rng.normal() * 0.1; });
      const all = Int32Array.from({ length: rows }, (_, i) => i);
      trainer.setOrder(all);
      trainer.keepGradients = true;
      const loss = () => { let s = 0; trainer.evaluate(all, (_, n, __, losses) => { for (let r = 0; r < n; r++) s += losses[r]; }); return s / rows; };
      trainer.runSlice(0, 1); // fills dW, db; an update of 1e-30 leaves W as it was
      for (const layer of trainer.layers) {
        for (const [value, grad] of [[layer.W, layer.dW.slice()], [layer.b, layer.db.slice()]] as const) {
          for (let i = 0; i < value.length; i++) {
            const v = value[i], eps = 1e-2;
            value[i] = v + eps; const up = loss();
            value[i] = v - eps; const down = loss();
            value[i] = v;
            const numeric = (up - down) / (2 * eps);
            expect(Math.abs(grad[i] - numeric)).toBeLessThan(2e-3 * Math.max(1, Math.abs(numeric)) + 1e-4);
          }
        }
      }
    });
  }
});

describe('WebAssembly trainer against the TypeScript engine', () => {
  const cases: [string, Partial<TrainConfig>, () => Dataset][] = [
    ['the notebook recipe on MNIST (sparse first layer)', {}, () => data],
    ['dense images', {}, () => dense],
    ['two sigmoid layers, Adam, L2', { hidden: [24, 16], activation: 'sigmoid', optimizer: 'adam', lr: 0.003, weightDecay: 1e-4 }, () => data],
    ['momentum, tanh, shuffled, a short last batch', { activation: 'tanh', optimizer: 'momentum', lr: 0.05, batchSize: 48, shuffle: true }, () => data],
    ['softmax regression', { hidden: [] }, () => data],
    ['dropout on two tanh layers, Adam (the same masks)', { hidden: [24, 16], activation: 'tanh', optimizer: 'adam', lr: 0.003, dropout: [0.3, 0.2] }, () => data],
    ['augmented batches (shift, rotation, scale, elastic) with ReLU dropout', {
      dropout: [0.25], shift: 2, rotation: 10, scale: 10, elasticAlpha: 8, elasticSigma: 4, shuffle: true, batchSize: 48,
    }, () => data],
  ];
  // A table: its prepared float features, classes or a value (squared error, one linear output).
  const tableRun = async (config: Partial<TrainConfig>, kernels?: 'js') => {
    const t = parseTableCsv('synthetic.csv', syntheticCsv(600)), source = { table: t, profile: profileTable(t) };
    const run = new TrainingRun(source, { ...TABLE_PRESET, batchSize: 50, epochs: 3, patience: 0, ...config }, () => 0, kernels ? { kernels } : {});
    const metrics = [];
    while (!run.done) {
      run.trainBatches(Infinity);
      metrics.push(run.finishEpoch());
    }
    return { metrics, weights: run.model.getWeights(), engine: run.engine };
  };
  const tableCases: [string, Partial<TrainConfig>][] = [
    ['a table of classes (numbers, a one-hot category, missing cells filled)', { target: 'kind' }],
    ['a regression on a table, two sigmoid layers, dropout', { target: 'value', hidden: [16, 8], activation: 'sigmoid', dropout: [0.2] }],
  ];
  for (const [name, config] of tableCases) {
    it(`${name}: the same metrics within float rounding`, async () => {
      const [wasm, js] = [await tableRun(config), await tableRun(config, 'js')];
      expect(wasm.engine.kernel).toMatch(/^wasm/);
      for (let e = 0; e < js.metrics.length; e++) {
        closeTo(wasm.metrics[e].trainLoss, js.metrics[e].trainLoss, 1e-4);
        closeTo(wasm.metrics[e].valLoss, js.metrics[e].valLoss, 1e-4);
        for (const k of ['trainR2', 'valR2', 'valRmse', 'valMae', 'trainMae'] as const) {
          if (js.metrics[e][k] !== undefined) closeTo(wasm.metrics[e][k]!, js.metrics[e][k]!, 1e-4);
        }
      }
      let worst = 0;
      for (let i = 0; i < js.weights.length; i++) worst = Math.max(worst, Math.abs(wasm.weights[i] - js.weights[i]));
      expect(worst).toBeLessThan(1e-4);
    });
  }
  for (const [name, config, ds] of cases) {
    it(`${name}: the same metrics within float rounding`, async () => {
      const [wasm, js] = [await train(ds(), config), await train(ds(), config, { kernels: 'js' })];
      expect(wasm.engine.kernel).toMatch(/^wasm/);
      expect(js.engine).toEqual({ kernel: 'js', threads: 1, memoryBytes: 0 });
      for (let e = 0; e < js.metrics.length; e++) {
        closeTo(wasm.metrics[e].trainLoss, js.metrics[e].trainLoss, 1e-3);
        closeTo(wasm.metrics[e].valLoss, js.metrics[e].valLoss, 1e-3);
        expect(Math.abs(wasm.metrics[e].valAcc - js.metrics[e].valAcc)).toBeLessThanOrEqual(0.01); // 2 of 200 rows
      }
      let worst = 0;
      for (let i = 0; i < js.weights.length; i++) worst = Math.max(worst, Math.abs(wasm.weights[i] - js.weights[i]));
      expect(worst).toBeLessThan(2e-3);
    });
  }
});

describe('WebAssembly trainer: dropout and augmentation change training only', () => {
  it('a run with dropout or augmentation trains other weights than one without, from the same start', async () => {
    const plain = await train(data, { epochs: 1 });
    for (const extra of [{ dropout: [0.3] }, { shift: 1 }] as Partial<TrainConfig>[]) {
      const other = await train(data, { epochs: 1, ...extra });
      let worst = 0;
      for (let i = 0; i < plain.weights.length; i++) worst = Math.max(worst, Math.abs(other.weights[i] - plain.weights[i]));
      expect(worst, JSON.stringify(extra)).toBeGreaterThan(1e-3);
    }
  });
});

describe('WebAssembly trainer: determinism and threads', () => {
  it('the same seed, settings and thread count give the identical run, on one thread and on two', async () => {
    const deep: Partial<TrainConfig> = { hidden: [40, 24], activation: 'tanh', batchSize: 20 };
    const cases: [number, Dataset, Partial<TrainConfig>][] = [
      [1, data, {}], [2, data, {}], [2, dense, deep], [3, dense, deep], [2, data, { dropout: [0.3], shift: 2, rotation: 5 }],
    ];
    for (const [threads, ds, config] of cases) {
      const [a, b] = [await train(ds, { ...config, threads }, { spawn: spawnNodeThread }), await train(ds, { ...config, threads }, { spawn: spawnNodeThread })];
      expect(a.engine.threads).toBe(threads);
      expect(b.metrics).toEqual(a.metrics);
      expect(Buffer.from(b.weights.buffer).equals(Buffer.from(a.weights.buffer))).toBe(true);
    }
  });

  it('two threads train the same network as one, up to the order of the last layer\'s sums', async () => {
    const cases: [Dataset, Partial<TrainConfig>][] = [
      [data, {}], [dense, { hidden: [40, 24], activation: 'tanh' }], [data, { hidden: [40, 24], activation: 'sigmoid', dropout: [0.3, 0.1] }],
    ];
    for (const [ds, config] of cases) {
      // One step: the same weights but for rounding.
      const step = async (threads: number) => {
        const run = new TrainingRun(ds, { ...NOTEBOOK_PRESET, hidden: [32], ...config, threads }, () => 0, { spawn: spawnNodeThread });
        expect(await run.ready).toBe(threads);
        run.trainBatches(3);
        const w = run.model.getWeights();
        run.dispose();
        return w;
      };
      const [w1, w2] = [await step(1), await step(2)];
      let worst = 0;
      for (let i = 0; i < w1.length; i++) worst = Math.max(worst, Math.abs(w2[i] - w1[i]));
      expect(worst).toBeGreaterThan(0); // the sums are ordered differently
      expect(worst).toBeLessThan(1e-5);
      // Two epochs: training amplifies the last bits, and the losses drift apart by up to a few 1e-3
      // (as the TypeScript engine's do from both).
      const [one, two] = [await train(ds, { ...config, threads: 1 }), await train(ds, { ...config, threads: 2 }, { spawn: spawnNodeThread })];
      for (let e = 0; e < one.metrics.length; e++) closeTo(two.metrics[e].trainLoss, one.metrics[e].trainLoss, 1e-2);
    }
  });

  it('runs on one thread without a way to start helpers, and softmax regression always does', async () => {
    expect((await train(data, { threads: 2 })).engine.threads).toBe(1);
    expect((await train(data, { threads: 2, hidden: [] }, { spawn: spawnNodeThread })).engine.threads).toBe(1);
  });

  it('goes on with one thread when a helper cannot start', async () => {
    const failing = () => ({ started: Promise.reject(new Error('no')), terminate: () => {} });
    const r = await train(data, { threads: 2 }, { spawn: failing });
    expect(r.engine.threads).toBe(1);
    expect(r.metrics).toEqual((await train(data, { threads: 1 })).metrics);
  });

  it('sizes its one memory from the architecture and the data', () => {
    const size = (hidden: number[]) => new TrainingRun(data, { ...NOTEBOOK_PRESET, hidden }).engine.memoryBytes;
    const small = size([16]), big = size([512]);
    expect(small).toBeLessThan(3e6); // 784 KB of pixels and a small model
    expect(big - small).toBeGreaterThan(2 * 4 * 784 * (512 - 16)); // W and dW grow with the layer
  });
});
