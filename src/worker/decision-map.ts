import type { Dataset } from '../data/dataset';
import { type Schema, classNames } from '../data/schema';
import { Dropout } from '../engine/dropout';
import { Linear } from '../engine/linear';
import { softmax } from '../engine/loss';
import { type Matrix, fromArray, zeros } from '../engine/matrix';
import type { Sequential } from '../engine/sequential';
import { ForwardCache, type ForwardSink, type ForwardThreads } from '../engine/wasm/forward';
import type { EpochHealth } from '../train/health';
import {
  type FeatureRange, GRID_SIDE, type MapRequest, axisFeatures, defaultPair, featureRanges, gridInputs, inputOffsets, resolvePlane,
} from '../train/decision-grid';
import type { DecisionMap } from './protocol';

/** Training rows and held-out rows drawn on the map, each at most. */
export const MAX_POINTS = 250;
/**
 * Points a side of a neuron map: every other grid point each way (a quarter of the grid), for 128
 * maps at a quarter of the cost; a unit's map is smooth (piecewise linear for ReLU), so nothing is lost.
 */
export const NEURON_SIDE = GRID_SIDE / 2;
/** Units of a hidden layer drawn as neuron maps, at most. */
export const MAX_NEURON_UNITS = 64;

/** Class colours (d3's category10, as TensorFlow Playground and matplotlib's tab10); past ten, hues by the golden angle. */
const PALETTE = ['#1f77b4', '#ff7f0e', '#2ca02c', '#d62728', '#9467bd', '#8c564b', '#e377c2', '#7f7f7f', '#bcbd22', '#17becf'];
/** A regression's scale, low to high (viridis). */
export const VALUE_SCALE = ['#440154', '#3b528b', '#21918c', '#5ec962', '#fde725'];

export function classColor(k: number): string {
  if (k < PALETTE.length) return PALETTE[k];
  const h = Math.round((k * 137.508) % 360);
  return hslHex(h, 0.6, 0.45);
}

function hslHex(h: number, s: number, l: number): string {
  const f = (n: number) => {
    const k = (n + h / 30) % 12, a = s * Math.min(l, 1 - l);
    const c = l - a * Math.max(-1, Math.min(k - 3, 9 - k, 1));
    return Math.round(255 * c).toString(16).padStart(2, '0');
  };
  return `#${f(0)}${f(8)}${f(4)}`;
}

const rgb = (hex: string): [number, number, number] => [parseInt(hex.slice(1, 3), 16), parseInt(hex.slice(3, 5), 16), parseInt(hex.slice(5, 7), 16)];

/** The rows the map draws from: a dataset as the model reads it, its training and held-out rows. */
export interface MapRows { dataset: Dataset; train: Int32Array; val: Int32Array }

/** What a map is drawn from: the model, what it reads, how it was trained, and the rows it knows. */
export interface MapInput {
  model: Sequential;
  schema: Schema;
  epoch: number;
  health: EpochHealth | null;
  rows: MapRows | null;
  request: MapRequest;
}

/** Every `step`-th row of `rows`, at most `max` of them (evenly spaced, so the sample is the same each epoch). */
function sample(rows: Int32Array, max: number): Int32Array {
  if (rows.length <= max) return rows;
  const step = rows.length / max;
  return Int32Array.from({ length: max }, (_, i) => rows[Math.floor(i * step)]);
}

/**
 * Draws decision maps, keeping the forward pass's WebAssembly memory from one map to the next (it is
 * made again only when the model's shape or the threads change). With `threading`, the grid's rows are
 * shared among as many threads as the current run trains on (helpers of its own, drawn between epochs
 * while the run's helpers sleep); bit for bit the one-thread map. Plain TypeScript layers stand in
 * where WebAssembly SIMD is unavailable.
 */
export class MapMaker {
  private readonly forwards: ForwardCache;
  private ranges: { dataset: Dataset; train: Int32Array; ranges: (FeatureRange | null)[] } | null = null;

  constructor(threading?: ForwardThreads) {
    this.forwards = new ForwardCache(threading);
  }

