/** A raw instance of the one-thread WebAssembly kernels on a memory of its own, to test single kernels. */
import { kernelModule } from '../../../src/engine/wasm/modules';

export interface Kernels {
  matmul(A: number, lda: number, B: number, ldb: number, C: number, ldc: number, m: number, k: number, n: number, bias: number, act: number): void;
  matmulTransA(A: number, lda: number, B: number, ldb: number, C: number, ldc: number, m: number, k: number, n: number): void;
  matmulTransB(A: number, lda: number, B: number, ldb: number, C: number, ldc: number, m: number, k: number, n: number): void;
  csrMatmul(rowPtr: number, colIdx: number, values: number, m: number, B: number, ldb: number, C: number, ldc: number, n: number, bias: number, act: number): void;
  countNonZero(pixels: number, order: number, start: number, rows: number, w: number): number;
  gatherDense(pixels: number, order: number, start: number, rows: number, w: number, X: number): void;
  gatherCsr(pixels: number, order: number, start: number, rows: number, w: number, rowPtr: number, colIdx: number, values: number): number;
  transposeCsr(rowPtr: number, colIdx: number, values: number, m: number, n: number, outPtr: number, outIdx: number, outVal: number): void;
  actBackward(act: number, D: number, A: number, ld: number, rows: number, cols: number): void;
  sumRows(D: number, ld: number, rows: number, cols: number, out: number): void;
  softmaxCrossEntropy(Z: number, rows: number, C: number, labels: number, order: number, start: number, grad: number, losses: number, batchRows: number): number;
  squaredError(Z: number, rows: number, C: number, targets: number, order: number, start: number, grad: number, losses: number, batchRows: number): number;
  gatherRows(features: number, order: number, start: number, rows: number, w: number, X: number): void;
  update(opt: number, W: number, G: number, M: number, V: number, ld: number, rows: number, cols: number,
    lr: number, wd: number, mom: number, b1: number, b2: number, alpha: number, epsHat: number): void;
  csrGradUpdate(rowPtr: number, colIdx: number, values: number, m: number, dZ: number, ldz: number, n: number, W: number, dW: number, M: number, V: number, ldw: number,
    opt: number, lr: number, wd: number, mom: number, b1: number, b2: number, alpha: number, epsHat: number): void;
  evalCorrect(): number;
  heapBase(): number;
}

/** The kernels on a fresh 64 MB memory, with a bump allocator for test arrays. */
export function wasmKit() {
  const km = kernelModule(false);
  if (!km) throw new Error('no WebAssembly SIMD here');
  const memory = new WebAssembly.Memory({ initial: 1024, maximum: 1024 });
  const k = new WebAssembly.Instance(km.module, { env: { memory } }).exports as unknown as Kernels;
  let top = Math.ceil(k.heapBase() / 64) * 64;
  const take = (bytes: number) => { const at = top; top = Math.ceil((top + bytes) / 64) * 64; return at; };
  return {
    k, flavour: km.flavour,
    f32(values: ArrayLike<number> | number): number {
      const n = typeof values === 'number' ? values : values.length;
      const p = take(4 * n);
      if (typeof values !== 'number') new Float32Array(memory.buffer, p, n).set(values);
      return p;
    },
    i32(values: ArrayLike<number> | number): number {
      const n = typeof values === 'number' ? values : values.length;
      const p = take(4 * n);
      if (typeof values !== 'number') new Int32Array(memory.buffer, p, n).set(values);
      return p;
    },
    u8(values: ArrayLike<number>): number {
      const p = take(values.length);
      new Uint8Array(memory.buffer, p, values.length).set(values);
      return p;
    },
    readF32: (p: number, n: number) => new Float32Array(memory.buffer, p, n).slice(),
    readI32: (p: number, n: number) => new Int32Array(memory.buffer, p, n).slice(),
  };
}
