/**
 * Optimiser updates on a [rows, cols] block of a parameter (leading dimension ld in floats), as
 * src/engine/optim.ts, with g + λw in place of g where the L2 decay λ is given (weights, not biases):
 *   SGD        w ← w − η (g + λw)
 *   Momentum   v ← μ v + (g + λw);   w ← w − η v
 *   Adam       m ← β1 m + (1−β1) g;  v ← β2 v + (1−β2) g²;   w ← w − α m / (√v + ε̂)
 *              with α = η √(1−β2ᵗ)/(1−β1ᵗ) and ε̂ = ε √(1−β2ᵗ), the bias corrections folded in
 * updateVec and updateOne apply them to four values and to one, given the gradient in a register, so
 * that a kernel that has just computed a gradient can update the weights without storing it.
 */
import { madd } from './simd';

// The optimiser's settings travel as plain arguments: no object, since the stub runtime's heap would
// grow into the context table above the static data.

/** Updates the four weights at W (moments at M and V; 0 where the optimiser keeps none) with gradient g. */
@inline export function updateVec(opt: i32, lr: f32, wd: f32, mom: f32, b1: f32, b2: f32, alpha: f32, epsHat: f32,
  W: usize, g0: v128, M: usize, V: usize): void {
  const w = v128.load(W);
  const g = wd != 0 ? madd(f32x4.splat(wd), w, g0) : g0;
  if (opt == 0) {
    v128.store(W, f32x4.sub(w, f32x4.mul(f32x4.splat(lr), g)));
  } else if (opt == 1) {
    const v = madd(f32x4.splat(mom), v128.load(M), g);
    v128.store(M, v);
    v128.store(W, f32x4.sub(w, f32x4.mul(f32x4.splat(lr), v)));
  } else {
    const m = madd(f32x4.splat(b1), v128.load(M), f32x4.mul(f32x4.splat(1 - b1), g));
    const v = madd(f32x4.splat(b2), v128.load(V), f32x4.mul(f32x4.splat(1 - b2), f32x4.mul(g, g)));
    v128.store(M, m);
    v128.store(V, v);
    v128.store(W, f32x4.sub(w, f32x4.div(f32x4.mul(f32x4.splat(alpha), m), f32x4.add(f32x4.sqrt(v), f32x4.splat(epsHat)))));
  }
}

/** The same for one weight. */
@inline export function updateOne(opt: i32, lr: f32, wd: f32, mom: f32, b1: f32, b2: f32, alpha: f32, epsHat: f32,
  W: usize, g0: f32, M: usize, V: usize): void {
  const w = load<f32>(W);
  const g = g0 + wd * w;
  if (opt == 0) {
    store<f32>(W, w - lr * g);
  } else if (opt == 1) {
    const v = mom * load<f32>(M) + g;
    store<f32>(M, v);
    store<f32>(W, w - lr * v);
  } else {
    const m = b1 * load<f32>(M) + (1 - b1) * g;
    const v = b2 * load<f32>(V) + (1 - b2) * g * g;
    store<f32>(M, m);
    store<f32>(V, v);
    store<f32>(W, w - alpha * m / (Mathf.sqrt(v) + epsHat));
  }
}

/** One step of the optimiser over a [rows, cols] block of W with its gradient G (and moments M, V). */
export function update(opt: i32, W: usize, G: usize, M: usize, V: usize, ld: i32, rows: i32, cols: i32,
  lr: f32, wd: f32, mom: f32, b1: f32, b2: f32, alpha: f32, epsHat: f32): void {
  const s = <usize>ld << 2;
  for (let i = 0; i < rows; i++) {
    const o = <usize>i * s;
    let j = 0;
    for (; j + 4 <= cols; j += 4) {
      const q = o + (<usize>j << 2);
      updateVec(opt, lr, wd, mom, b1, b2, alpha, epsHat, W + q, v128.load(G + q), M + q, V + q);
    }
    for (; j < cols; j++) {
      const q = o + (<usize>j << 2);
      updateOne(opt, lr, wd, mom, b1, b2, alpha, epsHat, W + q, load<f32>(G + q), M + q, V + q);
    }
  }
}
