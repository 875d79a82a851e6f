/**
 * Permutation feature importance (Breiman 2001; scikit-learn's `permutation_importance`): how much a
 * model's held-out score falls when one feature column is shuffled across the held-out rows, which
 * breaks the column's link to the target while keeping its distribution.
 *
 *   score(X) = accuracy (classes) or R² = 1 − Σ (ŷ − y)² / Σ (y − ȳ)² (a regression)
 *   drop_J   = score(X) − score(X with the inputs of column J permuted by π_J)
 *
 * A column J is a schema feature: a numeric input, a categorical feature's whole one-hot group of
 * inputs (its categories move together, so a row keeps exactly one), or, for images, one pixel. π_J is
 * the (J+1)-th Fisher–Yates shuffle of 0 … n−1 drawn from one Rng(seed), so a seed gives the same drops.
 *
 * Fast path. The first Linear layer's pre-activations of the n rows are computed once:
 *   Z1 = X · W1 + b1                                   X: [n, d], W1: [d, h], Z1: [n, h]
 * Permuting column J changes row i's inputs by x_{π(i),j} − x_{i,j} for j ∈ J only, so
 *   Z1'[i] = Z1[i] + Σ_{j ∈ J} (x_{π(i),j} − x_{i,j}) · W1[j, :]     (a rank-|J| update, O(|J| h) a row)
 * and a row whose inputs did not change (most pixels are 0 in most digits, so both rows are 0) keeps
 * its prediction: only the changed rows go through the rest of the network, and the score is updated
 * by their change in correctness (or squared error). For MNIST (784 pixels, 2,000 rows, 784-128-10)
 * about 29% of the rows change per pixel, and the whole costs under 1% of the multiply-adds of a full
 * forward of every permuted row.
 *
 * Pure: the engine and the data only, no clock. `advance` does bounded steps (a chunk of rows) until
 * the caller says stop, so the worker can slice it between messages.
 */
import { activation } from '../engine/activations';
import { Dropout } from '../engine/dropout';
import type { Layer } from '../engine/layer';
import { Linear } from '../engine/linear';
import { addRowVector, matmul } from '../engine/kernels';
import { type Matrix, resizeRows, zeros } from '../engine/matrix';
import { Rng } from '../engine/rng';
import type { Sequential } from '../engine/sequential';
import { gatherBatch } from '../data/batch';
import type { Dataset } from '../data/dataset';
import { type Schema, featureWidth } from '../data/schema';

/** Held-out rows used at most for images (each pixel a column: 784 columns) and for other tables. */
export const MAX_IMAGE_ROWS = 2000;
export const MAX_TABLE_ROWS = 10_000;
/** Rows through the network at a time: one step of `advance`, and the size of its buffers. */
export const IMPORTANCE_CHUNK = 256;

/** A feature column as the model reads it: its name as in the file and its inputs start … start+width−1. */
export interface FeatureColumn { name: string; start: number; width: number }

/** What a permutation importance found, for the UI (numbers only; names as in the file). */
export interface FeatureImportance {
  /** The score: accuracy for classes, R² for a regression. */
  metric: 'accuracy' | 'r2';
  /** The score on the rows used, unshuffled. */
  base: number;
  seed: number;
  /** Rows the score was measured on, and the held-out rows there were (more when capped). */
  rows: number;
  heldOut: number;
  /** Every column with its drop and its first input (for images, its pixel), the largest drop first (ties in input order). */
  features: { name: string; drop: number; input: number }[];
  /** For images: the drop of each pixel, side × side row-major; null otherwise. */
  map: Float32Array | null;
  side: number;
  /** Epochs the model had trained (0 for a model from a file). */
  epoch: number;
}

/**
 * The columns of a schema in input order: a table's features (a categorical one is its one-hot
 * group), or each pixel of the digit layout, named as Kaggle's header names them (pixel0 …).
 */
