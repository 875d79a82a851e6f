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
 * Softmax followed by cross-entropy against integer labels, fused as every framework does:
 *
 *   p = softmax(z)                      z, p: [batch, classes]
 *   loss_i = −log p[i, y_i]             computed as logsumexp(z_i) − z[i, y_i], finite even when p ≈ 0
 *   L = (1 / batch) Σ_i loss_i
 *   dL/dz = (p − onehot(y)) / batch     [batch, classes]
 */
export class SoftmaxCrossEntropy {
  /** Probabilities of the last forward. */
  readonly probs: Matrix;
  /** Rows of the last forward whose most probable class is the label (ties: the first class). */
  correct = 0;
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
