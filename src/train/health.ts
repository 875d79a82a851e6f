import type { ActivationName } from '../engine/activations';
import { Linear } from '../engine/linear';
import type { Matrix } from '../engine/matrix';
import { type Sequential, activationSummary } from '../engine/sequential';

/** Bins of each layer's activation histogram. */
export const HIST_BINS = 20;
/** A sigmoid or tanh unit is saturated on a row when its output is this close to a bound (of a range of 1 or 2). */
export const SATURATION_MARGIN = 0.02;
/** ...and saturated, as a unit, when it is so on at least this share of the probe rows. */
export const SATURATED_ROWS = 0.95;

/** One Linear layer's health after an epoch: its outputs on the probe batch, its gradient and update on the last step. */
export interface LayerHealth {
  /** "Linear(784 → 128) + ReLU"; the last layer's outputs are the logits. */
  label: string;
  /** What the histogram counts: the activation's outputs, or the logits of the last layer. */
  output: ActivationName | 'logits';
  /** HIST_BINS counts of the outputs over [lo, hi] on the probe batch (rows × units values). */
  histogram: { lo: number; hi: number; counts: number[] };
  /** ReLU: share of units never positive on the probe batch (null for other outputs). */
  dead: number | null;
  /** ReLU: those units, by index (empty for other outputs). */
  deadUnits: number[];
  /** Sigmoid and tanh: share of units within SATURATION_MARGIN of a bound on SATURATED_ROWS of the rows. */
  saturated: number | null;
  /** ‖dW‖ (Frobenius) of the epoch's last training step (its batch's mean loss). */
  gradNorm: number;
  /** ‖W‖ after the epoch. */
  weightNorm: number;
  /** ‖ΔW‖ / ‖W‖ of the epoch's last optimiser step (about 1e-3 is healthy). */
  updateRatio: number;
}

/** Every layer's health after an epoch. */
export interface EpochHealth {
  epoch: number;
  layers: LayerHealth[];
}

/** √Σ v². */
export function norm(v: Float32Array): number {
  let s = 0;
  for (let i = 0; i < v.length; i++) s += v[i] * v[i];
  return Math.sqrt(s);
}

/** ‖a − b‖ / ‖b‖: the relative size of the step from b to a (0 for a zero b). */
export function updateRatio(after: Float32Array, before: Float32Array): number {
  let d = 0, w = 0;
  for (let i = 0; i < before.length; i++) {
    const x = after[i] - before[i];
    d += x * x;
    w += before[i] * before[i];
  }
  return w > 0 ? Math.sqrt(d / w) : 0;
}

/** Counts of `values` in HIST_BINS equal bins over [lo, hi] (the extremes of the values; a constant gets one bin's width of 1). */
export function histogram(values: Float32Array, n: number): LayerHealth['histogram'] {
  let lo = Infinity, hi = -Infinity;
  for (let i = 0; i < n; i++) {
    const v = values[i];
    if (v < lo) lo = v;
    if (v > hi) hi = v;
  }
  if (!(hi > lo)) { hi = (Number.isFinite(lo) ? lo : 0) + 1; lo = hi - 1; }
  const counts = new Array<number>(HIST_BINS).fill(0);
  const scale = HIST_BINS / (hi - lo);
  for (let i = 0; i < n; i++) counts[Math.min(HIST_BINS - 1, Math.floor((values[i] - lo) * scale))]++;
  return { lo, hi, counts };
}

/** The columns (units) of Y [rows, units] that are never positive: dead ReLU units. */
export function deadUnits(Y: Matrix): number[] {
  const dead: number[] = [];
  for (let j = 0; j < Y.cols; j++) {
    let alive = false;
    for (let i = 0; i < Y.rows && !alive; i++) alive = Y.data[i * Y.cols + j] > 0;
    if (!alive) dead.push(j);
  }
  return dead;
}

/** Share of the units of Y [rows, units] that are never positive. */
export function deadShare(Y: Matrix): number {
  return Y.cols ? deadUnits(Y).length / Y.cols : 0;
}

/** Share of units of Y [rows, units] near a bound of (lo, hi) on at least SATURATED_ROWS of the rows. */
export function saturatedShare(Y: Matrix, lo: number, hi: number): number {
  const margin = SATURATION_MARGIN * (hi - lo);
  let saturated = 0;
  for (let j = 0; j < Y.cols; j++) {
    let near = 0;
    for (let i = 0; i < Y.rows; i++) {
      const v = Y.data[i * Y.cols + j];
      if (v <= lo + margin || v >= hi - margin) near++;
    }
    if (near >= SATURATED_ROWS * Y.rows) saturated++;
  }
  return Y.cols ? saturated / Y.cols : 0;
}

/**
 * The health of every Linear layer of `model` from its outputs on the probe batch: `outputs[l]` is
 * layer l's activation output [rows, units] (the logits for the last); `gradNorms[l]` and `ratios[l]`
 * are ‖dW‖ and the update ratio of the epoch's last step.
 */
export function layerHealth(model: Sequential, activation: ActivationName, outputs: Matrix[], ratios: number[], gradNorms: number[]): LayerHealth[] {
  const linears = model.layers.filter((l): l is Linear => l instanceof Linear);
  const act = activationSummary(activation, 0).label;
  return linears.map((l, i) => {
    const last = i === linears.length - 1, Y = outputs[i];
    const bounds = activation === 'sigmoid' ? [0, 1] : [-1, 1];
    const dead = !last && activation === 'relu' ? deadUnits(Y) : null;
    return {
      label: `Linear(${l.inFeatures} → ${l.outFeatures})${last ? ', logits' : ` + ${act}`}`,
      output: last ? 'logits' : activation,
      histogram: histogram(Y.data, Y.rows * Y.cols),
      dead: dead ? (Y.cols ? dead.length / Y.cols : 0) : null,
      deadUnits: dead ?? [],
      saturated: !last && activation !== 'relu' ? saturatedShare(Y, bounds[0], bounds[1]) : null,
      gradNorm: gradNorms[i] ?? NaN,
      weightNorm: norm(l.W.data),
      updateRatio: ratios[i] ?? NaN,
    };
  });
}
