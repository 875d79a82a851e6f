/**
 * Element-wise kernels on row-major blocks (rows × cols, leading dimension ld in floats):
 *   actBackward   dZ = dA ⊙ f'(A), in place, written in terms of the activation's output A:
 *                 ReLU [A > 0], sigmoid A (1 − A), tanh 1 − A²
 *   sumRows       out[j] = Σ_i D[i, j]                (the bias gradient db = Σ_rows dZ)
 *   softmaxCrossEntropy  the fused loss of a classifier's last layer, as src/engine/loss.ts
 *   squaredError         the loss of a regression's last (linear) layer, as src/engine/loss.ts
 */

/** dZ = dA ⊙ f'(A) in place over a [rows, cols] block of D (dA in, dZ out) with A alongside. */
export function actBackward(act: i32, D: usize, A: usize, ld: i32, rows: i32, cols: i32): void {
  const s = <usize>ld << 2;
  const one = f32x4.splat(1), zero = f32x4.splat(0);
  for (let i = 0; i < rows; i++) {
    const d = D + <usize>i * s, a = A + <usize>i * s;
    let j = 0;
    for (; j + 4 <= cols; j += 4) {
      const jb = <usize>j << 2;
      const y = v128.load(a + jb), g = v128.load(d + jb);
      let r: v128;
      if (act == 1) r = v128.and(g, f32x4.gt(y, zero));
      else if (act == 2) r = f32x4.mul(f32x4.mul(g, y), f32x4.sub(one, y));
      else r = f32x4.mul(g, f32x4.sub(one, f32x4.mul(y, y)));
      v128.store(d + jb, r);
    }
    for (; j < cols; j++) {
      const jb = <usize>j << 2;
      const y = load<f32>(a + jb), g = load<f32>(d + jb);
      store<f32>(d + jb, act == 1 ? (y > 0 ? g : 0) : act == 2 ? g * y * (1 - y) : g * (1 - y * y));
    }
  }
}

/** out[j] = Σ_i D[i, j] over a [rows, cols] block. */
export function sumRows(D: usize, ld: i32, rows: i32, cols: i32, out: usize): void {
  const s = <usize>ld << 2;
  let j = 0;
  for (; j + 4 <= cols; j += 4) {
    const jb = <usize>j << 2;
    let acc = f32x4.splat(0);
    for (let i = 0; i < rows; i++) acc = f32x4.add(acc, v128.load(D + <usize>i * s + jb));
    v128.store(out + jb, acc);
  }
  for (; j < cols; j++) {
    const jb = <usize>j << 2;
    let acc: f32 = 0;
    for (let i = 0; i < rows; i++) acc += load<f32>(D + <usize>i * s + jb);
    store<f32>(out + jb, acc);
  }
}

/** Rows of the last softmaxCrossEntropy whose most probable class was the label (first class on ties). */
export let lastCorrect: i32 = 0;

/**
 * The fused softmax cross-entropy over a [rows, C] block Z (contiguous rows), i32 labels[order[start + r]]:
 *   p = softmax(z) = exp(z − max) / Σ exp(z − max)
 *   loss_r = logsumexp(z_r) − z[r, y_r]
 * Z is overwritten with p, or, with `grad`, with dL/dz = (p − onehot(y)) / B, B the batch's rows
 * (`batchRows`; `rows` when the block is the whole batch). Per-row losses go to
 * `losses` (f32) when it is not 0. Returns Σ_r loss_r (f64); lastCorrect counts the right rows.
 * In double precision, as loss.ts.
 */
export function softmaxCrossEntropy(Z: usize, rows: i32, C: i32, labels: usize, order: usize, start: i32, grad: bool, losses: usize, batchRows: i32): f64 {
  let total: f64 = 0;
  let correct = 0;
  const inv: f64 = 1.0 / <f64>batchRows;
  for (let r = 0; r < rows; r++) {
    const z = Z + (<usize>r * <usize>C << 2);
    const y = load<i32>(labels + (<usize>load<i32>(order + (<usize>(start + r) << 2)) << 2));
    let max = <f64>load<f32>(z);
    let best = 0;
    for (let j = 1; j < C; j++) {
      const v = <f64>load<f32>(z + (<usize>j << 2));
      if (v > max) { max = v; best = j; }
    }
    let sum: f64 = 0;
    for (let j = 0; j < C; j++) sum += Math.exp(<f64>load<f32>(z + (<usize>j << 2)) - max);
    const loss = max + Math.log(sum) - <f64>load<f32>(z + (<usize>y << 2));
    total += loss;
    if (losses) store<f32>(losses + (<usize>r << 2), <f32>loss);
    if (best == y) correct++;
    const s = 1.0 / sum;
    for (let j = 0; j < C; j++) {
      const q = z + (<usize>j << 2);
      const p = Math.exp(<f64>load<f32>(q) - max) * s;
      store<f32>(q, grad ? <f32>((p - (j == y ? 1.0 : 0.0)) * inv) : <f32>p);
    }
  }
  lastCorrect = correct;
  lastAbsSum = 0;
  return total;
}

/** Σ_r Σ_j |z − y| of the last squaredError (0 after a softmaxCrossEntropy). */
export let lastAbsSum: f64 = 0;

/**
 * The squared error over a [rows, C] block Z of outputs (contiguous rows) against the f32 targets
 * [order[start + r] · C ..] (one value per output):
 *   loss_r = ½ Σ_j (z_rj − y_rj)²,   dL/dz = (z − y) / B      (B = batchRows, as softmaxCrossEntropy)
 * With `grad`, Z is overwritten with dL/dz; otherwise it keeps the outputs (the predictions). Per-row
 * losses go to `losses` (f32) when it is not 0. Returns Σ_r loss_r; lastAbsSum gets Σ |z − y|.
 * In double precision, as loss.ts.
 */
export function squaredError(Z: usize, rows: i32, C: i32, targets: usize, order: usize, start: i32, grad: bool, losses: usize, batchRows: i32): f64 {
  let total: f64 = 0, abs: f64 = 0;
  const inv: f64 = 1.0 / <f64>batchRows;
  for (let r = 0; r < rows; r++) {
    const z = Z + (<usize>r * <usize>C << 2);
    const t = targets + (<usize>load<i32>(order + (<usize>(start + r) << 2)) * <usize>C << 2);
    let loss: f64 = 0;
    for (let j = 0; j < C; j++) {
      const q = z + (<usize>j << 2);
      const d = <f64>load<f32>(q) - <f64>load<f32>(t + (<usize>j << 2));
      loss += 0.5 * d * d;
      abs += Math.abs(d);
      if (grad) store<f32>(q, <f32>(d * inv));
    }
    total += loss;
    if (losses) store<f32>(losses + (<usize>r << 2), <f32>loss);
  }
  lastCorrect = 0;
  lastAbsSum = abs;
  return total;
}
