import { DIGIT_SCHEMA } from '../../../src/data/digits';
import { TABLE_SCHEMA } from '../table-fixtures';
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { buildModel, decodeModel } from '../../../src/model-file/safetensors';
import { assemble, f32Bytes, validFile, withHeader } from './files';

/** Written by Python's safetensors library from the notebook's layout (see fixtures/README.md). */
const NOTEBOOK_FILE = new Uint8Array(readFileSync(new URL('./fixtures/notebook-784-4-10.safetensors', import.meta.url)));

/** The fixture's values, as the fixture's Python computed them (in float64, then rounded to float32). */
const W1 = Float32Array.from({ length: 784 * 4 }, (_, i) => (i % 97) / 97 - 0.5);
const b1 = Float32Array.from({ length: 4 }, (_, i) => i / 10);
const W2 = Float32Array.from({ length: 40 }, (_, i) => (i % 7) / 7 - 0.5);

describe('model files from elsewhere', () => {
  it("loads the notebook's weights saved by Python's safetensors library: no metadata, [1, out] biases, data in another order", () => {
    const decoded = decodeModel(NOTEBOOK_FILE);
    expect(decoded.architecture).toBe('784-4-10');
    expect(decoded.activation).toBe('relu');
    expect(decoded.schema).toBe(DIGIT_SCHEMA);
    expect(decoded.settings).toBeNull();
    expect(decoded.metrics).toBeNull();
    expect(decoded.metadata).toEqual({});
    expect(decoded.layers.map((l) => [l.inFeatures, l.outFeatures])).toEqual([[784, 4], [4, 10]]);
    expect(decoded.layers[0].W).toEqual(W1);
    expect(decoded.layers[0].b).toEqual(b1);
    expect(decoded.layers[1].W).toEqual(W2);
    expect(decoded.layers[1].b).toEqual(new Float32Array(10));
    expect(decoded.notes).toEqual([
      'The file has no metadata, so it is read as weights from elsewhere: the architecture, 784-4-10, comes from the tensor shapes.',
      "No hidden activation is recorded, so ReLU is assumed (the notebook's).",
      'No input normalisation is recorded, so x/255 is assumed (pixel bytes 0-255 scaled to 0-1, as the notebook does).',
      'Biases b1 and b2 are stored as [1, out] rows, as the notebook keeps them, and read as vectors.',
    ]);
  });

  it("runs the notebook's forward pass on it: X · W1 + b1, ReLU, · W2 + b2, softmax", () => {
    const model = buildModel(decodeModel(NOTEBOOK_FILE));
    const x = Float32Array.from({ length: 784 }, (_, i) => ((i * 37) % 256) / 255);
    const probs = model.predictProba({ rows: 1, cols: 784, data: x }).data.slice(0, 10);
    // The same in float64, by hand.
    const h = [0, 1, 2, 3].map((j) => Math.max(0, b1[j] + x.reduce((s, v, i) => s + v * W1[i * 4 + j], 0)));
    const z = Array.from({ length: 10 }, (_, k) => h.reduce((s, v, j) => s + v * W2[j * 10 + k], 0));
    const e = z.map((v) => Math.exp(v - Math.max(...z)));
    const p = e.map((v) => v / e.reduce((a, b) => a + b));
    for (let k = 0; k < 10; k++) expect(probs[k]).toBeCloseTo(p[k], 5);
  });

  it('loads a file written by PyTorch\'s safetensors ("format": "pt") and says it is from elsewhere', () => {
    const file = withHeader((h) => { h.__metadata__ = { format: 'pt' }; });
    expect(decodeModel(file).notes[0]).toBe(
      'The file was not saved by this playground (its metadata has no "format": "mlp-playground"), so the architecture, 784-8-10, comes from the tensor shapes.');
  });

  it('loads a one-layer softmax regression with no activation note', () => {
    const file = assemble({
      W1: { dtype: 'F32', shape: [784, 10], data_offsets: [0, 31_360] },
      b1: { dtype: 'F32', shape: [10], data_offsets: [31_360, 31_400] },
    }, f32Bytes(new Float32Array(7850)));
    const decoded = decodeModel(file);
    expect(decoded.architecture).toBe('784-10');
    expect(decoded.notes.some((n) => n.includes('activation'))).toBe(false);
  });

  it("takes its input and class counts from a table's schema in the metadata", () => {
    const tensors = { W1: { dtype: 'F32', shape: [4, 3], data_offsets: [0, 48] }, b1: { dtype: 'F32', shape: [3], data_offsets: [48, 60] } };
    const file = assemble({ __metadata__: { normalization: 'schema', schema: JSON.stringify(TABLE_SCHEMA) }, ...tensors }, f32Bytes(new Float32Array(15)));
    const decoded = decodeModel(file);
    expect(decoded.architecture).toBe('4-3');
    expect(decoded.schema).toEqual(TABLE_SCHEMA);
    // Without the schema, the digit layout's 784 inputs are expected.
    expect(() => decodeModel(assemble(tensors, f32Bytes(new Float32Array(15))))).toThrow(/must take the dataset's 784 inputs/);
  });
});

describe('recorded settings and metrics that cannot be used are dropped with a note (the weights still load)', () => {
  const loadWith = (key: string, value: string) => decodeModel(withHeader((h) => { h.__metadata__[key] = value; }, validFile()));

  it.each([
    ['settings that are not JSON', 'settings', '{"lr": 0.1', 'The training settings in the metadata are not a JSON object, so they are not shown.'],
    ['settings that break the rules', 'settings', JSON.stringify({ hidden: [8], activation: 'relu', optimizer: 'sgd', lr: -1, batchSize: 32, epochs: 1, seed: 1, valShare: 0.2, split: 'sequential', shuffle: false, weightDecay: 0 }),
      'The training settings in the metadata are not valid (Learning rate must be above 0.), so they are not shown.'],
    ['settings of another model', 'settings', JSON.stringify({ hidden: [16], activation: 'relu', optimizer: 'sgd', lr: 0.1, batchSize: 32, epochs: 1, seed: 1, valShare: 0.2, split: 'sequential', shuffle: false, weightDecay: 0 }),
      'The training settings in the metadata describe another model than the tensors, so they are not shown.'],
    ['metrics that are not numbers', 'metrics', '{"valAcc": "97%"}', 'The final metrics in the metadata are not a JSON object of numbers, so they are not shown.'],
  ])('%s', (_, key, value, note) => {
    const decoded = loadWith(key, value);
    expect(decoded.notes).toEqual([note]);
    expect(key === 'settings' ? decoded.settings : decoded.metrics).toBeNull();
    expect(decoded.layers).toHaveLength(2);
  });

  it('keeps only the known settings of a valid record', () => {
    const settings = { hidden: [8], activation: 'relu', optimizer: 'sgd', lr: 0.1, batchSize: 32, epochs: 1, seed: 7, valShare: 0.2, split: 'sequential', shuffle: false, weightDecay: 0, extra: 'x' };
    const decoded = loadWith('settings', JSON.stringify(settings));
    expect(decoded.notes).toEqual([]);
    expect(decoded.settings).toEqual({ ...settings, extra: undefined });
    expect(Object.hasOwn(decoded.settings!, 'extra')).toBe(false);
  });
});
