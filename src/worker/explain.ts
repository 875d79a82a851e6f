import { normalizePixels } from '../data/normalize';
import type { Schema } from '../data/schema';
import { Linear } from '../engine/linear';
import { softmax } from '../engine/loss';
import { type Matrix, fromArray, zeros } from '../engine/matrix';
import { type ClassGradientsFn, classGradients } from '../engine/saliency';
import type { Sequential } from '../engine/sequential';
import type { Explanation } from './protocol';

/** Hidden units shown beside the pixel map. */
export const TOP_UNITS = 8;

/**
 * A drawn image (side × side bytes, 0-255 as drawn) as the model's inputs [1, inputSize], or null when
 * the model does not read images of that size: the digit layout's bytes x/255; an image table's
 * pixels back in its own range (byte · maxValue / 255), then through each pixel's fitted transform.
 */
export function imageInputs(schema: Schema, pixels: Uint8Array): Matrix | null {
  const image = schema.image;
  if (!image || pixels.length !== image.side * image.side || pixels.length !== schema.inputSize) return null;
  const x = zeros(1, schema.inputSize);
  if (schema.layout === 'digits') {
    normalizePixels(pixels, 0, x.data, 0, pixels.length);
    return x;
  }
  schema.features.forEach((f, i) => {
    if (f.kind !== 'numeric') return;
    x.data[i] = f.std > 0 ? ((pixels[i] * image.maxValue) / 255 - f.mean) / f.std : 0;
  });
  return x;
}

/**
 * Why the model says what it says about one image: the gradient of the predicted class's score with
 * respect to the inputs (one backward pass, saliency.ts), and the first hidden layer's units that
 * fired most, each with its activation, its first-order push a_j · ∂z_c/∂a_j on the class's score, and
 * its incoming weights (one per pixel, drawn as an image). Null when the model does not read images.
 * `gradients`: the TypeScript layers by default, the WebAssembly kernels in the worker.
 */
export function explainImage(model: Sequential, schema: Schema, pixels: Uint8Array, label: number | null, gradients: ClassGradientsFn = classGradients): Explanation | null {
  const input = imageInputs(schema, pixels);
  if (!input) return null;
  const n = input.cols;
  const g = gradients(model, input.data.subarray(0, n), 1, null); // the predicted class's
  const probs = softmax(fromArray(1, g.logits.length, g.logits), zeros(1, g.logits.length)).data;
  const units: Explanation['units'] = [];
  const first = model.layers.find((l): l is Linear => l instanceof Linear)!;
  if (g.hidden && g.hiddenGradients) {
    const a = g.hidden, da = g.hiddenGradients, width = first.outFeatures;
    const order = Array.from(a.keys()).sort((i, j) => a[j] - a[i]).slice(0, TOP_UNITS);
    for (const j of order) {
      const weights = new Float32Array(n);
      for (let i = 0; i < n; i++) weights[i] = first.W.data[i * width + j];
      units.push({ unit: j, activation: a[j], effect: a[j] * da[j], weights });
    }
  }
  return { pixels: pixels.slice(), side: schema.image!.side, label, predicted: g.classes[0], probs: Array.from(probs), gradient: g.gradients, units };
}