export function featureColumns(schema: Schema): FeatureColumn[] {
  if (schema.layout === 'digits') return Array.from({ length: schema.inputSize }, (_, j) => ({ name: `pixel${j}`, start: j, width: 1 }));
  let start = 0;
  return schema.features.map((f) => {
    const c = { name: f.column, start, width: featureWidth(f) };
    start += c.width;
    return c;
  });
}

/** Rows used of the held-out rows: all up to `max`, else `max` of them evenly spaced (no draw: the seed only permutes). */
export function rowsUsed(heldOut: Int32Array, max: number): Int32Array {
  const n = heldOut.length;
  if (n <= max) return heldOut;
  return Int32Array.from({ length: max }, (_, i) => heldOut[Math.floor((i * n) / max)]);
}

/**
 * The model for evaluation only: its Linear layers copied (a run may train on meanwhile, and the
 * WebAssembly trainer's weights are views of its memory), its activations anew, dropout left out
 * (the identity when not training).
 */
function evalCopy(model: Sequential): Layer[] {
  const out: Layer[] = [];
  for (const l of model.layers) {
    if (l instanceof Linear) {
      const c = new Linear(l.inFeatures, l.outFeatures);
      c.W.data.set(l.W.data.subarray(0, l.inFeatures * l.outFeatures));
      c.b.set(l.b);
      out.push(c);
    } else if (!(l instanceof Dropout)) out.push(activation(l.kind as 'relu' | 'sigmoid' | 'tanh'));
  }
  return out;
}

/**
 * One permutation importance computation, in steps. Every buffer is allocated by the constructor:
 *   X [n, d] the rows' inputs (pixels / 255, a table's prepared features), Z1 [n, h], the targets,
 *   each row's unshuffled correctness (or squared error), one permutation [n], a chunk [CHUNK, h].
 */
export class PermutationImportance {
  readonly columns: FeatureColumn[];
  readonly rows: Int32Array;
  readonly metric: 'accuracy' | 'r2';
  private readonly n: number;
  private readonly d: number;
  private readonly h: number;
  private readonly first: Linear;
  private readonly rest: Layer[];
  private readonly X: Float32Array;
  private readonly y: Int32Array | Float32Array;
  private readonly Z1: Float32Array;
  /** Classes: 1 where the unshuffled prediction is right; a regression: each row's (ŷ − y)². */
  private readonly baseRight: Uint8Array;
  private readonly baseSe: Float64Array;
  /** Σ (y − ȳ)² of the rows (a regression's R² denominator). */
  private readonly sst: number;
  private baseSum = 0;
  private readonly rng: Rng;
  private readonly perm: Int32Array;
  /** The chunk of rows through the network: inputs (base phase) and first-layer outputs, and which rows they are. */
  private readonly xChunk: Matrix;
  private readonly zChunk: Matrix;
  private readonly chunkRows: Int32Array;
  private readonly drops: Float64Array;
  /** Each later Linear layer's outputs for a chunk (by its index in `rest`). */
  private readonly outs: Matrix[];
  /** Where the computation is: rows of the base pass done, then column `column` up to row `cursor`, and its score change so far. */
  private baseDone = 0;
  private column = 0;
  private cursor = 0;
  private delta = 0;

