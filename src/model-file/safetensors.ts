/**
 * Model files: an MLP as a safetensors file that NumPy and PyTorch read (the format is in
 * container.ts, the metadata keys in metadata.ts). Tensors are named as in the seed notebook:
 *
 *   W1 [784, h1]   b1 [h1]   W2 [h1, h2]   b2 [h2]   …   Wn [h(n−1), 10]   bn [10]     all F32
 *
 * so that `A = X @ W1 + b1` etc. is the forward pass in NumPy, X: [batch, 784] = pixel bytes / 255
 * for the digit layout; a table's model has its `schema` in the metadata (schema-json.ts): X is its
 * rows encoded as the schema says, and the last layer gives its classes (or one value).
 * On load a bias may also be `[1, out]`, the notebook's own layout.
 *
 *   encodeModel(model, meta) → bytes                     save
 *   decodeModel(bytes)       → DecodedModel (checked)    load; throws ModelFileError with one sentence
 *   buildModel(decoded)      → Sequential                the engine model, predicting bit for bit as saved
 *
 * Pure functions on bytes: no DOM, no Node, no clock (the caller gives the date).
 */
import type { ActivationName } from '../engine/activations';
import { Linear } from '../engine/linear';
import { buildMlp } from '../engine/mlp';
import { Rng } from '../engine/rng';
import { type Sequential, architectureOf } from '../engine/sequential';
import { DIGIT_SCHEMA } from '../data/digits';
import { type Schema, outputSize } from '../data/schema';
import type { TrainConfig } from '../train/config';
import { LIMITS } from '../train/settings';
import { type Tensor, readHeader, readTensors, writeSafetensors } from './container';
import { ModelFileError } from './error';
import { NORMALIZATION, readModelMetadata, writeModelMetadata } from './metadata';
import { readSchema } from './schema-json';

export { ModelFileError } from './error';
export { MODEL_FORMAT, MODEL_FORMAT_VERSION, NORMALIZATION } from './metadata';

/** What the caller records with the weights. */
export interface ModelMeta {
  /** The run's settings, seed included; null if unknown. */
  settings: TrainConfig | null;
  /** Final metrics, e.g. `{ epoch, trainLoss, trainAcc, valLoss, valAcc }`; NaN is written as null. */
  metrics: Record<string, number> | null;
  /** When the model is saved, ISO 8601 (`new Date().toISOString()`): given, as the engine has no clock. */
  created: string;
  /** The training data's name, e.g. "mnist-train-42k.csv". */
  dataset?: string;
  /** What the model reads and predicts (the digit layout's is not written: it is fixed). */
  schema: Schema;
}

/** One Linear layer as stored: `Z = X · W + b`. */
export interface DecodedLayer {
  /** [inFeatures, outFeatures], row-major. */
  W: Float32Array;
  /** [outFeatures]. */
  b: Float32Array;
  inFeatures: number;
  outFeatures: number;
}

/** A checked model file. Everything here is plain data (it survives `postMessage`). */
export interface DecodedModel {
  layers: DecodedLayer[];
  /** "784-128-10". */
  architecture: string;
  /** The hidden layers' activation (ReLU when the file does not say). */
  activation: ActivationName;
  /** What the model reads and predicts: the digit layout's (x/255 of each pixel byte), or a table's from the metadata. */
  schema: Schema;
  /** The settings the model was trained with, when recorded and valid for these tensors. */
  settings: TrainConfig | null;
  /** The final metrics, when recorded. */
  metrics: Record<string, number> | null;
  /** Every metadata entry as written. */
  metadata: Record<string, string>;
  /** Sentences on what was assumed or dropped, for the page to show; empty for this playground's own files. */
  notes: string[];
}


const TENSOR_NAME = /^([Wb])([1-9][0-9]{0,2})$/;
const MAX_LINEAR_LAYERS = LIMITS.maxHiddenLayers + 1;
const fmt = (n: number) => n.toLocaleString('en-US');
const shapeText = (shape: readonly number[]) => `[${shape.join(', ')}]`;

/** Throws unless every value is finite, naming the first that is not by its index. */
function assertFinite(name: string, t: Tensor, what: (problem: string) => string): void {
  const d = t.data;
  for (let i = 0; i < d.length; i++) {
    if (Number.isFinite(d[i])) continue;
    const cols = t.shape.length === 2 ? t.shape[1] : 0;
    const at = cols ? `[${Math.floor(i / cols)}, ${i % cols}]` : `[${i}]`;
    throw new ModelFileError(what(`Tensor "${name}" holds ${d[i]} at ${at}`));
  }
}

