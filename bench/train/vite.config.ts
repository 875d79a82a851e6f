/**
 * Vite build of the training-speed page (bench/train): the product's engine in a module Web Worker,
 * with its helper threads started as the product starts them. Output under node_modules/.cache.
 */
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';

const here = fileURLToPath(new URL('.', import.meta.url));

export const OUT_DIR = fileURLToPath(new URL('../../node_modules/.cache/bench-train', import.meta.url));

export default defineConfig({
  root: here,
  base: './',
  logLevel: 'warn',
  publicDir: false,
  worker: { format: 'es' },
  build: { outDir: OUT_DIR, emptyOutDir: true, target: 'es2022', minify: true, reportCompressedSize: false },
});
