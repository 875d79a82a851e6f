/**
 * V8 flags the WebAssembly kernels need in Node 20, set before any kernel is compiled (worker threads
 * inherit them). Imported first by the CLI, the benchmarks and the unit tests' setup.
 * - Relaxed SIMD (fused multiply-add), which Node 20 runs only behind a flag; Chromium needs none.
 * - No Liftoff: its code in Node 20 (V8 11.3) reads a stale value right after memory.atomic.wait32
 *   returns, so a woken helper thread waits again forever (measured here; TurboFan's code is right,
 *   and so is Chromium's).
 */
import { setFlagsFromString } from 'node:v8';

setFlagsFromString('--experimental-wasm-relaxed-simd');
setFlagsFromString('--no-liftoff');