/** The Linear layers of a Linear, act, Linear, …, Linear stack, and its one hidden activation. */
function linearStack(model: Sequential): { linears: Linear[]; activation: ActivationName | null } {
  const linears: Linear[] = [];
  let activation: ActivationName | null = null;
  // Dropout is the identity outside training: a model file holds the network that predicts.
  model.layers.filter((l) => l.kind !== 'dropout').forEach((layer, i) => {
    const isLinear = layer instanceof Linear;
    if (isLinear !== (i % 2 === 0)) throw new Error('encodeModel: the model must alternate Linear layers and activations');
    if (layer instanceof Linear) linears.push(layer);
    else if (activation !== null && layer.kind !== activation) throw new Error('encodeModel: every hidden layer must have the same activation');
    else activation = layer.kind as ActivationName;
  });
  if (model.layers.filter((l) => l.kind !== 'dropout').length % 2 === 0) throw new Error('encodeModel: the model must end with a Linear layer');
  return { linears, activation };
}

/**
 * The model as a safetensors file: W1, b1, W2, b2, … in that order, back to back, and the metadata
 * of metadata.ts. Throws ModelFileError if a weight is not finite (such a file would not load).
 */
export function encodeModel(model: Sequential, meta: ModelMeta): Uint8Array {
  const { linears, activation } = linearStack(model);
  const tensors: [string, Tensor][] = [];
  linears.forEach((l, i) => {
    tensors.push([`W${i + 1}`, { shape: [l.inFeatures, l.outFeatures], data: l.W.data.subarray(0, l.inFeatures * l.outFeatures) }]);
    tensors.push([`b${i + 1}`, { shape: [l.outFeatures], data: l.b }]);
  });
  for (const [name, t] of tensors) assertFinite(name, t, (p) => `${p}; a model with weights that are not finite numbers cannot be saved.`);
  const metadata = writeModelMetadata({
    architecture: model.architecture(), inputs: model.inputSize, classes: model.outputSize,
    activation: activation ?? meta.settings?.activation ?? 'relu',
    settings: meta.settings, metrics: meta.metrics, created: meta.created, dataset: meta.dataset, schema: meta.schema,
  });
  return writeSafetensors(tensors, metadata);
}

/** Checks the tensor names: only W{i} and b{i}, and for each layer up to the last both of them. */
function layerCount(names: string[]): number {
  if (names.length === 0) throw new ModelFileError('The file holds no tensors; a model needs at least W1 and b1.');
  let n = 0;
  for (const name of names) {
    const m = TENSOR_NAME.exec(name);
    if (!m) throw new ModelFileError(`The file has an unknown tensor "${name}"; a model file holds only W1, b1, W2, b2, … (each layer's weights and bias).`);
    n = Math.max(n, Number(m[2]));
  }
  if (n > MAX_LINEAR_LAYERS) {
    throw new ModelFileError(`The file has tensors up to layer ${n} ("W${n}" or "b${n}"); the playground runs at most ${MAX_LINEAR_LAYERS} layers (${LIMITS.maxHiddenLayers} hidden).`);
  }
  const present = new Set(names);
  for (let i = 1; i <= n; i++) {
    if (!present.has(`W${i}`)) throw new ModelFileError(`Tensor "W${i}" is missing, but the file has tensors up to layer ${n}.`);
    if (!present.has(`b${i}`)) throw new ModelFileError(`Tensor "b${i}" is missing: the weights W${i} need their bias b${i}.`);
  }
  return n;
}

/**
 * Reads and checks a model file: its widths must be those of its schema (a table model's metadata),
 * or of the digit layout (784 pixels in, 10 classes out). Throws ModelFileError, whose message is one
 * sentence naming the tensor or the part
 * of the file and the problem, for: a file that is not safetensors (an image, JSON, text, too short),
 * a header length past the file or absurdly large, a header that is not a JSON object, metadata that
 * is not strings, unknown or missing tensors (`__proto__` included), a dtype other than F32, data
 * offsets out of order, overlapping, with gaps or not covering the data exactly, a shape whose size
 * does not match its bytes, shapes that do not chain from `inputs` to `classes`, a NaN or infinite
 * weight, and an activation or normalisation this playground cannot run.
 */