  /**
   * @param heldOut the held-out rows of `dataset` (labeled); at most MAX_IMAGE_ROWS of an image
   *   dataset and MAX_TABLE_ROWS of a table are used (rowsUsed).
   */
  constructor(model: Sequential, readonly dataset: Dataset, readonly heldOut: Int32Array, readonly seed: number) {
    const schema = dataset.schema;
    if (!dataset.y) throw new Error('Permutation importance needs labeled rows');
    this.columns = featureColumns(schema);
    this.metric = schema.target.task === 'regression' ? 'r2' : 'accuracy';
    this.rows = rowsUsed(heldOut, schema.image ? MAX_IMAGE_ROWS : MAX_TABLE_ROWS);
    const n = this.rows.length, d = schema.inputSize;
    if (n === 0) throw new Error('Permutation importance needs held-out rows');
    const layers = evalCopy(model);
    this.first = layers[0] as Linear;
    this.rest = layers.slice(1);
    const h = this.first.outFeatures;
    this.n = n;
    this.d = d;
    this.h = h;
    const X = zeros(n, d), y = dataset.y instanceof Int32Array ? new Int32Array(n) : new Float32Array(n);
    gatherBatch(dataset, this.rows, 0, n, X, y);
    this.X = X.data;
    this.y = y;
    this.Z1 = new Float32Array(n * h);
    this.baseRight = new Uint8Array(this.metric === 'accuracy' ? n : 0);
    this.baseSe = new Float64Array(this.metric === 'r2' ? n : 0);
    let sst = 0;
    if (y instanceof Float32Array) {
      let mean = 0;
      for (let i = 0; i < n; i++) mean += y[i];
      mean /= n;
      for (let i = 0; i < n; i++) sst += (y[i] - mean) ** 2;
    }
    this.sst = sst;
    this.rng = new Rng(seed);
    this.perm = new Int32Array(n);
    this.xChunk = zeros(IMPORTANCE_CHUNK, d);
    this.zChunk = zeros(IMPORTANCE_CHUNK, h);
    this.chunkRows = new Int32Array(IMPORTANCE_CHUNK);
    this.drops = new Float64Array(this.columns.length);
    this.outs = this.rest.map((l) => (l instanceof Linear ? zeros(IMPORTANCE_CHUNK, l.outFeatures) : zeros(0, 0)));
  }

  /** True once every column's drop is known. */
  get done(): boolean {
    return this.column >= this.columns.length;
  }

  /** Share of the work done, 0 … 1 (the base pass counts as one column). */
  get progress(): number {
    const units = this.columns.length + 1;
    return this.done ? 1 : (this.baseDone / this.n + this.column + this.cursor / this.n) / units;
  }

  /** The unshuffled score on the rows used (once the base pass is done). */
  get base(): number {
    return this.metric === 'accuracy' ? this.baseSum / this.n : this.sst > 0 ? 1 - this.baseSum / this.sst : NaN;
  }

  /** Runs steps (a chunk of rows each) until `stop()` says so or all is done; true when done. */
  advance(stop: () => boolean): boolean {
    while (!this.done) {
      if (this.baseDone < this.n) this.baseStep();
      else this.columnStep();
      if (stop()) break;
    }
    return this.done;
  }

  /** Runs to the end. */
  run(): FeatureImportance {
    this.advance(() => false);
    return this.result(0);
  }

  /** The drops, sorted, with the pixel map for images; `epoch` as the caller knows it. */
  result(epoch: number): FeatureImportance {
    if (!this.done) throw new Error('PermutationImportance.result: not done yet');
    const order = this.columns.map((_, k) => k).sort((a, b) => this.drops[b] - this.drops[a] || a - b);
    const image = this.dataset.schema.image;
    let map: Float32Array | null = null;
    if (image && this.columns.length === image.side * image.side) {
      map = new Float32Array(this.columns.length);
      this.columns.forEach((c, k) => { map![c.start] = this.drops[k]; });
    }
    return {
      metric: this.metric, base: this.base, seed: this.seed, rows: this.n, heldOut: this.heldOut.length,
      features: order.map((k) => ({ name: this.columns[k].name, drop: this.drops[k], input: this.columns[k].start })), map, side: map ? image!.side : 0, epoch,
    };
  }

