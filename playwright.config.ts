import { defineConfig } from '@playwright/test';
import { execFileSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/**
 * End-to-end journeys against the real server (scripts/serve.ts: the access gate in front of Next)
 * on a free localhost port, with a throwaway data directory and an access token: the browser sends
 * the token, so share links can be tested from a second, token-less browser context.
 * A production build first (`next build`; E2E_SKIP_BUILD=1 reuses .next, E2E_DEV=1 runs Next's dev
 * server instead). The runner sets port, data dir and token once; workers inherit them.
 */
function freePort(): string {
  const script = "const s=require('net').createServer();s.listen(0,'127.0.0.1',()=>{process.stdout.write(String(s.address().port));s.close()})";
  return execFileSync(process.execPath, ['-e', script], { encoding: 'utf8' }).trim();
}

process.env.E2E_PORT ??= freePort();
process.env.E2E_DATA_DIR ??= mkdtempSync(join(tmpdir(), 'stepstone-e2e-'));
process.env.E2E_TOKEN ??= `e2e-${randomBytes(12).toString('hex')}`;
const port = process.env.E2E_PORT;
const baseURL = `http://127.0.0.1:${port}`;

// The browser runtime (public/runtime/: worker bundle, .wasm, data) is rebuilt every time: it takes seconds.
const runtime = 'npx tsx scripts/build-browser-runtime.ts && ';
const serve = process.env.E2E_DEV ? `${runtime}npx tsx scripts/serve.ts --dev` : `${runtime}${process.env.E2E_SKIP_BUILD ? '' : 'npx next build && '}npx tsx scripts/serve.ts`;

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
    extraHTTPHeaders: { Authorization: `Bearer ${process.env.E2E_TOKEN}` },
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
    // The gate answers 401 without the token; any answer means the server is up.
    url: `${baseURL}/share/ready-check`,
    timeout: 300_000,
    reuseExistingServer: false,
    stdout: 'pipe',
    stderr: 'pipe',
    env: {
      HOST: '127.0.0.1',
      PORT: port,
      STEPSTONE_TOKEN: process.env.E2E_TOKEN,
      STEPSTONE_DATA_DIR: process.env.E2E_DATA_DIR,
      NODE_ENV: process.env.E2E_DEV ? 'development' : 'production',
      NEXT_TELEMETRY_DISABLED: '1',
    },
  },
});
