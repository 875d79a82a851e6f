import { argmax } from './argmax';
import { Dropout } from './dropout';
import { Linear } from './linear';
import { type Matrix, fromArray } from './matrix';
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
 *   activation:              g ← g ⊙ f'    (the activation layer's own backward)
 * ending at ∂z_c / ∂x. A positive entry means more ink at that pixel raises c's score. Without `cls`,
 * c is the predicted class (the largest logit). Dropout is off, as when predicting; the Linear layers
 * are read, not run, so no parameter gradient is written.
 */
export function classGradient(model: Sequential, x: Float32Array, cls?: number): ClassGradient {
  if (x.length !== model.inputSize) throw new Error(`classGradient: ${x.length} inputs, the model takes ${model.inputSize}`);
  if (cls !== undefined && (!Number.isInteger(cls) || cls < 0 || cls >= model.outputSize)) throw new Error(`classGradient: no class ${cls}`);
  const layers = model.layers.filter((l) => !(l instanceof Dropout));
  // Forward, keeping each layer's output (an activation's is its own buffer, read by its backward).
  const outs: Float32Array[] = [];
  let a: Float32Array = x;
  for (const layer of layers) {
    a = layer instanceof Linear ? linearForward(layer, a) : layer.forward(row(a)).data.slice(0, a.length);
    outs.push(a);
  }
  const logits = outs[outs.length - 1];
  const c = cls ?? argmax(logits);
  // Backward from e_c.
  let g: Float32Array = new Float32Array(model.outputSize);
  g[c] = 1;
  const hiddenGradients: Float32Array[] = [];
  for (let i = layers.length - 1; i >= 0; i--) {
    const layer = layers[i];
    if (layer instanceof Linear) {
      g = linearBackward(layer, g);
      continue;
    }
    hiddenGradients.unshift(g);
    g = layer.backward(row(g), true)!.data.slice(0, g.length); // from the output it kept in the forward above
  }
  const hidden = layers.map((l, i) => (l instanceof Linear ? null : outs[i])).filter((o): o is Float32Array => o !== null);
  return { cls: c, gradient: g, hidden, hiddenGradients, logits };
}

/** The gradients of class scores for a batch of rows: classGradient's results, row after row, in flat arrays. */
export interface ClassGradients {
  /** [rows]: the class c differentiated for each row. */
  classes: Int32Array;
  /** [rows, outputs]: the logits z (a regression's outputs). */
  logits: Float32Array;
  /** [rows, inputs]: ∂z_c/∂x. */
  gradients: Float32Array;
  /** [rows, width₀]: the first hidden layer's activations a, and ∂z_c/∂a; null without a hidden layer. */
  hidden: Float32Array | null;
  hiddenGradients: Float32Array | null;
}

/**
 * The gradients of class scores for `rows` rows of x [rows, inputs]: c = classes[r], or the row's
 * predicted class where classes is null or classes[r] = −1. The TypeScript layers' version (one
 * classGradient a row) is the oracle; the WebAssembly kernels' (Predictor.classGradients) batches the
 * rows on every thread.
 */
export type ClassGradientsFn = (model: Sequential, x: Float32Array, rows: number, classes: ArrayLike<number> | null) => ClassGradients;

/** ClassGradientsFn on the TypeScript layers: classGradient row after row. */
export const classGradients: ClassGradientsFn = (model, x, rows, classes) => {
  const n = model.inputSize, k = model.outputSize;
  const out: ClassGradients = { classes: new Int32Array(rows), logits: new Float32Array(rows * k), gradients: new Float32Array(rows * n), hidden: null, hiddenGradients: null };
  for (let r = 0; r < rows; r++) {
    const c = classes ? classes[r] : -1;
    const g = classGradient(model, x.subarray(r * n, (r + 1) * n), c >= 0 ? c : undefined);
    out.classes[r] = g.cls;
    out.logits.set(g.logits, r * k);
    out.gradients.set(g.gradient, r * n);
    if (g.hidden.length > 0) {
      const w = g.hidden[0].length;
      (out.hidden ??= new Float32Array(rows * w)).set(g.hidden[0], r * w);
      (out.hiddenGradients ??= new Float32Array(rows * w)).set(g.hiddenGradients[0], r * w);
    }
  }
  return out;
};

/** One row as a [1, n] matrix. */
const row = (v: Float32Array): Matrix => fromArray(1, v.length, v);

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
