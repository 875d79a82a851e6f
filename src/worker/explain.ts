import { PIXELS } from '../data/dataset';
import { normalizePixels } from '../data/normalize';
import { Linear } from '../engine/linear';
import { softmax } from '../engine/loss';
import { fromArray, zeros } from '../engine/matrix';
import { classGradient } from '../engine/saliency';
import type { Sequential } from '../engine/sequential';
import type { Explanation } from './protocol';

/** Hidden units shown beside the pixel map. */
export const TOP_UNITS = 8;

/**
 * Why the model says what it says about one image: the gradient of the predicted class's score with
 * respect to the pixels (one backward pass, saliency.ts), and the first hidden layer's units that
 * fired most, each with its activation, its first-order push a_j · ∂z_c/∂a_j on the class's score, and
 * its incoming weights (784, drawn as an image).
 */
export function explainImage(model: Sequential, pixels: Uint8Array, label: number | null): Explanation {
  const x = new Float32Array(PIXELS);
  normalizePixels(pixels, 0, x, 0, PIXELS);
  const g = classGradient(model, x); // the predicted class's
  const probs = softmax(fromArray(1, g.logits.length, g.logits), zeros(1, g.logits.length)).data;
  const units: Explanation['units'] = [];
  const first = model.layers.find((l): l is Linear => l instanceof Linear)!;
  if (g.hidden.length > 0) {
    const a = g.hidden[0], da = g.hiddenGradients[0], n = first.outFeatures;
    const order = Array.from(a.keys()).sort((i, j) => a[j] - a[i]).slice(0, TOP_UNITS);
    for (const j of order) {
      const weights = new Float32Array(PIXELS);
      for (let i = 0; i < PIXELS; i++) weights[i] = first.W.data[i * n + j];
      units.push({ unit: j, activation: a[j], effect: a[j] * da[j], weights });
    }
  }
  return { pixels: pixels.slice(), label, predicted: g.cls, probs: Array.from(probs), gradient: g.gradient, units };
}
