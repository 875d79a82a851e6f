import { addRowVector, matmul, matmulTransA, matmulTransB, sumRows } from './kernels';
import { type Csr, csrMatmul, emptyCsr, toCsr, transposeCsr } from './sparse';
import { type Matrix, assertShape, resizeRows, zeros } from './matrix';
import type { Layer, Param } from './layer';

/**
 * Inputs with at most this share of non-zeros take the sparse path. The CSR kernels cost about two
 * extra loads per multiply-add that the dense kernels do not, so they pay off well below 50% density;
 * MNIST batches are about 18%, ReLU outputs about 50% (dense path).
 */
export const SPARSE_DENSITY = 0.35;

/**
 * The kernels a layer's forward (and the backward that mirrors it) ran on: the WebAssembly trainer's
 * sparse (CSR) or dense SIMD kernels, this file's JS sparse or dense kernels; 'none' before any.
 */
export type KernelPath = 'wasm-sparse' | 'wasm-dense' | 'js-sparse' | 'js-dense' | 'none';

/** Where a layer's parameters live when not in its own arrays: views of the WebAssembly trainer's memory. */
export interface LinearStorage { W: Float32Array; b: Float32Array; dW: Float32Array; db: Float32Array }

/**
 * Fully connected layer (PyTorch `Linear`, Keras `Dense`), laid out as in the NumPy notebook:
 *
 *   forward:  Z = X · W + b           X: [batch, in], W: [in, out], b: [out], Z: [batch, out]
 *   backward: dW = Xᵀ · dZ            [in, out]
 *             db = Σ_rows dZ          [out]
 *             dX = dZ · Wᵀ            [batch, in]
 *
 * When most of X is zero (MNIST pixels: 81%), X is packed as CSR once in forward and both products
 * that involve it, X · W and Xᵀ · dZ, skip the zeros: about 5x less work in the first layer.
 *
 * This is the readable engine, and the oracle of the WebAssembly trainer (wasm/trainer.ts), which runs
 * the same math fused in SIMD; given `storage`, the layer's parameters are views of that trainer's
 * memory, so both see the same weights. Weights start at zero; an initialiser (init.ts) fills them
 * from a seeded generator.
 */
export class Linear implements Layer {
  readonly kind = 'linear' as const;
  readonly W: Matrix;
  readonly b: Float32Array;
  readonly dW: Matrix;
  readonly db: Float32Array;
  private x: Matrix | null = null;
  private readonly z: Matrix;
  private readonly dX: Matrix;
  private readonly xCsr: Csr = emptyCsr();
  private readonly xCsrT: Csr = emptyCsr();
  /** Which kernels the last forward used, so that backward takes the same path. */
  private path: KernelPath = 'none';

  /** @param storage arrays to hold W [in·out], b [out], dW and db, instead of new ones. */
  constructor(readonly inFeatures: number, readonly outFeatures: number, storage?: LinearStorage) {
    for (const [what, n] of [['inFeatures', inFeatures], ['outFeatures', outFeatures]] as const) {
      if (!Number.isInteger(n) || n < 1) throw new Error(`Linear: ${what} must be a positive integer, got ${n}`);
    }
    const k = inFeatures, n = outFeatures;
    if (storage && (storage.W.length !== k * n || storage.dW.length !== k * n || storage.b.length !== n || storage.db.length !== n)) {
      throw new Error(`Linear(${k}, ${n}): storage of the wrong size`);
    }
    this.W = { rows: k, cols: n, data: storage?.W ?? new Float32Array(k * n) };
    this.b = storage?.b ?? new Float32Array(n);
    this.dW = { rows: k, cols: n, data: storage?.dW ?? new Float32Array(k * n) };
    this.db = storage?.db ?? new Float32Array(n);
    this.z = zeros(0, outFeatures);
    this.dX = zeros(0, inFeatures);
  }

  forward(x: Matrix): Matrix {
    if (x.cols !== this.inFeatures) {
      throw new Error(`Linear(${this.inFeatures}, ${this.outFeatures}): input has ${x.cols} features, expected ${this.inFeatures}`);
    }
    this.x = x;
    const z = resizeRows(this.z, x.rows);
    this.path = toCsr(x, this.xCsr) <= SPARSE_DENSITY ? 'js-sparse' : 'js-dense';
    if (this.path === 'js-sparse') csrMatmul(this.xCsr, this.W, z);
    else matmul(x, this.W, z);
    return addRowVector(z, this.b);
  }

  /** The kernels the last forward ran on. */
  get kernelPath(): KernelPath {
    return this.path;
  }

  backward(dZ: Matrix, needInputGrad: boolean): Matrix | null {
    const x = this.x;
    if (!x) throw new Error('Linear.backward called before forward');
    assertShape('Linear.backward dZ', dZ, x.rows, this.outFeatures);
    if (this.path === 'js-sparse') csrMatmul(transposeCsr(this.xCsr, this.xCsrT), dZ, this.dW);
    else matmulTransA(x, dZ, this.dW);
    sumRows(dZ, this.db);
    if (!needInputGrad) return null;
    return matmulTransB(dZ, this.W, resizeRows(this.dX, x.rows));
  }

  params(): Param[] {
    return [
      { name: 'W', shape: [this.inFeatures, this.outFeatures], value: this.W.data, grad: this.dW.data },
      { name: 'b', shape: [this.outFeatures], value: this.b, grad: this.db },
    ];
  }
}
