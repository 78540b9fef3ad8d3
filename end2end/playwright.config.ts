// End-to-end tests of the release build: the real server binary (demo clinic, fresh SQLite file)
// serving the real trunk bundle, driven in Debian's Chromium on a small touch phone.
import { defineConfig } from '@playwright/test';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pinnedServer } from './support/pinned';
import { STAFF_PASSWORD } from './support/console';

const port = Number(process.env.CAREBOOK_E2E_PORT ?? 3917);
const baseURL = `http://127.0.0.1:${port}`;

// One fresh database per run. Workers load this file again but inherit the environment, so
// only the main process makes the folder.
if (!process.env.CAREBOOK_E2E_DIR) {
  process.env.CAREBOOK_E2E_DIR = fs.mkdtempSync(path.join(os.tmpdir(), 'carebook-e2e-'));
}
const database = path.join(process.env.CAREBOOK_E2E_DIR, 'e2e.db');
const root = path.resolve(__dirname, '..');
// A second server whose clock is pinned (see support/pinned.ts): for what depends on the hour,
// such as a visit inside the late-cancel window, whatever the day CI runs.
const pinned = pinnedServer(port);

function serverCommand(bind: number, db: string, extra: string[] = []): string {
  return [
    // A copy elsewhere may be tested while the tree's own build is being redone.
    process.env.CAREBOOK_E2E_SERVER_BIN ?? path.join(root, 'target/server/carebook'),
    'demo',
    '--bind', `127.0.0.1:${bind}`,
    '--public-url', `http://127.0.0.1:${bind}`,
    '--database-url', `sqlite:${db}`,
    '--dist', process.env.CAREBOOK_E2E_DIST ?? path.join(root, 'app/dist'),
    ...extra,
  ].map((part) => JSON.stringify(part)).join(' ');
}

export default defineConfig({
  testDir: './tests',
  // Tests book real times; one at a time, each sees the others' bookings as taken and simply
  // picks the next free time.
  workers: 1,
  fullyParallel: false,
  retries: 0,
  forbidOnly: !!process.env.CI,
  reporter: 'list',
  // Generous for a slow 2-core CI box; nothing here measures speed.
  timeout: 60_000,
  expect: { timeout: 15_000 },
  globalTeardown: './global-teardown.ts',
  outputDir: './test-results',
  use: {
    baseURL,
    browserName: 'chromium',
    viewport: { width: 360, height: 740 },
    deviceScaleFactor: 2,
    isMobile: true,
    hasTouch: true,
    locale: 'en-US',
    timezoneId: 'America/New_York',
    acceptDownloads: true,
    trace: 'retain-on-failure',
    screenshot: 'only-on-failure',
    actionTimeout: 15_000,
    navigationTimeout: 30_000,
    launchOptions: {
      executablePath: '/usr/bin/chromium',
      args: [
        '--no-sandbox',
        '--disable-gpu',
        '--disable-quic',
        '--no-first-run',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
      ],
    },
  },
  projects: [{ name: 'chromium-mobile' }],
  webServer: [
    {
      command: serverCommand(port, database),
      url: `${baseURL}/api/health`,
      reuseExistingServer: false,
      timeout: 60_000,
      stdout: 'ignore',
      stderr: 'pipe',
      // The demo staff's console password (else a random one), for tests/console.spec.ts.
      env: { CAREBOOK_DEMO_PASSWORD: STAFF_PASSWORD },
    },
    {
      command: serverCommand(pinned.port, path.join(process.env.CAREBOOK_E2E_DIR, 'pinned.db'), ['--now', pinned.now]),
      url: `${pinned.baseURL}/api/health`,
      reuseExistingServer: false,
      timeout: 60_000,
      stdout: 'ignore',
      stderr: 'pipe',
      // The demo staff's console password (else a random one), for tests/console.spec.ts.
      env: { CAREBOOK_DEMO_PASSWORD: STAFF_PASSWORD },
    },
  ],
});
