import { argmax } from './argmax';
import { type Matrix, assertShape, resizeRows, zeros } from './matrix';

/**
 * Softmax of one row, Z[o .. o+n) into P[o .. o+n), numerically stable: p_j = exp(z_j − max) / Σ.
 * Subtracting the row maximum keeps every exp() in (0, 1], so large logits cannot overflow.
 * Returns log Σ_j exp(z_j) (the log-sum-exp, computed as max + log Σ exp(z_j − max)).
 */
function softmaxRow(Z: Float32Array, P: Float32Array, o: number, n: number): number {
  let max = Z[o];
  for (let j = 1; j < n; j++) if (Z[o + j] > max) max = Z[o + j];
  let sum = 0;
  for (let j = 0; j < n; j++) {
    const e = Math.exp(Z[o + j] - max);
    P[o + j] = e;
    sum += e;
  }
  const inv = 1 / sum;
  for (let j = 0; j < n; j++) P[o + j] *= inv;
  return max + Math.log(sum);
}

/** Row-wise softmax; logits and out are `[batch, classes]`, and out may be logits itself. */
export function softmax(logits: Matrix, out: Matrix): Matrix {
  assertShape('softmax output', out, logits.rows, logits.cols);
  for (let i = 0, n = logits.cols; i < logits.rows; i++) softmaxRow(logits.data, out.data, i * n, n);
  return out;
}

/**
 * A model's loss over a batch of its outputs against the batch's targets, with its gradient:
 * SoftmaxCrossEntropy for classes, SquaredError for a regression.
 */
export interface Loss {
  /** The outputs as the model gives them after the loss's forward: softmax probabilities, or the regression's values. */
  readonly probs: Matrix;
  /** Rows of the last forward whose most probable class is their label (0 for a regression). */
  readonly correct: number;
  /** Σ |output − target| over the rows of the last forward (a regression's; 0 for classes). */
  readonly absErrorSum: number;
  /** Mean loss over the batch; with `perSample`, each row's loss too. */
  forward(outputs: Matrix, targets: ArrayLike<number>, perSample?: Float32Array): number;
  /** dL/doutputs for the last forward. */
  backward(): Matrix;
}

/**
 * Softmax followed by cross-entropy against integer labels, fused as every framework does:
 *
 *   p = softmax(z)                      z, p: [batch, classes]
 *   loss_i = −log p[i, y_i]             computed as logsumexp(z_i) − z[i, y_i], finite even when p ≈ 0
 *   L = (1 / batch) Σ_i loss_i
 *   dL/dz = (p − onehot(y)) / batch     [batch, classes]
 */
export class SoftmaxCrossEntropy implements Loss {
  /** Probabilities of the last forward. */
  readonly probs: Matrix;
  /** Rows of the last forward whose most probable class is the label (ties: the first class). */
  correct = 0;
  readonly absErrorSum = 0;
  private readonly dLogits: Matrix;
  private labels: ArrayLike<number> | null = null;

  constructor(readonly classes: number) {
    this.probs = zeros(0, classes);
    this.dLogits = zeros(0, classes);
  }

  /**
   * Mean loss over the batch. When `perSample` is given, loss_i is also written there.
   * Labels must be integers in [0, classes).
   */
  forward(logits: Matrix, labels: ArrayLike<number>, perSample?: Float32Array): number {
    if (logits.cols !== this.classes) {
      throw new Error(`crossEntropy: logits have ${logits.cols} classes, expected ${this.classes}`);
    }
    if (labels.length < logits.rows) {
      throw new Error(`crossEntropy: ${labels.length} labels for a batch of ${logits.rows}`);
    }
    this.labels = labels;
    const p = resizeRows(this.probs, logits.rows);
    const Z = logits.data, P = p.data, n = this.classes;
    let total = 0;
    let correct = 0;
    for (let i = 0, o = 0; i < logits.rows; i++, o += n) {
      const y = labels[i];
      if (!(y >= 0 && y < n && Number.isInteger(y))) throw new Error(`crossEntropy: label ${y} at row ${i} is not in 0..${n - 1}`);
      // −log p_y = logsumexp(z) − z_y: finite even when p_y underflows to 0.
      const loss = softmaxRow(Z, P, o, n) - Z[o + y];
      if (perSample) perSample[i] = loss;
      total += loss;
      if (argmax(P, o, n) === y) correct++;
    }
    this.correct = correct;
    return total / logits.rows;
  }

  /** dL/dlogits = (p − onehot(y)) / batch, for the last forward. */
  backward(): Matrix {
    const labels = this.labels;
    if (!labels) throw new Error('crossEntropy.backward called before forward');
    const p = this.probs, n = this.classes, batch = p.rows;
    const d = resizeRows(this.dLogits, batch);
    const P = p.data, D = d.data, inv = 1 / batch;
    for (let i = 0, o = 0; i < batch; i++, o += n) {
      for (let j = 0; j < n; j++) D[o + j] = P[o + j] * inv;
      D[o + labels[i]] -= inv;
    }
    return d;
  }
}

/**
 * A regression's squared error on a linear output (PyTorch's `0.5 * MSELoss`, scikit-learn's MLPRegressor loss):
 *
 *   loss_i = ½ Σ_j (z_ij − y_ij)²        z, y: [batch, outputs] (one output per target value)
 *   L = (1 / batch) Σ_i loss_i
 *   dL/dz = (z − y) / batch
 *
 * in double precision, as the WebAssembly step computes it. The outputs are the predictions (`probs`
 * is the outputs matrix itself, for callers that read every loss's outputs alike).
 */
export class SquaredError implements Loss {
  probs: Matrix;
  readonly correct = 0;
  absErrorSum = 0;
  private readonly dOutputs: Matrix;
  private targets: ArrayLike<number> | null = null;

  constructor(readonly outputs: number) {
    this.probs = zeros(0, outputs);
    this.dOutputs = zeros(0, outputs);
  }

  forward(outputs: Matrix, targets: ArrayLike<number>, perSample?: Float32Array): number {
    if (outputs.cols !== this.outputs) throw new Error(`squaredError: outputs have ${outputs.cols} columns, expected ${this.outputs}`);
    if (targets.length < outputs.rows * this.outputs) throw new Error(`squaredError: ${targets.length} targets for a batch of ${outputs.rows}`);
    this.targets = targets;
    this.probs = outputs;
    const Z = outputs.data, n = this.outputs;
    let total = 0, abs = 0;
    for (let i = 0, o = 0; i < outputs.rows; i++, o += n) {
      let loss = 0;
      for (let j = 0; j < n; j++) {
        const d = Z[o + j] - targets[o + j];
        loss += 0.5 * d * d;
        abs += Math.abs(d);
      }
      if (perSample) perSample[i] = loss;
      total += loss;
    }
    this.absErrorSum = abs;
    return total / outputs.rows;
  }

  backward(): Matrix {
    const y = this.targets;
    if (!y) throw new Error('squaredError.backward called before forward');
    const z = this.probs, batch = z.rows, n = this.outputs;
    const d = resizeRows(this.dOutputs, batch);
    const Z = z.data, D = d.data, inv = 1 / batch;
    for (let i = 0; i < batch * n; i++) D[i] = (Z[i] - y[i]) * inv;
    return d;
  }
}
