import { defineConfig, devices } from '@playwright/test';

const isCI = !!process.env.CI;
// PW_PORT and PW_DIST let two checkouts' (or two people's) browser tests run side by side, each on its own build.
const port = Number(process.env.PW_PORT ?? 4173);
const dist = process.env.PW_DIST ?? 'dist';
const results = dist === 'dist' ? 'test-results' : `test-results/${dist}`;
const baseURL = `http://127.0.0.1:${port}`;

import { CHROMIUM_ARGS, CHROMIUM_PATH } from './scripts/chromium';

export default defineConfig({
  testDir: 'tests/e2e',
  outputDir: `${results}/e2e-artifacts`,
  timeout: 120_000,
  expect: { timeout: 15_000 },
  fullyParallel: false,
  forbidOnly: isCI,
  retries: 0,
  workers: isCI ? 1 : 2,
  reporter: [['list'], ['json', { outputFile: `${results}/e2e.json` }]],
  use: {
    baseURL,
    trace: 'retain-on-failure',
    screenshot: 'only-on-failure',
  },
  projects: [
    {
      name: 'chromium',
      use: {
        ...devices['Desktop Chrome'],
        launchOptions: {
          executablePath: CHROMIUM_PATH,
          args: CHROMIUM_ARGS,
        },
      },
    },
  ],
  webServer: {
    // Test the production bundle, served with the same COOP/COEP headers as dev.
    command: `npx vite build --outDir ${dist} && npx vite preview --outDir ${dist} --port ${port} --strictPort --host 127.0.0.1`,
    url: baseURL,
    reuseExistingServer: !isCI,
    timeout: 180_000,
    stdout: 'pipe',
    stderr: 'pipe',
  },
});
