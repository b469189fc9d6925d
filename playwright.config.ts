import { defineConfig } from '@playwright/test';

// Browser tests against the BUILT extension (`npm run build` first; `npm test` does). Each test gets a fresh
// persistent Chromium profile, so one worker: two cores, and extension service workers are heavy to start.
export default defineConfig({
  testDir: 'e2e',
  testMatch: '*.spec.ts',
  globalSetup: './e2e/global-setup.ts',
  fullyParallel: false,
  workers: 1,
  retries: 0,
  forbidOnly: true,
  timeout: 60_000,
  expect: { timeout: 15_000 },
  // Not the default test-results/: the PWA suite (e2e/pwa.playwright.config.ts) may run at the same time.
  outputDir: 'e2e/artifacts/results',
  reporter: [['list']],
  use: { trace: 'retain-on-failure' },
});
