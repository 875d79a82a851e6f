import js from '@eslint/js';
import globals from 'globals';
import reactHooks from 'eslint-plugin-react-hooks';
import tseslint from 'typescript-eslint';
import { defineConfig, globalIgnores } from 'eslint/config';

export default defineConfig([
  globalIgnores([
    'dist',
    'dist-*',
    'node_modules',
    'test-results',
    'playwright-report',
    'coverage',
    'public/data',
    '.scratch',
    // AssemblyScript (its compiler checks it) and the kernels built from it.
    'src/engine/wasm/as',
    'src/engine/wasm/generated',
  ]),
  {
    files: ['**/*.{js,mjs,cjs,ts,tsx}'],
    extends: [js.configs.recommended, tseslint.configs.recommended],
    languageOptions: {
      ecmaVersion: 2022,
      sourceType: 'module',
    },
  },
  {
    files: ['src/**/*.{ts,tsx}'],
    extends: [reactHooks.configs.flat.recommended],
    languageOptions: {
      globals: { ...globals.browser, ...globals.worker },
    },
  },
  {
    // The UI shows what the worker reports and never recomputes engine facts (architecture, kernels):
    // it reaches the engine only through the worker protocol.
    files: ['src/ui/**/*.{ts,tsx}'],
    rules: {
      'no-restricted-imports': ['error', {
        patterns: [{ regex: '(^|/)engine(/|$)', message: 'src/ui must not import src/engine: ask the worker (src/worker/protocol.ts) for engine facts.' }],
      }],
    },
  },
  {
    files: [
      'tests/**/*.{ts,tsx}',
      'cli/**/*.ts',
      'bench/**/*.ts',
      'scripts/**/*.{ts,js,mjs}',
      '*.config.{js,ts}',
    ],
    languageOptions: {
      globals: { ...globals.node },
    },
  },
]);
