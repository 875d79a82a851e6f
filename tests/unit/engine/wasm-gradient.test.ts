/**
 * The explanations' backward pass on the WebAssembly kernels (Predictor.classGradients: as/explain.ts)
 * against the TypeScript layers, the oracle (saliency.ts classGradients): the same classes, logits and
 * gradients within float32 rounding of differently ordered sums, for ReLU, tanh and sigmoid models with
 * none, one and two hidden layers, classes asked for and predicted, a regression; on 2 and 3 threads
 * bit for bit the one-thread result; and Why this digit / Why this row built on them as on the oracle.
 */
import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { buildMlp } from '../../../src/engine/mlp';
import { Rng } from '../../../src/engine/rng';
import { type ClassGradients, classGradients } from '../../../src/engine/saliency';
import { PREDICT_ROWS, Predictor } from '../../../src/engine/wasm/predict';
import { fileRow } from '../../../src/data/dataset';
import { PIXELS } from '../../../src/data/digits';
import { readSourceBlob } from '../../../src/data/read-blob';
import { NOTEBOOK_PRESET } from '../../../src/train/config';
import { TABLE_PRESET } from '../../../src/train/presets';
import { TrainingRun } from '../../../src/train/run';
import type { TableSource } from '../../../src/train/run-data';
import { explainImage } from '../../../src/worker/explain';
import { explainTableRow } from '../../../src/worker/explain-row';
import { mnistSubset } from '../mnist';
import { syntheticCsv } from '../table-fixtures';
import { countedThreads } from '../threads';

/** max |a − b| over max |b| (1 when b is all zeros). */
function relError(a: Float32Array, b: Float32Array): number {
  let d = 0, m = 0;
  for (let i = 0; i < b.length; i++) {
    d = Math.max(d, Math.abs(a[i] - b[i]));
    m = Math.max(m, Math.abs(b[i]));
  }
  return d / (m || 1);
}

function expectClose(ours: ClassGradients, oracle: ClassGradients): void {
  expect(Array.from(ours.classes)).toEqual(Array.from(oracle.classes));
  expect(relError(ours.logits, oracle.logits)).toBeLessThan(1e-5);
  expect(relError(ours.gradients, oracle.gradients)).toBeLessThan(1e-5);
  expect(ours.hidden === null).toBe(oracle.hidden === null);
  if (oracle.hidden) {
    expect(relError(ours.hidden!, oracle.hidden)).toBeLessThan(1e-5);
    expect(relError(ours.hiddenGradients!, oracle.hiddenGradients!)).toBeLessThan(1e-5);
  }
}

/** A digest of every array's bytes (comparing digests: toEqual on large buffers is slow). */
const bytes = (g: ClassGradients) => [g.classes, g.logits, g.gradients, g.hidden, g.hiddenGradients].map((a) => (a ? createHash('sha256').update(Buffer.from(a.buffer, a.byteOffset, a.byteLength)).digest('hex') : null));

