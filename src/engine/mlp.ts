import { ACTIVATION_NAMES, type ActivationName, activation } from './activations';
import { type InitName, initLinear, initOf } from './init';
import type { Layer } from './layer';
import { Dropout } from './dropout';
import { Linear, type LinearStorage } from './linear';
import type { Rng } from './rng';
import { type LayerSummary, Sequential, activationSummary, architectureOf, dropoutSummary, linearSummary } from './sequential';

/** A multi-layer perceptron: Linear → act → … → Linear, softmax applied by the loss. */
export interface MlpSpec {
  inputSize: number;
  /** Sizes of the hidden layers, e.g. [128] or [256, 128]; [] gives softmax regression. */
  hidden: number[];
  outputSize: number;
  activation: ActivationName;
  /** Defaults to He for ReLU and Xavier for sigmoid and tanh. */
  init?: InitName;
  /** Dropout rate after each hidden layer's activation (one per hidden layer; 0 or absent for none). */
  dropout?: number[];
  /** Seeds the dropout masks (dropout.ts). */
  dropoutSeed?: number;
}

/** The largest layer the playground accepts; bigger ones would not train at interactive speed. */
export const MAX_LAYER_SIZE = 4096;

/** Problems with a spec, as sentences; empty when the spec is buildable. */
export function mlpSpecErrors(spec: MlpSpec): string[] {
  const errors: string[] = [];
  const sizes: [string, number][] = [
    ['input size', spec.inputSize],
    ...spec.hidden.map((h, i): [string, number] => [`hidden layer ${i + 1}`, h]),
    ['output size', spec.outputSize],
  ];
  for (const [what, n] of sizes) {
    if (!Number.isInteger(n) || n < 1) errors.push(`${what} must be a whole number of at least 1, got ${n}`);
    else if (n > MAX_LAYER_SIZE && what.startsWith('hidden')) errors.push(`${what} has ${n} units; the most allowed is ${MAX_LAYER_SIZE}`);
  }
  if (!(ACTIVATION_NAMES as readonly string[]).includes(spec.activation)) errors.push(`unknown activation "${spec.activation}"`);
  if (spec.init !== undefined && !['he', 'xavier'].includes(spec.init)) errors.push(`unknown initialiser "${spec.init}"`);
  if (spec.dropout && spec.dropout.length > spec.hidden.length) errors.push(`${spec.dropout.length} dropout rates for ${spec.hidden.length} hidden layers`);
  return errors;
}

/**
 * Builds and initialises the model, drawing every weight from `rng` in layer order:
 * `Sequential([Linear(784, 128), ReLU(), Linear(128, 10)])` for the notebook's spec. `storage(i)`, when
 * given, holds Linear layer i's parameters (the WebAssembly trainer's memory).
 */
export function buildMlp(spec: MlpSpec, rng: Rng, storage?: (layer: number) => LinearStorage): Sequential {
  const errors = mlpSpecErrors(spec);
  if (errors.length) throw new Error(`Invalid model: ${errors.join('; ')}`);
  const init = initOf(spec.activation, spec.init);
  const widths = [spec.inputSize, ...spec.hidden, spec.outputSize];
  const layers: Layer[] = [];
  for (let i = 0; i + 1 < widths.length; i++) {
    const linear = new Linear(widths[i], widths[i + 1], storage?.(i));
    initLinear(linear, init, rng);
    layers.push(linear);
    if (i + 2 < widths.length) {
      layers.push(activation(spec.activation));
      const p = spec.dropout?.[i] ?? 0;
      if (p > 0) layers.push(new Dropout(p, i, spec.dropoutSeed ?? 0));
    }
  }
  return new Sequential(layers);
}

/** The layer rows `buildMlp(spec)` would have, without building it (for the settings form). */
export function mlpSummary(spec: MlpSpec): LayerSummary[] {
  const widths = [spec.inputSize, ...spec.hidden, spec.outputSize];
  const rows: LayerSummary[] = [];
  for (let i = 0; i + 1 < widths.length; i++) {
    rows.push(linearSummary(widths[i], widths[i + 1]));
    if (i + 2 < widths.length) rows.push(activationSummary(spec.activation, widths[i + 1]));
    if (i + 2 < widths.length && (spec.dropout?.[i] ?? 0) > 0) rows.push(dropoutSummary(spec.dropout![i], widths[i + 1]));
  }
  return rows;
}

/** "784-128-10" for a spec, as `buildMlp(spec).architecture()` would say. */
export function mlpArchitecture(spec: Pick<MlpSpec, 'inputSize' | 'hidden' | 'outputSize'>): string {
  return architectureOf([spec.inputSize, ...spec.hidden, spec.outputSize]);
}
