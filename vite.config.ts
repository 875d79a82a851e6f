import { defineConfig } from 'vitest/config';
import type { Plugin } from 'vite';
import react from '@vitejs/plugin-react';

/**
 * The page's Content-Security-Policy: it loads and sends nothing beyond its own origin (your data
 * never leaves the page), and allows only what the app needs: its own scripts and module worker,
 * WebAssembly compiled at run time (the engine assembles its SIMD kernel), the inline styles React
 * sets (bar widths, canvas sizes), and images from data: and blob: URLs.
 */
const CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  "script-src 'self' 'wasm-unsafe-eval'",
  "worker-src 'self' blob:",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data: blob:",
  "font-src 'self'",
  "connect-src 'self'",
  "object-src 'none'",
  "base-uri 'self'",
  "form-action 'none'",
].join('; ');

/**
 * The policy as a <meta> in index.html, so the built page carries it on any static host. In a build it
 * comes first in <head>, before any script. The dev server's inline React Refresh preamble comes before
 * it there, so it is not blocked.
 */
function contentSecurityPolicy(): Plugin {
  return {
    name: 'content-security-policy',
    transformIndexHtml: (_html, ctx) => [{
      tag: 'meta',
      attrs: { 'http-equiv': 'Content-Security-Policy', content: CONTENT_SECURITY_POLICY },
      injectTo: ctx.server ? 'head' : 'head-prepend',
    }],
  };
}

// Cross-origin isolation so SharedArrayBuffer (threaded training) is available.
const isolationHeaders = {
  'Cross-Origin-Opener-Policy': 'same-origin',
  'Cross-Origin-Embedder-Policy': 'require-corp',
};

export default defineConfig({
  plugins: [react(), contentSecurityPolicy()],
  worker: {
    format: 'es',
  },
  server: {
    host: '127.0.0.1',
    headers: isolationHeaders,
  },
  preview: {
    host: '127.0.0.1',
    // As a header too: unlike the <meta>, it also binds the worker, which gets its own policy from its
    // script's response.
    headers: { ...isolationHeaders, 'Content-Security-Policy': CONTENT_SECURITY_POLICY },
  },
  optimizeDeps: {
    // papaparse is imported only from a worker; pre-bundle it so the dev server
    // does not discover it late and reload the page mid-upload.
    include: ['papaparse'],
  },
  test: {
    environment: 'node',
    include: ['tests/unit/**/*.test.ts'],
    // The V8 flags the WebAssembly kernels need in Node (relaxed SIMD; no Liftoff, for threads).
    setupFiles: ['cli/v8-flags.ts'],
    // Some unit tests train tiny networks end to end.
    testTimeout: 60_000,
    hookTimeout: 60_000,
  },
});
