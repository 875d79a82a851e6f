import { type ClassGradientsFn, classGradients } from './saliency';
import type { Sequential } from './sequential';

/**
 * Attributions of one output's score to a model's inputs, for one row (Why this row?). The score is
 * z_c, output c before any softmax: a class's logit, or a regression's single value.
 *
 *   gradient × input      a_i = (∂z_c/∂x_i)(x) · x_i                          (first-order, one backward pass)
 *   integrated gradients  IG_i = (x_i − x'_i) · ∫₀¹ ∂z_c/∂x_i (x' + α(x − x')) dα   (Sundararajan et al. 2017)
 *
 * IG's integral is taken by the midpoint rule with m steps, α_k = (k + ½)/m for k = 0 … m − 1:
 *   IG_i ≈ (x_i − x'_i) · (1/m) Σ_k ∂z_c/∂x_i (x' + α_k (x − x')).
 * IG is complete: Σ_i IG_i = z_c(x) − z_c(x') exactly for the integral (the fundamental theorem of
 * calculus along the straight path), so the sum's gap to that difference measures the quadrature error
 * alone: m doubles until the gap is within the tolerance, or m reaches its cap.
 *
 * Shapes: x, x' and every attribution are [inputSize] (one row of the model's encoded inputs). Dropout is
 * off, as when predicting. Sums run in float64 over the float32 gradients of saliency.ts, computed by
 * `gradients`: the TypeScript layers by default (the oracle), the WebAssembly kernels on every thread
 * in the worker (Predictor.classGradients: IG's m points go as one batch).
 */

/** Gradient × input for one row. */
export interface GradientTimesInput {
  /** The output explained (the predicted class when none was asked for). */
  cls: number;
  /** z_c(x). */
  score: number;
  /** Every output's value at x [outputSize]. */
  logits: Float32Array;
  /** a_i = (∂z_c/∂x_i) · x_i [inputSize]. */
  attributions: Float64Array;
}

/** a_i = (∂z_c/∂x_i)(x) · x_i by one backward pass; c defaults to the largest output (the predicted class). */
export function gradientTimesInput(model: Sequential, x: Float32Array, cls?: number, gradients: ClassGradientsFn = classGradients): GradientTimesInput {
  const g = gradients(model, x, 1, [cls ?? -1]), c = g.classes[0];
  const attributions = new Float64Array(x.length);
  for (let i = 0; i < x.length; i++) attributions[i] = g.gradients[i] * x[i];
  return { cls: c, score: g.logits[c], logits: g.logits, attributions };
}

/** Integrated gradients of one row from a baseline, with the check of completeness. */
export interface IntegratedGradients {
  cls: number;
  /** IG_i [inputSize]. */
  attributions: Float64Array;
  /** Σ_i IG_i. */
  sum: number;
  /** z_c(x) and z_c(x'). */
  score: number;
  baselineScore: number;
  /** |Σ_i IG_i − (z_c(x) − z_c(x'))|: the quadrature's error. */
  gap: number;
  /** The midpoint rule's steps m that gave it. */
  steps: number;
}

export interface IntegratedGradientsOptions {
  /** The gap allowed, in the score's units; default 1% of |z_c(x)|. */
  tolerance?: number;
  /** m to start from (64) and its cap (4096): m doubles while the gap exceeds the tolerance. */
  minSteps?: number;
  maxSteps?: number;
  /** How the gradients are computed (the TypeScript layers by default). */
  gradients?: ClassGradientsFn;
}

export const IG_MIN_STEPS = 64;
/** Points whose gradients are asked for at a time (memory stays [IG_CHUNK, inputs] however many steps). */
const IG_CHUNK = 256;
export const IG_MAX_STEPS = 4096;

/**
 * IG of output c for row x from baseline x' (see the header), with m doubling from `minSteps` until
 * |Σ IG − (z_c(x) − z_c(x'))| ≤ tolerance or m = `maxSteps`; the result says which m it took and the
 * gap left, so a caller can show whether the sum holds.
 */
export function integratedGradients(model: Sequential, x: Float32Array, baseline: Float32Array, cls: number, options: IntegratedGradientsOptions = {}): IntegratedGradients {
  if (baseline.length !== x.length) throw new Error(`integratedGradients: a baseline of ${baseline.length} inputs for a row of ${x.length}`);
  const minSteps = options.minSteps ?? IG_MIN_STEPS, maxSteps = Math.max(minSteps, options.maxSteps ?? IG_MAX_STEPS);
  if (!Number.isInteger(minSteps) || minSteps < 1) throw new Error(`integratedGradients: ${minSteps} steps`);
  const gradients = options.gradients ?? classGradients;
  const score = gradients(model, x, 1, [cls]).logits[cls];
  const baselineScore = gradients(model, baseline, 1, [cls]).logits[cls];
  const change = score - baselineScore;
  const tolerance = options.tolerance ?? 0.01 * Math.abs(score);
  let steps = minSteps;
  for (;;) {
    const attributions = integratedGradientsAt(model, x, baseline, cls, steps, gradients);
    let sum = 0;
    for (let i = 0; i < attributions.length; i++) sum += attributions[i];
    const gap = Math.abs(sum - change);
    if (gap <= tolerance || steps * 2 > maxSteps) return { cls, attributions, sum, score, baselineScore, gap, steps };
    steps *= 2;
  }
}

/** IG_i by the midpoint rule with exactly m steps: (x_i − x'_i) · (1/m) Σ_k ∂z_c/∂x_i (x' + (k + ½)/m · (x − x')). */
export function integratedGradientsAt(model: Sequential, x: Float32Array, baseline: Float32Array, cls: number, steps: number, gradients: ClassGradientsFn = classGradients): Float64Array {
  const n = x.length, chunk = Math.min(steps, IG_CHUNK), points = new Float32Array(chunk * n), mean = new Float64Array(n);
  const classes = new Int32Array(chunk).fill(cls);
  for (let k0 = 0; k0 < steps; k0 += chunk) {
    const m = Math.min(chunk, steps - k0);
    for (let k = 0; k < m; k++) {
      const alpha = (k0 + k + 0.5) / steps;
      for (let i = 0; i < n; i++) points[k * n + i] = baseline[i] + alpha * (x[i] - baseline[i]);
    }
    const g = gradients(model, points, m, classes).gradients;
    for (let k = 0; k < m; k++) for (let i = 0; i < n; i++) mean[i] += g[k * n + i];
  }
  for (let i = 0; i < n; i++) mean[i] = (x[i] - baseline[i]) * (mean[i] / steps);
  return mean;
}
