/**
 * Vite build of the parse benchmark page (bench/parse). Built by run.ts with Vite's JS API; the output
 * goes under node_modules/.cache so nothing new needs ignoring in git.
 */
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';

const here = fileURLToPath(new URL('.', import.meta.url));

export const OUT_DIR = fileURLToPath(new URL('../../node_modules/.cache/bench-parse', import.meta.url));

export default defineConfig({
  root: here,
  base: './',
  logLevel: 'warn',
  publicDir: false,
  worker: { format: 'es' },
  build: {
    outDir: OUT_DIR,
    emptyOutDir: true,
    target: 'es2022',
    // Minified like the product's build (vite build defaults).
    minify: true,
    reportCompressedSize: false,
  },
});
