import { CLASSES, PIXELS } from '../data/dataset';
import { mlpArchitecture, mlpSummary } from '../engine/mlp';
import type { Sequential } from '../engine/sequential';
import type { TrainConfig } from '../train/config';
import { errorText, settingsErrors } from '../train/settings';
import type { ModelDescription, WorkerEvent } from './protocol';

/** A built model as the UI shows it. */
export function describeModel(model: Sequential): ModelDescription {
  return { architecture: model.architecture(), inputSize: model.inputSize, outputSize: model.outputSize, layers: model.summary(), params: model.paramCount() };
}

/** The model a config would build on digit images, without building it; null with the settings' problems. */
export function describeConfig(requestId: number, config: TrainConfig): Extract<WorkerEvent, { type: 'modelDescribed' }> {
  const errors = settingsErrors(config);
  if (Object.keys(errors).length) return { type: 'modelDescribed', requestId, model: null, message: errorText(errors) };
  const spec = { inputSize: PIXELS, hidden: config.hidden, outputSize: CLASSES, activation: config.activation };
  const layers = mlpSummary(spec);
  return { type: 'modelDescribed', requestId, model: { architecture: mlpArchitecture(spec), inputSize: PIXELS, outputSize: CLASSES, layers, params: layers.reduce((n, l) => n + l.params, 0) } };
}
