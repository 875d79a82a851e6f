/**
 * The compiled kernel modules (built from ./as by scripts/build-wasm.ts) and the choice between them:
 * relaxed SIMD where this engine validates it (its fused multiply-add is faster, and rounds once),
 * plain SIMD otherwise, each for one thread or for a shared memory; none where WebAssembly SIMD is
 * missing, and the engine then trains on its TypeScript kernels.
 */
import { KERNELS_BASE64 } from './generated/kernels';

/** Which WebAssembly kernels run: 'relaxed-simd' (fused multiply-add) or 'simd'. */
export type WasmFlavour = 'relaxed-simd' | 'simd';

export interface KernelModule {
  flavour: WasmFlavour;
  /** Built for a shared memory (threads), or for one thread's own memory. */
  shared: boolean;
  module: WebAssembly.Module;
}

const decode = (b64: string): Uint8Array<ArrayBuffer> => Uint8Array.from(atob(b64), (c) => c.charCodeAt(0));

const cache = new Map<string, KernelModule | null>();
let disabled = false;

/** The best kernel module this engine runs, for a shared memory or not; null without WebAssembly SIMD. */
export function kernelModule(shared: boolean): KernelModule | null {
  if (disabled || typeof WebAssembly !== 'object') return null;
  const key = String(shared);
  if (!cache.has(key)) {
    const candidates: [WasmFlavour, string][] = shared
      ? [['relaxed-simd', KERNELS_BASE64.relaxedThreads], ['simd', KERNELS_BASE64.simdThreads]]
      : [['relaxed-simd', KERNELS_BASE64.relaxed], ['simd', KERNELS_BASE64.simd]];
    let found: KernelModule | null = null;
    for (const [flavour, b64] of candidates) {
      const bytes = decode(b64);
      if (WebAssembly.validate(bytes)) {
        found = { flavour, shared, module: new WebAssembly.Module(bytes) };
        break;
      }
    }
    cache.set(key, found);
  }
  return cache.get(key)!;
}

/** The flavour kernelModule would pick, by validation only (cheap, on any thread); null without SIMD. */
export function wasmFlavour(): WasmFlavour | null {
  if (disabled || typeof WebAssembly !== 'object') return null;
  if (WebAssembly.validate(decode(KERNELS_BASE64.relaxed))) return 'relaxed-simd';
  return WebAssembly.validate(decode(KERNELS_BASE64.simd)) ? 'simd' : null;
}

/** True where shared WebAssembly memory can be made: threads need it (a page must be cross-origin isolated). */
export function sharedMemorySupported(): boolean {
  try {
    return typeof SharedArrayBuffer === 'function' && new WebAssembly.Memory({ initial: 1, maximum: 1, shared: true }).buffer instanceof SharedArrayBuffer;
  } catch {
    return false;
  }
}

/** Turns the WebAssembly kernels off (or back on) for runs built afterwards: for tests and benchmarks. */
export function setWasmEnabled(on: boolean): void {
  disabled = !on;
}