  /** The map, or the sentence why there is none. */
  draw(input: MapInput, now: () => number = () => performance.now()): DecisionMap | { message: string } {
    const t0 = now();
    const { model, schema } = input;
    if (schema.image) return { message: 'The decision map is for tables: two pixels are not a plane worth drawing. The image views show what this model sees.' };
    const linears = model.layers.filter((l): l is Linear => l instanceof Linear);
    const pair = defaultPair(schema, linears[0].W.data, linears[0].outFeatures);
    const plane = resolvePlane(schema, input.request, pair);
    if (!plane) return { message: `The decision map needs two numeric features to span its plane; this model reads ${axisFeatures(schema).length === 1 ? 'one' : 'none'}.` };
    const ranges = this.rangesOf(schema, input.rows);
    const xRange = ranges[plane.x]!, yRange = ranges[plane.y]!;
    const side = GRID_SIDE, cells = side * side, w = schema.inputSize;
    const trainPoints = input.rows ? sample(input.rows.train, MAX_POINTS) : new Int32Array(0);
    const valPoints = input.rows ? sample(input.rows.val, MAX_POINTS) : new Int32Array(0);
    const n = cells + trainPoints.length + valPoints.length;

    const regression = schema.target.task === 'regression';
    const forward = this.forwards.for(model, regression, n);
    const inputs = forward ? forward.inputs : new Float32Array(n * w);
    gridInputs(schema, plane, xRange, yRange, side, inputs);
    const points = [...trainPoints, ...valPoints];
    if (input.rows) {
      const x = input.rows.dataset.x as Float32Array;
      points.forEach((r, k) => inputs.set(x.subarray(r * w, (r + 1) * w), (cells + k) * w));
    }

    const classes = classNames(schema), k = regression ? 1 : classes.length;
    const predicted = new Int32Array(cells), confidence = new Float32Array(cells), values = new Float32Array(n);
    const pointPredicted = new Int32Array(points.length);
    const hidden = linears.slice(0, -1).slice(0, 2).map((l) => Math.min(MAX_NEURON_UNITS, l.outFeatures));
    const nside = NEURON_SIDE, ncells = nside * nside, stride = side / nside;
    const neurons = hidden.map((units) => new Float32Array(units * ncells));
    const widths = linears.slice(0, -1).map((l) => l.outFeatures);
    const sink: ForwardSink = (start, rows, outputs, activations) => {
      for (let r = 0; r < rows; r++) {
        const i = start + r, o = r * k;
        let best = 0;
        for (let c = 1; c < k; c++) if (outputs[o + c] > outputs[o + best]) best = c;
        if (i < cells) {
          predicted[i] = best;
          confidence[i] = outputs[o + best];
        } else pointPredicted[i - cells] = best;
        values[i] = outputs[o];
      }
      // The hidden units' activations at the neuron maps' points (every `stride`-th row and column of the grid), unit-major.
      for (let r = 0; r < rows; r++) {
        const i = start + r, gi = Math.floor(i / side), gj = i % side;
        if (i >= cells || gi % stride || gj % stride) continue;
        const p = (gi / stride) * nside + gj / stride;
        for (let h = 0; h < hidden.length; h++) {
          const a = activations[h], width = widths[h], out = neurons[h];
          for (let u = 0; u < hidden[h]; u++) out[u * ncells + p] = a[r * width + u];
        }
      }
    };
    if (forward) forward.run(n, sink);
    else forwardLayers(model, inputs, n, w, regression, sink);

    const target = schema.target;
    const units = (v: number) => (target.task === 'regression' ? v * target.std + target.mean : v);
    const image = new Uint8ClampedArray(cells * 4);
    let mapClasses: DecisionMap['classes'] = [], scale: DecisionMap['scale'] = null;
    if (!regression) {
      const colors = classes.map((_, c) => rgb(classColor(c))), counts = new Array<number>(k).fill(0);
      for (let i = 0; i < cells; i++) {
        const c = predicted[i], color = colors[c];
        counts[c]++;
        // Confidence as opacity: chance (1/K) faint, certainty solid.
        const alpha = 0.12 + 0.88 * Math.max(0, (confidence[i] - 1 / k) / (1 - 1 / k));
        image[i * 4] = color[0];
        image[i * 4 + 1] = color[1];
        image[i * 4 + 2] = color[2];
        image[i * 4 + 3] = Math.round(255 * alpha);
      }
      mapClasses = classes.map((name, c) => ({ name, color: classColor(c), share: counts[c] / cells }));
    } else {
      let lo = Infinity, hi = -Infinity;
      for (let i = 0; i < cells; i++) {
        const v = units(values[i]);
        if (v < lo) lo = v;
        if (v > hi) hi = v;
      }
      if (!(hi > lo)) hi = lo + 1;
      const stops = VALUE_SCALE.map(rgb);
      for (let i = 0; i < cells; i++) {
        const [r, g, b] = mix(stops, (units(values[i]) - lo) / (hi - lo));
        image[i * 4] = r;
        image[i * 4 + 1] = g;
        image[i * 4 + 2] = b;
        image[i * 4 + 3] = 200;
      }
      scale = { lo, hi, colors: VALUE_SCALE };
    }

    const offsets = inputOffsets(schema), fx = schema.features[plane.x], fy = schema.features[plane.y];
    const raw = (r: number, f: number, spec: typeof fx) => (spec.kind === 'numeric' ? (input.rows!.dataset.x as Float32Array)[r * w + offsets[f]] * spec.std + spec.mean : 0);
    const y = input.rows?.dataset.y ?? null;
    const pts: DecisionMap['points'] = {
      x: Float32Array.from(points, (r) => raw(r, plane.x, fx)), y: Float32Array.from(points, (r) => raw(r, plane.y, fy)),
      target: Float32Array.from(points, (r) => (y ? units(y[r]) : NaN)),
      heldOut: Uint8Array.from(points, (_, i) => (i >= trainPoints.length ? 1 : 0)),
      wrong: Uint8Array.from(points, (r, i) => (!regression && y && pointPredicted[i] !== y[r] ? 1 : 0)),
    };

    return {
      epoch: input.epoch, plane, axes: axisFeatures(schema), ranges, side, image, classes: mapClasses, scale,
      neurons: neurons.map((a, h) => ({ layer: h + 1, units: hidden[h], width: widths[h], side: nside, values: signedBytes(a, hidden[h], ncells), dead: input.health?.layers[h]?.deadUnits.filter((u) => u < hidden[h]) ?? [] })),
      points: pts, ms: now() - t0, threads: forward?.threads ?? 1,
    };
  }

