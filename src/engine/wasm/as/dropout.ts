/**
 * Inverted dropout on a hidden layer's activations, as src/engine/dropout.ts (the same hash, so the
 * same masks): unit j of row r of a width-n layer is dropped at step t when
 *   fmix32(base + r·n + j) < threshold,   base = dropoutBase(seed, t, layer),  threshold = ⌊p · 2³²⌋
 * and kept units are scaled by s = 1 / (1 − p). The mask is recomputed in backward, not stored.
 * A block is `cols` columns from global column j0 and `rows` rows from batch row r0, of a layer whose
 * rows are n floats apart (A and D point at the layer's row 0), so any split of a batch draws one mask.
 */

@inline export function fmix32(h: u32): u32 {
  h ^= h >>> 16;
  h *= 0x85ebca6b;
  h ^= h >>> 13;
  h *= 0xc2b2ae35;
  h ^= h >>> 16;
  return h;
}

export function dropoutBase(seed: u32, t: u32, layer: u32): u32 {
  return fmix32(seed ^ fmix32(t * 0x9e3779b9 + layer));
}

/** ⌊p · 2³²⌋ for a rate p in [0, 1). */
@inline export function dropThreshold(p: f32): u32 {
  return <u32>(<f64>p * 4294967296.0);
}

/** 1 / (1 − p) as an f32. */
@inline export function keepScale(p: f32): f32 {
  return <f32>(1.0 / (1.0 - <f64>p));
}

/** A ⊙= M over the block: A = f(Z) becomes the dropped-out activations the next layer reads. */
export function dropoutForward(A: usize, n: i32, rows: i32, j0: i32, cols: i32, base: u32, p: f32, r0: i32 = 0): void {
  const threshold = dropThreshold(p), s = keepScale(p);
  for (let r = r0; r < r0 + rows; r++) {
    const i0 = r * n + j0;
    const row = A + (<usize>i0 << 2);
    for (let j = 0; j < cols; j++) {
      const q = row + (<usize>j << 2);
      store<f32>(q, fmix32(base + <u32>(i0 + j)) < threshold ? 0 : load<f32>(q) * s);
    }
  }
}

/**
 * dZ = dA ⊙ M ⊙ f'(a) in place over the block (dA in D), where A holds the dropped-out a ⊙ M: a kept
 * unit's a is A · (1 − p), a dropped one's gradient is 0 whatever a was. f' as actBackward:
 * ReLU [a > 0], sigmoid a (1 − a), tanh 1 − a².
 */
export function dropoutActBackward(act: i32, D: usize, A: usize, n: i32, rows: i32, j0: i32, cols: i32, base: u32, p: f32, r0: i32 = 0): void {
  const threshold = dropThreshold(p), s = keepScale(p), keep = <f32>(1 - p);
  for (let r = r0; r < r0 + rows; r++) {
    const i0 = r * n + j0;
    const d = D + (<usize>i0 << 2), a = A + (<usize>i0 << 2);
    for (let j = 0; j < cols; j++) {
      const jb = <usize>j << 2;
      if (fmix32(base + <u32>(i0 + j)) < threshold) { store<f32>(d + jb, 0); continue; }
      const g = load<f32>(d + jb) * s, y = load<f32>(a + jb) * keep;
      store<f32>(d + jb, act == 1 ? (y > 0 ? g : 0) : act == 2 ? g * y * (1 - y) : g * (1 - y * y));
    }
  }
}
