/**
 * A fixed-size WebAssembly memory carved into typed views, with the SIMD kernels instantiated on it.
 * The memory never grows, so views stay valid for the arena's life (growing would detach them).
 */
import { assemble } from './assembler';
import { csrMatmulFunction } from './csr-matmul';

let compiled: WebAssembly.Module | null | undefined;
let enabled = true;

/** The compiled kernel module, or null where WebAssembly SIMD is unavailable. */
export function simdModule(): WebAssembly.Module | null {
  if (!enabled) return null;
  if (compiled === undefined) {
    try {
      const bytes = assemble([csrMatmulFunction()]);
      compiled = typeof WebAssembly === 'object' && WebAssembly.validate(bytes) ? new WebAssembly.Module(bytes) : null;
    } catch {
      compiled = null;
    }
  }
  return compiled;
}

/** True where this JS engine accepts the SIMD kernels (validation only: cheap on any thread). */
export function simdSupported(): boolean {
  try {
    return typeof WebAssembly === 'object' && WebAssembly.validate(assemble([csrMatmulFunction()]));
  } catch {
    return false;
  }
}

/** Turns the SIMD path off (or back on) for layers built afterwards: for tests and benchmarks. */
export function setSimdEnabled(on: boolean): void {
  enabled = on;
}

type CsrMatmul = (rowPtr: number, colIdx: number, values: number, m: number, b: number, n: number, out: number) => void;

export class WasmArena {
  readonly memory: WebAssembly.Memory;
  readonly csrMatmul: CsrMatmul;
  private top = 0;

  /** @param bytes the total size of all views to be taken, before alignment. */
  constructor(module: WebAssembly.Module, bytes: number, views: number) {
    const pages = Math.ceil((bytes + 16 * views) / 65536) || 1;
    this.memory = new WebAssembly.Memory({ initial: pages, maximum: pages });
    const instance = new WebAssembly.Instance(module, { env: { memory: this.memory } });
    this.csrMatmul = instance.exports.csr_matmul as CsrMatmul;
  }

  /** A new zeroed Float32Array of `n` values, 16-byte aligned. */
  f32(n: number): Float32Array {
    return new Float32Array(this.memory.buffer, this.take(n * 4), n);
  }

  /** A new zeroed Int32Array of `n` values, 16-byte aligned. */
  i32(n: number): Int32Array {
    return new Int32Array(this.memory.buffer, this.take(n * 4), n);
  }

  private take(bytes: number): number {
    const at = this.top;
    this.top = (at + bytes + 15) & ~15;
    if (this.top > this.memory.buffer.byteLength) throw new Error(`WasmArena: out of memory (${this.top} of ${this.memory.buffer.byteLength} bytes)`);
    return at;
  }
}