  /** The base pass over one chunk: Z1 = X · W1 + b1 kept, the rest of the network's predictions scored. */
  private baseStep(): void {
    const start = this.baseDone, m = Math.min(IMPORTANCE_CHUNK, this.n - start), d = this.d, h = this.h;
    const xc = this.xChunk;
    xc.rows = m;
    for (let k = 0; k < m * d; k++) xc.data[k] = this.X[start * d + k];
    const z = this.first.forward(xc);
    for (let k = 0; k < m * h; k++) this.Z1[start * h + k] = z.data[k];
    for (let r = 0; r < m; r++) this.chunkRows[r] = start + r;
    const out = this.forwardRest(z);
    for (let r = 0; r < m; r++) {
      const i = start + r;
      if (this.metric === 'accuracy') {
        this.baseRight[i] = argmaxRow(out, r) === this.y[i] ? 1 : 0;
        this.baseSum += this.baseRight[i];
      } else {
        this.baseSe[i] = (out.data[r] - this.y[i]) ** 2;
        this.baseSum += this.baseSe[i];
      }
    }
    this.baseDone += m;
  }

  /**
   * Column `column` over the rows from `cursor`, until a chunk of changed rows is full: each changed
   * row's first-layer output by the rank-|J| update, then the rest of the network.
   */
  private columnStep(): void {
    const { n, d, h, X, Z1, perm } = this, col = this.columns[this.column];
    const W1 = this.first.W.data, zc = this.zChunk.data, j0 = col.start, j1 = col.start + col.width;
    if (this.cursor === 0) {
      for (let i = 0; i < n; i++) perm[i] = i;
      this.rng.shuffle(perm);
      this.delta = 0;
    }
    let m = 0, i = this.cursor;
    for (; i < n && m < IMPORTANCE_CHUNK; i++) {
      const p = perm[i], xi = i * d, xp = p * d;
      let changed = false;
      for (let j = j0; j < j1; j++) if (X[xp + j] !== X[xi + j]) { changed = true; break; }
      if (!changed) continue;
      const o = m * h;
      for (let u = 0; u < h; u++) zc[o + u] = Z1[i * h + u];
      for (let j = j0; j < j1; j++) {
        const dx = X[xp + j] - X[xi + j];
        if (dx === 0) continue;
        const w = j * h;
        for (let u = 0; u < h; u++) zc[o + u] += dx * W1[w + u];
      }
      this.chunkRows[m++] = i;
    }
    this.cursor = i;
    if (m > 0) {
      this.zChunk.rows = m;
      const out = this.forwardRest(this.zChunk);
      for (let r = 0; r < m; r++) {
        const row = this.chunkRows[r];
        if (this.metric === 'accuracy') this.delta += (argmaxRow(out, r) === this.y[row] ? 1 : 0) - this.baseRight[row];
        else this.delta += (out.data[r] - this.y[row]) ** 2 - this.baseSe[row];
      }
    }
    if (this.cursor >= n) {
      // accuracy' = (right + Δ) / n, so the drop is −Δ / n;  R²' = 1 − (SSE + Δ) / SST, so the drop is Δ / SST.
      // (+ 0 turns −0, no change at all, into 0.)
      this.drops[this.column] = (this.metric === 'accuracy' ? -this.delta / n : this.sst > 0 ? this.delta / this.sst : NaN) + 0;
      this.column++;
      this.cursor = 0;
    }
  }

  /**
   * The layers after the first Linear on first-layer outputs [m, h]: the logits (or outputs) [m, k].
   * A later Linear runs the dense kernel directly: its input is a hidden layer's output (about half
   * non-zero), so the CSR pass its own forward makes to choose a kernel buys nothing (without it,
   * MNIST's 784 pixels on 2,000 rows took 1.1 s in Node here instead of 1.4 s).
   */
  private forwardRest(z: Matrix): Matrix {
    let a = z;
    for (let l = 0; l < this.rest.length; l++) {
      const layer = this.rest[l];
      a = layer instanceof Linear ? addRowVector(matmul(a, layer.W, resizeRows(this.outs[l], a.rows)), layer.b) : layer.forward(a);
    }
    return a;
  }
}

/** The largest entry's column of row r (the predicted class; a softmax does not change it). */
function argmaxRow(m: Matrix, r: number): number {
  const k = m.cols, o = r * k;
  let best = 0;
  for (let c = 1; c < k; c++) if (m.data[o + c] > m.data[o + best]) best = c;
  return best;
}
