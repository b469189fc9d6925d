import { defineConfig } from '@playwright/test';

// The PWA in Chromium at a phone's size, against the built pwa/dist (built on first use by pwa/serve.ts) and the
// API on embedded PGlite. One worker: the API and the browser share two cores.
export default defineConfig({
  testDir: 'pwa',
  testMatch: '*.pwa.ts',
  globalSetup: './pwa/global-setup.ts',
  fullyParallel: false,
  workers: 1,
  retries: 0,
  forbidOnly: true,
  timeout: 60_000,
  expect: { timeout: 15_000 },
  // Not under test-results/: the extension suite's run empties that folder.
  outputDir: 'artifacts/pwa-results',
  reporter: [['list']],
  use: {
    trace: 'retain-on-failure',
    viewport: { width: 390, height: 844 },
    deviceScaleFactor: 2,
    isMobile: true,
    hasTouch: true,
  },
});
