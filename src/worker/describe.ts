import { DIGIT_SCHEMA } from '../data/digits';
import { type Schema, outputSize } from '../data/schema';
import { mlpArchitecture, mlpSummary } from '../engine/mlp';
import { Rng } from '../engine/rng';
import type { Sequential } from '../engine/sequential';
import type { TrainConfig } from '../train/config';
import { type RunSource, fitTable, isTableSource } from '../train/run-data';
import { errorText, settingsErrors } from '../train/settings';
import type { ModelDescription, WorkerEvent } from './protocol';

/** A built model as the UI shows it, with what its inputs and outputs are under its schema. */
export function describeModel(model: Sequential, schema: Schema): ModelDescription {
  return { architecture: model.architecture(), ...ends(schema), inputSize: model.inputSize, outputSize: model.outputSize, layers: model.summary(), params: model.paramCount() };
}

/** The inputs and outputs of a model of this schema, in words. */
function ends(schema: Schema): Pick<ModelDescription, 'reads' | 'gives'> {
  const t = schema.target;
  const gives = t.task === 'classification' ? `softmax over ${t.classes.length} classes of ${t.column}` : `${t.column}, one value (linear)`;
  if (schema.layout === 'digits') return { reads: `${schema.image!.side}x${schema.image!.side} pixels / 255`, gives };
  if (schema.image) return { reads: `${schema.image.side}x${schema.image.side} pixels / ${schema.image.maxValue}`, gives };
  const numbers = schema.features.filter((f) => f.kind === 'numeric').length, categories = schema.features.length - numbers;
  const parts = [numbers ? `${numbers} number${numbers === 1 ? '' : 's'} standardised` : '', categories ? `${categories} categor${categories === 1 ? 'y' : 'ies'} one-hot` : ''].filter(Boolean);
  return { reads: `${schema.features.length} column${schema.features.length === 1 ? '' : 's'}: ${parts.join(', ')}`, gives };
}

/**
 * The model a config would build on the training data, without building it: on a table, as wide as
 * its features encode under the config (fitted as the run would fit them); on the digit layout, or
 * before any data, on 28x28 digits. Null with the settings' problems when it cannot be built.
 */
export function describeConfig(requestId: number, config: TrainConfig, source: RunSource | null): Extract<WorkerEvent, { type: 'modelDescribed' }> {
  const errors = settingsErrors(config);
  if (Object.keys(errors).length) return { type: 'modelDescribed', requestId, model: null, message: errorText(errors) };
  let schema: Schema = DIGIT_SCHEMA;
  if (source && isTableSource(source)) {
    try {
      schema = fitTable(source, { ...config, shift: 0, rotation: 0, scale: 0, elasticAlpha: 0 }, new Rng(config.seed)).schema;
    } catch (e) {
      return { type: 'modelDescribed', requestId, model: null, message: e instanceof Error ? e.message : String(e) };
    }
  }
  const spec = { inputSize: schema.inputSize, hidden: config.hidden, outputSize: outputSize(schema), activation: config.activation };
  const layers = mlpSummary(spec);
  return {
    type: 'modelDescribed', requestId,
    model: { architecture: mlpArchitecture(spec), ...ends(schema), inputSize: spec.inputSize, outputSize: spec.outputSize, layers, params: layers.reduce((n, l) => n + l.params, 0) },
  };
}
