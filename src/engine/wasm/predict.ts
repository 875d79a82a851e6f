import type { Matrix } from '../matrix';
import { softmax } from '../loss';
import { zeros } from '../matrix';
import type { Sequential } from '../sequential';
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
   * byte); `threading`: run on the current run's threads (each its share of a chunk's rows).
   */
  constructor(options: { kernels?: 'wasm' | 'js'; threading?: ForwardThreads } = {}) {
    this.kernels = options.kernels ?? 'wasm';
    this.cache = new ForwardCache(options.threading);
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

  /** Ends the helper threads of its forward pass, if any. */
  dispose(): void {
    this.cache.dispose();
  }
}
