/**
 * Optimiser updates on a [rows, cols] block of a parameter (leading dimension ld in floats), as
 * src/engine/optim.ts, with g + λw in place of g where the L2 decay λ is given (weights, not biases):
 *   SGD        w ← w − η (g + λw)
 *   Momentum   v ← μ v + (g + λw);   w ← w − η v
 *   Adam       m ← β1 m + (1−β1) g;  v ← β2 v + (1−β2) g²;   w ← w − α m / (√v + ε̂)
 *              with α = η √(1−β2ᵗ)/(1−β1ᵗ) and ε̂ = ε √(1−β2ᵗ), the bias corrections folded in
 */
import { madd } from './simd';

export function update(opt: i32, W: usize, G: usize, M: usize, V: usize, ld: i32, rows: i32, cols: i32,
  lr: f32, wd: f32, mom: f32, b1: f32, b2: f32, alpha: f32, epsHat: f32): void {
  const s = <usize>ld << 2;
  const vlr = f32x4.splat(lr), vwd = f32x4.splat(wd), vmom = f32x4.splat(mom);
  const vb1 = f32x4.splat(b1), vb2 = f32x4.splat(b2), vc1 = f32x4.splat(1 - b1), vc2 = f32x4.splat(1 - b2);
  const valpha = f32x4.splat(alpha), veps = f32x4.splat(epsHat);
  for (let i = 0; i < rows; i++) {
    const o = <usize>i * s;
    let j = 0;
    for (; j + 4 <= cols; j += 4) {
      const q = o + (<usize>j << 2);
      const w = v128.load(W + q);
      const g = wd != 0 ? madd(vwd, w, v128.load(G + q)) : v128.load(G + q);
      if (opt == 0) {
        v128.store(W + q, f32x4.sub(w, f32x4.mul(vlr, g)));
      } else if (opt == 1) {
        const v = madd(vmom, v128.load(M + q), g);
        v128.store(M + q, v);
        v128.store(W + q, f32x4.sub(w, f32x4.mul(vlr, v)));
      } else {
        const m = madd(vb1, v128.load(M + q), f32x4.mul(vc1, g));
        const v = madd(vb2, v128.load(V + q), f32x4.mul(vc2, f32x4.mul(g, g)));
        v128.store(M + q, m);
        v128.store(V + q, v);
        v128.store(W + q, f32x4.sub(w, f32x4.div(f32x4.mul(valpha, m), f32x4.add(f32x4.sqrt(v), veps))));
      }
    }
    for (; j < cols; j++) {
      const q = o + (<usize>j << 2);
      const w = load<f32>(W + q);
      const g = load<f32>(G + q) + wd * w;
      if (opt == 0) {
        store<f32>(W + q, w - lr * g);
      } else if (opt == 1) {
        const v = mom * load<f32>(M + q) + g;
        store<f32>(M + q, v);
        store<f32>(W + q, w - lr * v);
      } else {
        const m = b1 * load<f32>(M + q) + (1 - b1) * g;
        const v = b2 * load<f32>(V + q) + (1 - b2) * g * g;
        store<f32>(M + q, m);
        store<f32>(V + q, v);
        store<f32>(W + q, w - alpha * m / (Mathf.sqrt(v) + epsHat));
      }
    }
  }
}
