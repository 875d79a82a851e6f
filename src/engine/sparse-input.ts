/**
 * The first layer's fast path: X · W and Xᵀ · dZ for a mostly-zero X (MNIST pixels are 81% zeros),
 * with X packed as CSR and the products run by the WebAssembly SIMD kernel, the weights and all
 * scratch living in one fixed WebAssembly memory so that nothing is copied per batch.
 *
 * It holds W and dW itself (the layer's parameters are views of its memory) and serves batches of up
 * to `capacity` rows; the Linear layer falls back to the JS kernels for anything else.
 */
import type { Matrix } from './matrix';
import { type Csr, toCsr, transposeCsr } from './sparse';
import { WasmArena, simdModule } from './wasm/arena';

/** Rows per batch the fast path serves: training batches and evaluation batches (512) fit. */
export const SPARSE_CAPACITY = 512;

export class SparseInputKernel {
  readonly W: Matrix;
  readonly dW: Matrix;
  private readonly arena: WasmArena;
  private readonly csr: Csr;
  private readonly csrT: Csr;
  private readonly z: Matrix;
  private readonly dZ: Float32Array;

  /** Null where WebAssembly SIMD is missing or the shape does not suit the kernel (out % 4 ≠ 0). */
  static create(inFeatures: number, outFeatures: number): SparseInputKernel | null {
    const module = simdModule();
    if (!module || outFeatures % 4 !== 0) return null;
    return new SparseInputKernel(module, inFeatures, outFeatures);
  }

  private constructor(module: WebAssembly.Module, readonly inFeatures: number, readonly outFeatures: number) {
    const cap = SPARSE_CAPACITY, k = inFeatures, n = outFeatures;
    const floats = 2 * k * n + 2 * cap * k + 2 * cap * n;
    const ints = cap + 1 + k + 1 + 2 * cap * k;
    this.arena = new WasmArena(module, 4 * (floats + ints), 12);
    const a = this.arena;
    this.W = { rows: k, cols: n, data: a.f32(k * n) };
    this.dW = { rows: k, cols: n, data: a.f32(k * n) };
    this.csr = { rows: 0, cols: k, nnz: 0, rowPtr: a.i32(cap + 1), colIdx: a.i32(cap * k), values: a.f32(cap * k) };
    this.csrT = { rows: 0, cols: 0, nnz: 0, rowPtr: a.i32(k + 1), colIdx: a.i32(cap * k), values: a.f32(cap * k) };
    this.z = { rows: 0, cols: n, data: a.f32(cap * n) };
    this.dZ = a.f32(cap * n);
  }

  /**
   * Z = X · W when X has at most `capacity` rows and at most `maxDensity` non-zeros; null otherwise
   * (the caller then uses the JS kernels). Z is the kernel's own buffer, valid until the next call.
   */
  forward(x: Matrix, maxDensity: number): Matrix | null {
    if (x.rows > SPARSE_CAPACITY) return null;
    if (toCsr(x, this.csr) > maxDensity) return null;
    const z = this.z;
    z.rows = x.rows;
    const { csr } = this;
    this.arena.csrMatmul(csr.rowPtr.byteOffset, csr.colIdx.byteOffset, csr.values.byteOffset, csr.rows, this.W.data.byteOffset, this.outFeatures, z.data.byteOffset);
    return z;
  }

  /** dW = Xᵀ · dZ for the X of the last successful `forward`. */
  backward(dZ: Matrix): void {
    const csrT = transposeCsr(this.csr, this.csrT);
    this.dZ.set(dZ.data.subarray(0, dZ.rows * dZ.cols));
    this.arena.csrMatmul(csrT.rowPtr.byteOffset, csrT.colIdx.byteOffset, csrT.values.byteOffset, csrT.rows, this.dZ.byteOffset, this.outFeatures, this.dW.data.byteOffset);
  }
}
