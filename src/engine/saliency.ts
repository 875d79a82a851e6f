import { Dropout } from './dropout';
import type { Layer } from './layer';
import { Linear } from './linear';
import type { Sequential } from './sequential';

/** One image through the network, with the gradient of one class's score back to its pixels. */
export interface ClassGradient {
  /** The class whose score was differentiated. */
  cls: number;
  /** ∂z_c / ∂x for each of the inputs (x in normalised units, byte / 255). */
  gradient: Float32Array;
  /** Each hidden layer's activations a for this image, first to last. */
  hidden: Float32Array[];
  /** ∂z_c / ∂a for each hidden layer's activations, first to last. */
  hiddenGradients: Float32Array[];
  logits: Float32Array;
}

/**
 * Which inputs push the network toward class c and which away: the gradient of c's score z_c (its
 * logit, before the softmax) with respect to the input x, for one image, by one backward pass:
 *   g ← e_c                               (∂z_c / ∂z = the unit vector of class c)
 *   Linear  z = a · W + b:   g ← W · g     (∂z_c / ∂a, W: [in, out])
 *   ReLU    y = max(0, x):   g ← g ⊙ [y > 0];  Sigmoid: g ⊙ y (1 − y);  Tanh: g ⊙ (1 − y²)
 * ending at ∂z_c / ∂x. A positive entry means more ink at that pixel raises c's score. Dropout is off,
 * as when predicting; nothing in the model (its gradients included) is written.
 */
export function classGradient(model: Sequential, x: Float32Array, cls: number): ClassGradient {
  if (x.length !== model.inputSize) throw new Error(`classGradient: ${x.length} inputs, the model takes ${model.inputSize}`);
  if (!Number.isInteger(cls) || cls < 0 || cls >= model.outputSize) throw new Error(`classGradient: no class ${cls}`);
  const layers = model.layers.filter((l) => !(l instanceof Dropout));
  // Forward, keeping each layer's output.
  const outs: Float32Array[] = [];
  let a: Float32Array = x;
  for (const layer of layers) {
    a = layer instanceof Linear ? linearForward(layer, a) : activate(layer, a);
    outs.push(a);
  }
  // Backward from e_c.
  let g: Float32Array = new Float32Array(model.outputSize);
  g[cls] = 1;
  const hiddenGradients: Float32Array[] = [];
  for (let i = layers.length - 1; i >= 0; i--) {
    const layer = layers[i];
    if (!(layer instanceof Linear)) hiddenGradients.unshift(g);
    g = layer instanceof Linear ? linearBackward(layer, g) : activationBackward(layer, outs[i], g);
  }
  const hidden = layers.map((l, i) => (l instanceof Linear ? null : outs[i])).filter((o): o is Float32Array => o !== null);
  return { cls, gradient: g, hidden, hiddenGradients, logits: outs[outs.length - 1] };
}

/** z_j = Σ_i a_i W[i, j] + b_j for one row. */
function linearForward(l: Linear, a: Float32Array): Float32Array {
  const n = l.outFeatures, W = l.W.data, z = Float32Array.from(l.b);
  for (let i = 0; i < l.inFeatures; i++) {
    const ai = a[i];
    if (ai === 0) continue;
    for (let j = 0, o = i * n; j < n; j++) z[j] += ai * W[o + j];
  }
  return z;
}

/** ∂/∂a_i = Σ_j W[i, j] g_j. */
function linearBackward(l: Linear, g: Float32Array): Float32Array {
  const n = l.outFeatures, W = l.W.data, out = new Float32Array(l.inFeatures);
  for (let i = 0; i < l.inFeatures; i++) {
    let s = 0;
    for (let j = 0, o = i * n; j < n; j++) s += W[o + j] * g[j];
    out[i] = s;
  }
  return out;
}

function activate(l: Layer, x: Float32Array): Float32Array {
  const y = new Float32Array(x.length);
  for (let i = 0; i < x.length; i++) {
    const v = x[i];
    y[i] = l.kind === 'relu' ? (v < 0 ? 0 : v) : l.kind === 'sigmoid' ? 1 / (1 + Math.exp(-v)) : Math.tanh(v);
  }
  return y;
}

function activationBackward(l: Layer, y: Float32Array, g: Float32Array): Float32Array {
  const out = new Float32Array(g.length);
  for (let i = 0; i < g.length; i++) {
    const v = y[i];
    out[i] = g[i] * (l.kind === 'relu' ? (v > 0 ? 1 : 0) : l.kind === 'sigmoid' ? v * (1 - v) : 1 - v * v);
  }
  return out;
}
