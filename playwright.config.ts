import { defineConfig } from '@playwright/test';

/*
 * End-to-end tests of the portal (test/e2e), run by `yarn test` after the
 * unit tests. They drive Debian's Chromium (never a downloaded browser):
 * CHROMIUM_PATH, else /usr/bin/chromium. The portal is started for the run
 * (frontend :3000, backend :7007) and stopped afterwards; a portal already
 * running locally is reused outside CI.
 */
const chromium = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

export default defineConfig({
  testDir: 'test/e2e',
  globalSetup: './test/e2e/globalSetup.ts',
  timeout: 90_000,
  expect: { timeout: 20_000 },
  forbidOnly: true,
  retries: 0,
  workers: 1,
  reporter: [
    ['list'],
    ['html', { open: 'never', outputFolder: 'e2e-test-report' }],
  ],
  outputDir: 'node_modules/.cache/e2e-test-results',
  webServer: [
    {
      command: 'yarn dev',
      url: 'http://localhost:7007/api/leak-response/health',
      reuseExistingServer: !process.env.CI,
      timeout: 240_000,
      stdout: 'ignore',
      stderr: 'pipe',
    },
    {
      command: 'echo "the app is started by yarn dev"',
      url: 'http://localhost:3000',
      reuseExistingServer: true,
      timeout: 240_000,
    },
  ],
  use: {
    baseURL: process.env.PLAYWRIGHT_URL ?? 'http://localhost:3000',
    screenshot: 'only-on-failure',
    trace: 'retain-on-failure',
    launchOptions: {
      executablePath: chromium,
      args: [
        '--no-sandbox',
        '--disable-gpu',
        '--disable-dev-shm-usage',
        '--disable-quic',
        '--no-first-run',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
      ],
    },
  },
  projects: [{ name: 'chromium' }],
});