  /** Ends the helper threads of its forward pass, if any. */
  dispose(): void {
    this.forwards.dispose();
  }

  /** Each feature's range over the training rows, kept while they are the same rows (a run's, epoch after epoch). */
  private rangesOf(schema: Schema, rows: MapRows | null): (FeatureRange | null)[] {
    if (!rows) return schemaRanges(schema);
    if (this.ranges?.train !== rows.train || this.ranges.dataset !== rows.dataset) {
      this.ranges = { dataset: rows.dataset, train: rows.train, ranges: featureRanges(schema, rows.dataset.x as Float32Array, rows.train) };
    }
    return this.ranges.ranges;
  }

}

/** Without training rows (a model from a file, no table loaded): each number over its mean ± 2.5 std. */
function schemaRanges(schema: Schema): (FeatureRange | null)[] {
  return schema.features.map((f) => (f.kind === 'numeric' ? { lo: f.mean - 2.5 * (f.std || 0.4), hi: f.mean + 2.5 * (f.std || 0.4) } : null));
}

/** The colour at t ∈ [0, 1] along the stops, linearly between neighbours. */
function mix(stops: [number, number, number][], t: number): [number, number, number] {
  const x = Math.max(0, Math.min(1, t)) * (stops.length - 1), i = Math.min(stops.length - 2, Math.floor(x)), f = x - i;
  const a = stops[i], b = stops[i + 1];
  return [a[0] + (b[0] - a[0]) * f, a[1] + (b[1] - a[1]) * f, a[2] + (b[2] - a[2]) * f];
}

/** Each unit's activations [units, cells] as bytes 128 + 127·a / max|a| over the unit's plane (128 is 0), rounded to nearest. */
function signedBytes(a: Float32Array, units: number, cells: number): Uint8Array {
  const out = new Uint8Array(units * cells);
  for (let u = 0; u < units; u++) {
    const from = u * cells, to = from + cells;
    let m = 0;
    for (let i = from; i < to; i++) {
      const v = a[i];
      if (v > m) m = v;
      else if (-v > m) m = -v;
    }
    const s = m > 0 ? 127 / m : 0;
    // 128.5 + x floored is 128 + round(x) for x in [−127, 127].
    for (let i = from; i < to; i++) out[i] = Math.floor(128.5 + a[i] * s);
  }
  return out;
}

/** The same forward pass on the TypeScript layers (dropout off), 1,024 rows at a time. */
function forwardLayers(model: Sequential, inputs: Float32Array, n: number, w: number, regression: boolean, sink: ForwardSink): void {
  const layers = model.layers.filter((l) => !(l instanceof Dropout));
  for (let start = 0; start < n; start += 1024) {
    const rows = Math.min(1024, n - start);
    let a: Matrix = fromArray(rows, w, inputs.subarray(start * w, (start + rows) * w));
    const activations: Float32Array[] = [];
    for (const layer of layers) {
      a = layer.forward(a);
      if (!(layer instanceof Linear)) activations.push(a.data.slice(0, a.rows * a.cols));
    }
    const outputs = regression ? a.data : softmax(a, zeros(a.rows, a.cols)).data;
    sink(start, rows, outputs, activations);
  }
}
