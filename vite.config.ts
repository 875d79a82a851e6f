import { defineConfig } from 'vitest/config';
import react from '@vitejs/plugin-react';

// Cross-origin isolation so SharedArrayBuffer (threaded training) is available.
const isolationHeaders = {
  'Cross-Origin-Opener-Policy': 'same-origin',
  'Cross-Origin-Embedder-Policy': 'require-corp',
};

export default defineConfig({
  plugins: [react()],
  worker: {
    format: 'es',
  },
  server: {
    host: '127.0.0.1',
    headers: isolationHeaders,
  },
  preview: {
    host: '127.0.0.1',
    headers: isolationHeaders,
  },
  optimizeDeps: {
    // papaparse is imported only from a worker; pre-bundle it so the dev server
    // does not discover it late and reload the page mid-upload.
    include: ['papaparse'],
  },
  test: {
    environment: 'node',
    include: ['tests/unit/**/*.test.ts'],
    // Some unit tests train tiny networks end to end.
    testTimeout: 60_000,
    hookTimeout: 60_000,
  },
});
