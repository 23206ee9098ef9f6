#!/usr/bin/env node
// `next build`, failing when the build warns that dynamic filesystem access makes it trace the whole project
// (a run-time path not declared with a turbopackIgnore comment: see db/client.ts dataDir). Output passes through.
import { spawn } from 'node:child_process';

const FORBIDDEN = [/Dynamic filesystem access causes tracing of the whole project/];
const child = spawn('npx', ['next', 'build'], { stdio: ['ignore', 'pipe', 'pipe'], env: process.env });
let log = '';
for (const stream of [child.stdout, child.stderr]) {
  stream.on('data', (chunk) => {
    log += chunk;
    (stream === child.stdout ? process.stdout : process.stderr).write(chunk);
  });
}
child.on('close', (code) => {
  const hits = FORBIDDEN.filter((re) => re.test(log));
  if (hits.length) {
    console.error(`\nbuild-checked: the build printed a forbidden warning (${hits.map(String).join(', ')}). Declare the dynamic path (see db/client.ts).`);
    process.exit(1);
  }
  process.exit(code ?? 1);
});
