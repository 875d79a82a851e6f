import { addRowVector, matmul, matmulTransA, matmulTransB, sumRows } from './kernels';
import { type Csr, csrMatmul, emptyCsr, toCsr, transposeCsr } from './sparse';
import { SparseInputKernel } from './sparse-input';
import { type Matrix, assertShape, resizeRows, zeros } from './matrix';
import type { Layer, Param } from './layer';

/**
 * Inputs with at most this share of non-zeros take the sparse path. The CSR kernels cost about two
 * extra loads per multiply-add that the dense kernels do not, so they pay off well below 50% density;
 * MNIST batches are about 18%, ReLU outputs about 50% (dense path).
 */
export const SPARSE_DENSITY = 0.35;

/**
 * The kernels a forward (and the backward that mirrors it) ran on: 'simd' the WebAssembly SIMD
 * sparse kernel, 'csr' the JS sparse kernels, 'dense' the JS dense kernels; 'none' before any forward.
 */
export type KernelPath = 'simd' | 'csr' | 'dense' | 'none';

/**
 * Fully connected layer (PyTorch `Linear`, Keras `Dense`), laid out as in the NumPy notebook:
 *
 *   forward:  Z = X · W + b           X: [batch, in], W: [in, out], b: [out], Z: [batch, out]
 *   backward: dW = Xᵀ · dZ            [in, out]
 *             db = Σ_rows dZ          [out]
 *             dX = dZ · Wᵀ            [batch, in]
 *
 * When most of X is zero (MNIST pixels: 81%), X is packed as CSR once in forward and both products
 * that involve it, X · W and Xᵀ · dZ, skip the zeros: about 5x less work in the first layer. The
 * first layer of a model (`sparseInput`) runs those two products in WebAssembly SIMD where available
 * (sparse-input.ts); other layers, and machines without SIMD, use the JS kernels. The paths agree up
 * to float rounding; a given machine always takes the same one, so runs stay reproducible.
 *
 * Weights start at zero; an initialiser (init.ts) fills them from a seeded generator.
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
  private readonly fast: SparseInputKernel | null;
  /** Which kernels the last forward used, so that backward takes the same path. */
  private path: KernelPath = 'none';

  /** @param options.sparseInput the input is raw, mostly-zero data (the model's first layer). */
  constructor(readonly inFeatures: number, readonly outFeatures: number, options: { sparseInput?: boolean } = {}) {
    for (const [what, n] of [['inFeatures', inFeatures], ['outFeatures', outFeatures]] as const) {
      if (!Number.isInteger(n) || n < 1) throw new Error(`Linear: ${what} must be a positive integer, got ${n}`);
    }
    this.fast = options.sparseInput ? SparseInputKernel.create(inFeatures, outFeatures) : null;
    this.W = this.fast ? this.fast.W : zeros(inFeatures, outFeatures);
    this.b = new Float32Array(outFeatures);
    this.dW = this.fast ? this.fast.dW : zeros(inFeatures, outFeatures);
    this.db = new Float32Array(outFeatures);
    this.z = zeros(0, outFeatures);
    this.dX = zeros(0, inFeatures);
  }

  forward(x: Matrix): Matrix {
    if (x.cols !== this.inFeatures) {
      throw new Error(`Linear(${this.inFeatures}, ${this.outFeatures}): input has ${x.cols} features, expected ${this.inFeatures}`);
    }
    this.x = x;
    const fastZ = this.fast?.forward(x, SPARSE_DENSITY);
    if (fastZ) {
      this.path = 'simd';
      return addRowVector(fastZ, this.b);
    }
    const z = resizeRows(this.z, x.rows);
    this.path = toCsr(x, this.xCsr) <= SPARSE_DENSITY ? 'csr' : 'dense';
    if (this.path === 'csr') csrMatmul(this.xCsr, this.W, z);
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
    if (this.path === 'simd') this.fast!.backward(dZ);
    else if (this.path === 'csr') csrMatmul(transposeCsr(this.xCsr, this.xCsrT), dZ, this.dW);
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
