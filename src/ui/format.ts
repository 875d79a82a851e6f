/** Display formats shared by the panels. */
import type { EngineReport, KernelPath, ModelDescription } from '../worker/protocol';

/** 42000 → "42,000". */
export function formatCount(n: number): string {
  return n.toLocaleString('en-US');
}

/** 33894672 → "33.9 MB" (decimal units, as file managers show file sizes). */
export function formatBytes(n: number): string {
  if (n < 1e3) return `${n} B`;
  if (n < 1e6) return `${(n / 1e3).toFixed(1)} kB`;
  if (n < 1e9) return `${(n / 1e6).toFixed(1)} MB`;
  return `${(n / 1e9).toFixed(2)} GB`;
}

/** 0.2 → "20%"; one decimal when it is not whole. */
export function formatPercent(share: number, digits = 0): string {
  return `${(share * 100).toFixed(digits)}%`;
}

/** How a layer's kernels read in the page. */
export function formatKernel(path: KernelPath): string {
  switch (path) {
    case 'wasm-sparse': return 'WebAssembly SIMD (sparse)';
    case 'wasm-dense': return 'WebAssembly SIMD (dense)';
    case 'js-sparse': return 'JavaScript (sparse)';
    case 'js-dense': return 'JavaScript (dense)';
    case 'none': return 'not run yet';
  }
}

/** A run's engine: "WebAssembly relaxed SIMD (fused multiply-add) on 2 threads". */
export function formatEngine(engine: EngineReport): string {
  const kernel = engine.kernel === 'wasm-relaxed-simd' ? 'WebAssembly relaxed SIMD (fused multiply-add)'
    : engine.kernel === 'wasm-simd' ? 'WebAssembly SIMD' : 'JavaScript kernels';
  return `${kernel} on ${engine.threads} thread${engine.threads === 1 ? '' : 's'}`;
}

/** Each Linear layer of a run with the kernels it trains on: "784 → 128: WebAssembly SIMD (sparse) · …". */
export function formatKernels(model: ModelDescription | null, paths: KernelPath[] | null): string {
  if (!model || !paths) return '–';
  const linears = model.layers.filter((l) => l.kind === 'linear');
  return paths.map((p, i) => `${linears[i]?.label.replace(/^Linear\((.*)\)$/, '$1') ?? `layer ${i + 1}`}: ${formatKernel(p)}`).join(' · ');
}
