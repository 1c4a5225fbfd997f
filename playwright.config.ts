/**
 * End-to-end specs for the reader. The same spec files run in two projects:
 *   web       the real UI and engine through the loopback web host, in Debian's Chromium
 *   electron  the development build through Playwright's _electron (skipped, with the reason printed, when the
 *             Electron binary is not installed or, on Linux, there is no display: CI runs it under xvfb-run)
 * and a third runs the smoke spec against a packaged test build:
 *   packaged  READER_E2E_APP names its executable (`npm run dist -- --test-build --dir`; skipped, with the
 *             reason, when unset)
 * Each test gets a fresh temp data dir; see tests/e2e/support/fixtures.ts.
 */
import { defineConfig } from '@playwright/test';

export default defineConfig({
  testDir: 'tests/e2e',
  testMatch: '*.spec.ts',
  outputDir: 'test-results/artifacts',
  globalSetup: './tests/e2e/support/global-setup.ts',
  timeout: 120_000,
  expect: { timeout: 15_000 },
  // Two cores shared by the whole machine: one worker keeps timings honest and the host processes few.
  workers: 1,
  fullyParallel: false,
  retries: 0,
  reporter: [['list']],
  use: { actionTimeout: 15_000 },
  projects: [
    // The smoke spec repeats what search.spec and ask.spec check in depth; it runs only against a packaged build.
    { name: 'web', metadata: { host: 'web' }, testIgnore: 'packaged-smoke.spec.ts' },
    { name: 'electron', metadata: { host: 'electron' }, testIgnore: 'packaged-smoke.spec.ts' },
    { name: 'packaged', metadata: { host: 'electron', packaged: true }, testMatch: 'packaged-smoke.spec.ts' },
  ],
});