export function decodeModel(bytes: Uint8Array): DecodedModel {
  const header = readHeader(bytes);
  const n = layerCount(header.entries.map(([name]) => name));
  const schemaText = header.metadata?.get('schema');
  const schema = schemaText === undefined ? DIGIT_SCHEMA : readSchema(schemaText);
  const expected = { inputs: schema.inputSize, classes: outputSize(schema) };
  const tensors = readTensors(bytes, header);
  const layers: DecodedLayer[] = [];
  const rowBiases: string[] = [];
  let width = expected.inputs;
  for (let i = 1; i <= n; i++) {
    const W = tensors.get(`W${i}`)!, b = tensors.get(`b${i}`)!;
    const last = i === n;
    if (W.shape.length !== 2) throw new ModelFileError(`Tensor "W${i}" has shape ${shapeText(W.shape)}; a weight matrix has two dimensions, [in, out].`);
    const [inF, outF] = W.shape;
    if (inF !== width) {
      throw new ModelFileError(i === 1
        ? `Tensor "W1" has shape ${shapeText(W.shape)}, but the first layer must take the ${schema.layout === 'digits' ? "dataset's" : "schema's"} ${fmt(expected.inputs)} inputs ([${expected.inputs}, out]).`
        : `Tensor "W${i}" has shape ${shapeText(W.shape)}, but W${i - 1} gives ${fmt(width)} outputs, so the layers do not chain (W${i} must be [${width}, out]).`);
    }
    if (last && outF !== expected.classes) {
      throw new ModelFileError(`Tensor "W${i}" has shape ${shapeText(W.shape)}, but the last layer must give the ${expected.classes} ${schema.target.task === 'regression' ? 'value' : 'classes'} ([in, ${expected.classes}]).`);
    }
    if (outF < 1) throw new ModelFileError(`Tensor "W${i}" has shape ${shapeText(W.shape)}: a layer needs at least 1 output.`);
    if (!last && outF > LIMITS.maxLayerSize) {
      throw new ModelFileError(`Tensor "W${i}" has shape ${shapeText(W.shape)}: hidden layer ${i} has ${fmt(outF)} units; the most is ${fmt(LIMITS.maxLayerSize)}.`);
    }
    const isVector = b.shape.length === 1 && b.shape[0] === outF;
    const isRow = b.shape.length === 2 && b.shape[0] === 1 && b.shape[1] === outF;
    if (!isVector && !isRow) {
      throw new ModelFileError(`Tensor "b${i}" has shape ${shapeText(b.shape)}, but W${i} gives ${fmt(outF)} outputs, so it must be [${outF}] (or [1, ${outF}]).`);
    }
    if (isRow) rowBiases.push(`b${i}`);
    const reason = (p: string) => `${p}; a model's weights must be finite numbers.`;
    assertFinite(`W${i}`, W, reason);
    assertFinite(`b${i}`, { shape: [outF], data: b.data }, reason);
    layers.push({ W: W.data, b: b.data, inFeatures: inF, outFeatures: outF });
    width = outF;
  }
  const widths = [expected.inputs, ...layers.map((l) => l.outFeatures)];
  const architecture = architectureOf(widths);
  const meta = readModelMetadata(header.metadata, architecture, widths.slice(1, -1), schema.layout === 'digits' ? NORMALIZATION : 'schema');
  if (rowBiases.length) {
    const list = rowBiases.length === 1 ? rowBiases[0] : `${rowBiases.slice(0, -1).join(', ')} and ${rowBiases[rowBiases.length - 1]}`;
    meta.notes.push(`${rowBiases.length === 1 ? 'Bias' : 'Biases'} ${list} ${rowBiases.length === 1 ? 'is' : 'are'} stored as [1, out] rows, as the notebook keeps them, and read as vectors.`);
  }
  return {
    layers, architecture, activation: meta.activation, schema,
    settings: meta.settings, metrics: meta.metrics,
    metadata: Object.fromEntries(header.metadata ?? []), notes: meta.notes,
  };
}

/**
 * The engine model of a decoded file: `buildMlp` with its widths and activation, then its weights
 * copied in. The layers are those training builds (the first on the sparse SIMD kernel where it
 * runs), so predictions equal the saved model's bit for bit on the same machine.
 */
export function buildModel(decoded: DecodedModel): Sequential {
  const { layers } = decoded;
  const model = buildMlp({
    inputSize: layers[0].inFeatures, hidden: layers.slice(0, -1).map((l) => l.outFeatures),
    outputSize: layers[layers.length - 1].outFeatures, activation: decoded.activation,
  }, new Rng(0)); // the initial weights are all overwritten below
  const linears = model.layers.filter((l): l is Linear => l instanceof Linear);
  linears.forEach((linear, i) => {
    linear.W.data.set(layers[i].W);
    linear.b.set(layers[i].b);
  });
  return model;
}
