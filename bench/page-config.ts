/**
 * The Vite config of a benchmark page (bench/parse, bench/train): built by its run script with Vite's
 * JS API, minified like the product's build, with its output under node_modules/.cache so nothing new
 * needs ignoring in git.
 */
import { type UserConfig, defineConfig } from 'vite';

export function benchPageConfig(root: string, outDir: string): UserConfig {
  return defineConfig({
    root,
    base: './',
    logLevel: 'warn',
    publicDir: false,
    worker: { format: 'es' },
    build: { outDir, emptyOutDir: true, target: 'es2022', minify: true, reportCompressedSize: false },
  });
}