describe('class gradients on the WebAssembly kernels', () => {
  const rng = new Rng(3);
  // More rows than a chunk: the gradients go PREDICT_ROWS rows at a time.
  const rows = PREDICT_ROWS + 37;

  for (const activation of ['relu', 'tanh', 'sigmoid'] as const) {
    for (const hidden of [[], [24], [20, 12]]) {
      it(`${activation}, hidden [${hidden.join(', ')}]: predicted and asked classes as the TypeScript layers give them`, () => {
        const inputs = 30, outputs = 4;
        const model = buildMlp({ inputSize: inputs, hidden, outputSize: outputs, activation }, new Rng(hidden.length * 7 + 1));
        const x = Float32Array.from({ length: rows * inputs }, () => rng.normal());
        const predictor = new Predictor();
        expectClose(predictor.classGradients(model, x, rows, null), classGradients(model, x, rows, null));
        const asked = Int32Array.from({ length: rows }, (_, r) => (r % 5 === 4 ? -1 : r % outputs));
        expectClose(predictor.classGradients(model, x, rows, asked), classGradients(model, x, rows, asked));
        predictor.dispose();
      });
    }
  }

  it('a regression: the gradient of its one output', () => {
    const model = buildMlp({ inputSize: 8, hidden: [16], outputSize: 1, activation: 'relu' }, new Rng(9));
    const x = Float32Array.from({ length: 40 * 8 }, () => rng.normal());
    const predictor = new Predictor();
    expectClose(predictor.classGradients(model, x, 40, null), classGradients(model, x, 40, null));
    predictor.dispose();
  });

  it('on 2 and 3 threads: bit for bit the one-thread gradients, before and after the helpers run', async () => {
    const model = buildMlp({ inputSize: 784, hidden: [64, 32], outputSize: 10, activation: 'relu' }, new Rng(4));
    const x = Float32Array.from({ length: rows * 784 }, () => Math.max(0, rng.normal()));
    const one = bytes(new Predictor().classGradients(model, x, rows, null));
    for (const threads of [2, 3]) {
      const { threading, started, spawned } = countedThreads(threads);
      const predictor = new Predictor({ threading });
      expect(bytes(predictor.classGradients(model, x, rows, null))).toEqual(one);
      expect(spawned()).toBe(threads - 1); // the WebAssembly forward pass's helpers: not the TypeScript fallback
      await started();
      expect(predictor.threads).toBe(threads);
      expect(bytes(predictor.classGradients(model, x, rows, null))).toEqual(one);
      predictor.dispose();
    }
  });

  it('refuses a class the model does not have, and inputs short of the rows', () => {
    const model = buildMlp({ inputSize: 6, hidden: [8], outputSize: 3, activation: 'relu' }, new Rng(5));
    const predictor = new Predictor(), x = new Float32Array(2 * 6);
    expect(() => predictor.classGradients(model, x, 2, [0, 3])).toThrow('no class 3');
    expect(() => predictor.classGradients(model, x, 3, null)).toThrow('12 inputs for 3 rows of 6');
    expect(Array.from(predictor.classGradients(model, x, 2, [2, -1]).classes)).toEqual(Array.from(classGradients(model, x, 2, [2, -1]).classes));
    predictor.dispose();
  });
});

describe('explanations on the WebAssembly kernels', () => {
  it('Why this digit: the TypeScript layers\' prediction, probabilities, saliency and units', () => {
    const data = mnistSubset(600);
    const run = new TrainingRun(data, { ...NOTEBOOK_PRESET, hidden: [64], epochs: 1 }, () => 0);
    run.trainBatches(Infinity);
    const predictor = new Predictor();
    for (const i of [0, 7, 123]) {
      const pixels = data.x.slice(i * PIXELS, (i + 1) * PIXELS);
      const ours = explainImage(run.model, run.dataset.schema, pixels, data.y[i], predictor.classGradients)!;
      const oracle = explainImage(run.model, run.dataset.schema, pixels, data.y[i])!;
      expect(ours.predicted).toBe(oracle.predicted);
      ours.probs.forEach((p, k) => expect(Math.abs(p - oracle.probs[k])).toBeLessThanOrEqual(1e-6));
      expect(relError(ours.gradient, oracle.gradient)).toBeLessThan(1e-5);
      expect(ours.units.map((u) => u.unit)).toEqual(oracle.units.map((u) => u.unit));
      ours.units.forEach((u, k) => {
        expect(u.activation).toBeCloseTo(oracle.units[k].activation, 5);
        expect(u.effect).toBeCloseTo(oracle.units[k].effect, 5);
      });
    }
    predictor.dispose();
    run.dispose();
  });

  it('Why this row: gradient × input and integrated gradients (the same steps) as the TypeScript layers give them', async () => {
    const source = await readSourceBlob(new Blob([syntheticCsv(300, 3)]), 'train.csv') as TableSource;
    const run = new TrainingRun(source, { ...TABLE_PRESET, target: 'kind', ignore: ['value'], hidden: [16, 8], epochs: 5, patience: 0 });
    await run.ready;
    while (!run.done) {
      run.trainBatches(Infinity);
      run.finishEpoch();
    }
    const predictor = new Predictor();
    const ctx = { current: { model: run.model, runId: 1, schema: run.dataset.schema }, run, train: source };
    for (const i of run.split.val.subarray(0, 4)) {
      const row = { fileRow: fileRow(run.dataset, i) };
      const ours = explainTableRow({ ...ctx, gradients: predictor.classGradients }, row), oracle = explainTableRow(ctx, row);
      if (!ours.explanation || !oracle.explanation) throw new Error('no explanation');
      const a = ours.explanation, b = oracle.explanation;
      expect([a.predicted, a.steps]).toEqual([b.predicted, b.steps]);
      expect(a.score).toBeCloseTo(b.score, 5);
      a.features.forEach((f, k) => {
        expect(f.gradientTimesInput).toBeCloseTo(b.features[k].gradientTimesInput, 5);
        expect(f.integratedGradients).toBeCloseTo(b.features[k].integratedGradients, 5);
      });
    }
    predictor.dispose();
    run.dispose();
  });
});
