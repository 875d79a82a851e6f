import type { Matrix } from '../matrix';
import { softmax } from '../loss';
import { zeros } from '../matrix';
import type { Sequential } from '../sequential';
import { Linear } from '../linear';
import { type ClassGradients, type ClassGradientsFn, classGradients as classGradientsTs } from '../saliency';
import { ForwardCache, type ForwardThreads } from './forward';

/** Rows a Predictor's forward pass holds at a time (a drawing is one; a file to predict goes in chunks of this). */
export const PREDICT_ROWS = 256;

/**
 * A model's outputs on rows of one's own (a drawing, a file to predict), on the WebAssembly kernels:
 * the evaluation kernels of training (WasmForward, float rows as the TypeScript layers get them), fed
 * the model's current weights on every call, so it always speaks of the model as it is now. The
 * TypeScript layers are the oracle (tests/unit/engine/wasm-predict.test.ts: within 1e-6) and the
 * fallback where WebAssembly SIMD is unavailable.
 *   outputs = softmax(f(… f(X · W₀ + b₀) …) · W_L + b_L)   [rows, classes], or the linear outputs of a regression
 */
export class Predictor {
  private readonly cache: ForwardCache;
  private readonly kernels: 'wasm' | 'js';

  /**
   * `kernels: 'js'`: the TypeScript layers only (npm run predict, whose files NumPy reproduces byte for
   * byte); `threading`: run on as many threads as the current run (helpers of its own, each thread
   * its share of a chunk's rows).
   */
  constructor(options: { kernels?: 'wasm' | 'js'; threading?: ForwardThreads } = {}) {
    this.kernels = options.kernels ?? 'wasm';
    this.cache = new ForwardCache(options.threading, true);
  }

  /** Outputs [x.rows, outputs] (softmax probabilities, or a regression's values) of `model` on x [rows, inputs], as a fresh array. */
  outputs(model: Sequential, x: Matrix, regression: boolean): Float32Array {
    const k = model.outputSize, out = new Float32Array(x.rows * k);
    const forward = this.kernels === 'js' ? null : this.cache.for(model, regression, PREDICT_ROWS);
    if (!forward) {
      const z = model.forward(x);
      out.set((regression ? z : softmax(z, zeros(z.rows, z.cols))).data.subarray(0, x.rows * k));
      return out;
    }
    const w = x.cols;
    for (let from = 0; from < x.rows; from += forward.capacity) {
      const rows = Math.min(forward.capacity, x.rows - from);
      forward.inputs.set(x.data.subarray(from * w, (from + rows) * w));
      forward.run(rows, (start, n, outputs) => out.set(outputs.subarray(0, n * k), (from + start) * k));
    }
    return out;
  }

  /**
   * The gradients of class scores for rows of x (ClassGradientsFn, saliency.ts: Why this digit, Why
   * this row's attributions) on the WebAssembly kernels, PREDICT_ROWS rows at a time, each chunk's rows
   * shared among the threads; the TypeScript layers (the oracle) where WebAssembly SIMD is unavailable.
   */
  readonly classGradients: ClassGradientsFn = (model, x, rows, classes) => {
    const forward = this.kernels === 'js' ? null : this.cache.for(model, model.outputSize === 1, PREDICT_ROWS);
    const n = model.inputSize, k = model.outputSize;
    if (x.length < rows * n) throw new Error(`classGradients: ${x.length} inputs for ${rows} rows of ${n}`);
    if (!forward) return classGradientsTs(model, x, rows, classes);
    const out: ClassGradients = { classes: new Int32Array(rows), logits: new Float32Array(rows * k), gradients: new Float32Array(rows * n), hidden: null, hiddenGradients: null };
    const w = (model.layers.find((l) => l instanceof Linear) as Linear).outFeatures; // the first hidden layer's width, when there is one
    for (let from = 0; from < rows; from += forward.capacity) {
      const count = Math.min(forward.capacity, rows - from);
      forward.inputs.set(x.subarray(from * n, (from + count) * n));
      const asked = classes && Array.from({ length: count }, (_, r) => classes[from + r]);
      forward.gradients(count, asked, (start, m, chosen, logits, gradients, activations, hidden) => {
        const at = from + start;
        out.logits.set(logits.subarray(0, m * k), at * k);
        out.gradients.set(gradients.subarray(0, m * n), at * n);
        if (chosen) out.classes.set(chosen.subarray(0, m), at);
        if (hidden) {
          (out.hidden ??= new Float32Array(rows * w)).set(activations[0].subarray(0, m * w), at * w);
          (out.hiddenGradients ??= new Float32Array(rows * w)).set(hidden.subarray(0, m * w), at * w);
        }
      });
    }
    return out;
  };

  /** Threads its forward pass runs on now (one until its helpers run). */
  get threads(): number {
    return this.cache.threads;
  }

  /** Ends the helper threads of its forward pass, if any. */
  dispose(): void {
    this.cache.dispose();
  }
}
