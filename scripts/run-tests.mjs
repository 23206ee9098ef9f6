#!/usr/bin/env node
// The README's test command: typecheck, lint, dead-code check (knip), unit/integration tests (Vitest), end-to-end (Playwright).
// Runs every step even after a failure, then prints one closing line "tests: N passed, N failed".
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync } from 'node:fs';

// Not test-results/: Playwright empties that folder when it starts.
const out = 'test-reports';
rmSync(`${out}/vitest.json`, { force: true });
rmSync(`${out}/e2e.json`, { force: true });
mkdirSync(out, { recursive: true });

const steps = [
  ['typecheck', 'npx', ['tsc', '--noEmit']],
  ['lint', 'npx', ['eslint', '.', '--max-warnings=0']],
  // Dead code: unused files, exports, types and dependencies (knip.json lists the entry points); fails on findings.
  ['deadcode', 'npx', ['knip']],
  ['unit', 'npx', ['vitest', 'run', '--reporter=default', '--reporter=json', `--outputFile.json=${out}/vitest.json`]],
  // The production build once, failing on tracing warnings; the end-to-end tests then reuse it.
  ['build', 'node', ['scripts/build-checked.mjs']],
  ['e2e', 'npx', ['playwright', 'test', '--reporter=list,json']],
];
const only = process.argv.slice(2);
const failed = [];
for (const [name, cmd, args] of steps) {
  if (only.length && !only.includes(name)) continue;
  console.log(`\n=== ${name}: ${cmd} ${args.join(' ')}`);
  const started = Date.now();
  const reuseBuild = name === 'e2e' && !failed.includes('build') && (!only.length || only.includes('build'));
  const env = { ...process.env, PLAYWRIGHT_JSON_OUTPUT_NAME: `${out}/e2e.json`, ...(reuseBuild ? { E2E_SKIP_BUILD: '1' } : {}) };
  const r = spawnSync(cmd, args, { stdio: 'inherit', env });
  console.log(`=== ${name}: ${r.status === 0 ? 'ok' : 'FAILED'} in ${((Date.now() - started) / 1000).toFixed(1)} s`);
  if (r.status !== 0) failed.push(name);
}

let passed = 0;
let failedTests = 0;
let skipped = 0;
const readJson = (f) => (existsSync(f) ? JSON.parse(readFileSync(f, 'utf8')) : null);
const v = readJson(`${out}/vitest.json`);
if (v) {
  passed += v.numPassedTests;
  failedTests += v.numFailedTests;
  skipped += v.numPendingTests + (v.numTodoTests ?? 0);
}
const e = readJson(`${out}/e2e.json`);
if (e?.stats) {
  passed += e.stats.expected + (e.stats.flaky ?? 0);
  failedTests += e.stats.unexpected;
  skipped += e.stats.skipped;
}
if (failed.length) console.log(`\nfailed steps: ${failed.join(', ')}`);
console.log(`\ntests: ${passed} passed, ${failedTests} failed, ${skipped} skipped`);
process.exit(failed.length ? 1 : 0);
