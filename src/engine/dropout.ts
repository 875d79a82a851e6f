import { type Matrix, assertShape, resizeRows, zeros } from './matrix';
import type { Layer, Param } from './layer';

/**
 * The dropout mask's random bits: a counter-based hash, so the mask of unit j of row r in hidden layer
 * h at optimiser step t is a pure function of (seed, t, h, r·width + j). The WebAssembly step
 * (wasm/as/step.ts) computes the same bits, whatever thread owns the unit, so a run's masks do not
 * depend on the thread count and backward recomputes them instead of storing them.
 *   fmix32 is MurmurHash3's finaliser; base = fmix32(seed ⊕ fmix32(t · 0x9e3779b9 + h)),
 *   bits(i) = fmix32(base + i); unit dropped when bits < ⌊p · 2³²⌋.
 */
export function fmix32(h: number): number {
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}

/** The hash key of layer `layer`'s mask at step `step`. */
export function dropoutBase(seed: number, step: number, layer: number): number {
  return fmix32((seed ^ fmix32((Math.imul(step, 0x9e3779b9) + layer) | 0)) >>> 0);
}

/** The rate p as the kernels hold it (an f32), its drop threshold ⌊p · 2³²⌋ and keep scale 1 / (1 − p) in f32. */
export function dropoutConstants(p: number): { threshold: number; scale: number } {
  const p32 = Math.fround(p);
  return { threshold: Math.floor(p32 * 4294967296), scale: Math.fround(1 / (1 - p32)) };
}

/** The highest dropout rate the playground accepts: above it, too few units carry the signal. */
export const MAX_DROPOUT = 0.9;

/**
 * Inverted dropout (Srivastava et al. 2014) after hidden layer `layer`'s activation, while training:
 *   Y = X ⊙ M,  M_ij = 0 with probability p, else 1 / (1 − p)      X, Y: [batch, width]
 *   dX = dY ⊙ M
 * so E[Y] = X and evaluation (training off) is the identity, with no rescaling at test time.
 * The mask is drawn from (seed, step, layer) by dropoutBase: set `step` before each training step.
 */
export class Dropout implements Layer {
  readonly kind = 'dropout' as const;
  /** Off (the identity) unless a training step turns it on. */
  training = false;
  /** The optimiser step the mask belongs to (1-based, as the optimiser counts). */
  step = 0;
  private readonly y: Matrix = zeros(0, 0);
  private readonly dX: Matrix = zeros(0, 0);
  private readonly threshold: number;
  private readonly scale: number;
  private applied = false;

  constructor(readonly p: number, readonly layer: number, readonly seed: number) {
    if (!(p >= 0 && p <= MAX_DROPOUT)) throw new Error(`Dropout: rate must be from 0 to ${MAX_DROPOUT}, got ${p}`);
    ({ threshold: this.threshold, scale: this.scale } = dropoutConstants(p));
  }

  forward(x: Matrix): Matrix {
    this.applied = this.training && this.p > 0;
    if (!this.applied) return x;
    return this.mask(x, this.y);
  }

  backward(dY: Matrix, needInputGrad: boolean): Matrix | null {
    if (!needInputGrad) return null;
    if (!this.applied) return dY;
    assertShape('dropout backward dY', dY, this.y.rows, this.y.cols);
    return this.mask(dY, this.dX);
  }

  /** out = src ⊙ M, with this step's mask (forward: Y = X ⊙ M; backward: dX = dY ⊙ M). */
  private mask(src: Matrix, out: Matrix): Matrix {
    out.cols = src.cols;
    resizeRows(out, src.rows);
    const base = dropoutBase(this.seed, this.step, this.layer), n = src.rows * src.cols, t = this.threshold, s = this.scale;
    for (let i = 0; i < n; i++) out.data[i] = fmix32((base + i) >>> 0) < t ? 0 : src.data[i] * s;
    return out;
  }

  params(): Param[] {
    return [];
  }
}
