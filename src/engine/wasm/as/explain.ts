/**
 * The gradient of one class's score with respect to a model's inputs, for rows whose forward pass has
 * run (step.ts gradientShare): the backward pass of saliency.ts, batched, on this thread's rows. The
 * score is the class's logit z_c (before the softmax), or a regression's output:
 *   G = e_c                         [m, C]  (∂z_c/∂z: one-hot)
 *   dA_{h−1} = dZ_h · W_hᵀ          (dZ_{L−1} = G; W_h [in, out])
 *   dZ_h = dA_h ⊙ f'(A_h)           (actBackward, from the activation's output)
 *   ∂z_c/∂x = dZ_0 · W_0ᵀ           [m, inputs]
 * c is each row's label in the dataset's targets (the caller writes them), or the row's largest logit
 * (the first on ties, as src/engine/argmax.ts) where the label is −1; the label is then set to c, so
 * the caller reads the class differentiated from the targets.
 */
import { C_ACT, C_CLASSES, C_INPUTS, C_LAYERS, C_PARTIALS, L_A, L_DZ, L_IN, L_OUT, L_W } from '../layout';
import { matmulTransB } from './dense';
import { actBackward } from './elementwise';
import { gi, gp, li, lp, row } from './context';

/**
 * ∂z_c/∂x of rows r0 .. r0 + m of a chunk (logits Z [m, C] at rows r0 .. of the chunk, each hidden
 * layer's activations at rows r0 .. of its A; the rows' labels at labels[idx[first + r]]) into rows
 * r0 .. of `out` [rows, inputs]; ∂z_c/∂a of the first hidden layer into rows r0 .. of `hidden` [rows,
 * width₀] unless it is 0. Uses rows r0 .. of the partials (for G) and of each hidden layer's dZ.
 */
export function inputGradient(ctx: usize, Z: usize, m: i32, labels: usize, idx: usize, first: i32, r0: i32, out: usize, hidden: usize): void {
  const layers = gi(ctx, C_LAYERS), act = gi(ctx, C_ACT), C = gi(ctx, C_CLASSES), w = gi(ctx, C_INPUTS);
  const G = row(gp(ctx, C_PARTIALS), r0, C);
  memory.fill(G, 0, <usize>m * <usize>C << 2);
  for (let r = 0; r < m; r++) {
    // A regression's one output (its targets are values, not classes).
    const label = labels + (<usize>load<i32>(idx + (<usize>(first + r) << 2)) << 2);
    let c = C == 1 ? 0 : load<i32>(label);
    if (c < 0) {
      const z = row(Z, r, C);
      c = 0;
      for (let j = 1; j < C; j++) if (load<f32>(z + (<usize>j << 2)) > load<f32>(z + (<usize>c << 2))) c = j;
      store<i32>(label, c);
    }
    store<f32>(row(G, r, C) + (<usize>c << 2), 1);
  }
  let g = G, ldg = C;
  for (let h = layers - 1; h >= 1; h--) {
    const k = li(ctx, h, L_IN), n = li(ctx, h, L_OUT);
    const dA = row(lp(ctx, h - 1, L_DZ), r0, k);
    matmulTransB(g, ldg, lp(ctx, h, L_W), n, dA, k, m, n, k);
    if (h == 1 && hidden) memory.copy(row(hidden, r0, k), dA, <usize>m * <usize>k << 2);
    actBackward(act, dA, row(lp(ctx, h - 1, L_A), r0, k), k, m, k);
    g = dA;
    ldg = k;
  }
  matmulTransB(g, ldg, lp(ctx, 0, L_W), li(ctx, 0, L_OUT), row(out, r0, w), w, m, li(ctx, 0, L_OUT), w);
}
