import { describe, expect, it } from 'vitest';
import { zeros } from '../../../src/engine/matrix';
import type { Sequential } from '../../../src/engine/sequential';
import { gatherBatch } from '../../../src/data/batch';
import { PIXELS } from '../../../src/data/digits';
import { NOTEBOOK_PRESET, type TrainConfig } from '../../../src/train/config';
import { TrainingRun } from '../../../src/train/run';
import { type ModelMeta, buildModel, decodeModel, encodeModel } from '../../../src/model-file/safetensors';
import { predictAll } from '../../../src/model-file/submission';
import { mnistSubset } from '../mnist';
import { DIGIT_SCHEMA } from '../../../src/data/digits';
import { headerOf, split } from './files';

const train = mnistSubset(1500);
const heldOut = mnistSubset(1000, 20_000);

function trained(config: Partial<TrainConfig>): { run: TrainingRun; meta: ModelMeta } {
  const run = new TrainingRun(train, { ...NOTEBOOK_PRESET, epochs: 2, ...config });
  let last = null;
  while (!run.done) {
    run.trainBatches(Number.POSITIVE_INFINITY);
    last = run.finishEpoch();
  }
  const { epoch, trainLoss, trainAcc, valLoss, valAcc } = last!;
  return { run, meta: { settings: run.config, metrics: { epoch, trainLoss, trainAcc, valLoss, valAcc }, created: '2025-06-01T12:00:00.000Z', dataset: 'mnist-1500', schema: DIGIT_SCHEMA } };
}

/** Softmax probabilities of every held-out digit, in batches of 512 as evaluation runs them. */
function probabilities(model: Sequential): Float32Array {
  const out = new Float32Array(heldOut.count * 10);
  const x = zeros(512, PIXELS);
  const order = Int32Array.from({ length: heldOut.count }, (_, i) => i);
  for (let s = 0; s < heldOut.count; s += 512) {
    const e = Math.min(s + 512, heldOut.count);
    gatherBatch(heldOut, order, s, e, x, null);
    out.set(model.predictProba(x).data.subarray(0, (e - s) * 10), s * 10);
  }
  return out;
}

describe('model files: save, then load, gives bit-identical predictions', () => {
  it.each<[string, Partial<TrainConfig>, string]>([
    ['784-32-10 ReLU', { hidden: [32] }, 'js-sparse'],
    ['784-30-10 ReLU (a width that is not a multiple of 4)', { hidden: [30] }, 'js-sparse'],
    ['784-64-32-10 tanh, Adam', { hidden: [64, 32], activation: 'tanh', optimizer: 'adam', lr: 0.001 }, 'js-sparse'],
    ['784-10 softmax regression', { hidden: [] }, 'js-sparse'],
  ])('%s', (_, config, firstKernel) => {
    const { run, meta } = trained(config);
    const bytes = encodeModel(run.model, meta);
    const decoded = decodeModel(bytes);
    expect(decoded.notes).toEqual([]);
    expect(decoded.architecture).toBe(run.model.architecture());
    const loaded = buildModel(decoded);
    expect(loaded.getWeights()).toEqual(run.model.getWeights());
    const [p, q] = [probabilities(run.model), probabilities(loaded)];
    expect(loaded.kernelPaths()).toEqual(run.model.kernelPaths());
    expect(loaded.kernelPaths()[0]).toBe(firstKernel);
    expect(Buffer.from(q.buffer).equals(Buffer.from(p.buffer))).toBe(true); // bit for bit, -0 and all
    expect(predictAll(loaded, heldOut)).toEqual(predictAll(run.model, heldOut));
    // Saving the loaded model again gives the same file.
    expect(encodeModel(loaded, meta)).toEqual(bytes);
  });

  it('records the settings, seed included, and the final metrics, NaN as NaN', () => {
    const { run, meta } = trained({ hidden: [16], valShare: 0, epochs: 1 });
    const decoded = decodeModel(encodeModel(run.model, meta));
    expect(decoded.settings).toEqual(run.config);
    expect(decoded.settings!.seed).toBe(42);
    expect(decoded.metrics).toEqual({ ...meta.metrics, valLoss: NaN, valAcc: NaN });
    expect(decoded.activation).toBe('relu');
    expect(decoded.schema).toBe(DIGIT_SCHEMA);
  });

  it('writes the metadata as strings, W1 b1 W2 b2 in order and back to back, the header padded to 8 bytes', () => {
    const { run, meta } = trained({ hidden: [16], epochs: 1 });
    const bytes = encodeModel(run.model, meta);
    const n = Number(new DataView(bytes.buffer).getBigUint64(0, true));
    expect(n % 8).toBe(0);
    expect(split(bytes).header.length).toBeGreaterThan(n - 8);
    expect(new TextDecoder().decode(bytes.subarray(8, 8 + n))).toMatch(/^\{.*\} *$/);
    const h = headerOf(bytes);
    expect(Object.keys(h)).toEqual(['__metadata__', 'W1', 'b1', 'W2', 'b2']);
    expect(h.W1).toEqual({ dtype: 'F32', shape: [784, 16], data_offsets: [0, 784 * 16 * 4] });
    expect(h.b1).toEqual({ dtype: 'F32', shape: [16], data_offsets: [50_176, 50_240] });
    expect(h.W2).toEqual({ dtype: 'F32', shape: [16, 10], data_offsets: [50_240, 50_880] });
    expect(h.b2).toEqual({ dtype: 'F32', shape: [10], data_offsets: [50_880, 50_920] });
    expect(bytes.length).toBe(8 + n + 50_920);
    const m = h.__metadata__ as Record<string, string>;
    expect(Object.keys(m)).toEqual(['format', 'format_version', 'architecture', 'inputs', 'classes', 'activation', 'normalization', 'settings', 'metrics', 'created', 'dataset']);
    expect(Object.values(m).every((v) => typeof v === 'string')).toBe(true);
    expect(m).toMatchObject({
      format: 'mlp-playground', format_version: '1', architecture: '784-16-10', inputs: '784', classes: '10',
      activation: 'relu', normalization: 'x/255', created: '2025-06-01T12:00:00.000Z', dataset: 'mnist-1500',
    });
    expect(JSON.parse(m.settings)).toEqual(run.config);
    expect(Object.keys(JSON.parse(m.metrics))).toEqual(['epoch', 'trainLoss', 'trainAcc', 'valLoss', 'valAcc']);
    // The first weight as little-endian float32 at the start of the data.
    expect(new DataView(bytes.buffer).getFloat32(8 + n, true)).toBe(run.model.params()[0].value[0]);
  });

  it('refuses to save a model with a NaN weight (the file would not load)', () => {
    const { run, meta } = trained({ hidden: [16], epochs: 1 });
    run.model.params()[2].value[5] = NaN; // W2 [16, 10], row 0 column 5
    expect(() => encodeModel(run.model, meta)).toThrow('Tensor "W2" holds NaN at [0, 5]; a model with weights that are not finite numbers cannot be saved.');
  });
});
