import { defineConfig } from '@playwright/test';
import { execFileSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/**
 * End-to-end journeys against a real server: a production build (`next build`, skipped with
 * E2E_SKIP_BUILD=1 when .next is current; E2E_DEV=1 uses `next dev`) on a free localhost port,
 * with a throwaway data directory. The runner sets the port and data dir once; workers inherit them.
 */
function freePort(): string {
  const script = "const s=require('net').createServer();s.listen(0,'127.0.0.1',()=>{process.stdout.write(String(s.address().port));s.close()})";
  return execFileSync(process.execPath, ['-e', script], { encoding: 'utf8' }).trim();
}

process.env.E2E_PORT ??= freePort();
process.env.E2E_DATA_DIR ??= mkdtempSync(join(tmpdir(), 'stepstone-e2e-'));
const port = process.env.E2E_PORT;
const baseURL = `http://127.0.0.1:${port}`;

const serve = process.env.E2E_DEV
  ? `npx next dev -H 127.0.0.1 -p ${port}`
  : `${process.env.E2E_SKIP_BUILD ? '' : 'npx next build && '}npx next start -H 127.0.0.1 -p ${port}`;

export default defineConfig({
  testDir: 'e2e',
  outputDir: 'test-results',
  timeout: 60_000,
  expect: { timeout: 15_000 },
  fullyParallel: false,
  workers: 1,
  retries: 0,
  reporter: process.env.CI ? [['list'], ['html', { open: 'never' }]] : 'list',
  use: {
    baseURL,
    viewport: { width: 1440, height: 900 },
    trace: 'retain-on-failure',
    screenshot: 'only-on-failure',
    launchOptions: {
      executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
      args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
    },
  },
  projects: [{ name: 'chromium', use: { browserName: 'chromium' } }],
  webServer: {
    command: serve,
    url: `${baseURL}/templates`,
    timeout: 300_000,
    reuseExistingServer: false,
    stdout: 'pipe',
    stderr: 'pipe',
    env: { STEPSTONE_DATA_DIR: process.env.E2E_DATA_DIR, NODE_ENV: process.env.E2E_DEV ? 'development' : 'production', NEXT_TELEMETRY_DISABLED: '1' },
  },
});
