import http from 'node:http';
import next from 'next';
import { ACCESS_HEADER, bindRefusal, decide } from '../server/auth/gate';

/**
 * `tsx scripts/serve.ts [--dev]`: the Stepstone server. HOST (default 127.0.0.1) and PORT (default 3000).
 * Beyond loopback it refuses to start unless STEPSTONE_TOKEN is set, and then every request must carry
 * the token (Authorization: Bearer …, or the cookie set by visiting /?token=…); share links stay
 * readable, read-only.
 */
const host = process.env.HOST ?? '127.0.0.1';
const port = Number(process.env.PORT ?? 3000);
const token = process.env.STEPSTONE_TOKEN || undefined;
const dev = process.argv.includes('--dev') || process.env.NODE_ENV === 'development';

const refusal = bindRefusal(host, token);
if (refusal) {
  console.error(refusal);
  process.exit(1);
}

// STEPSTONE_DIST_DIR (relative, e.g. .next/serve-test) lets a second server (tests) build into its own
// folder instead of fighting over .next's dev lock; STEPSTONE_TSCONFIG keeps Next's tsconfig edits off the repo's.
const distDir = process.env.STEPSTONE_DIST_DIR;
const configUrl = new URL('../next.config.mjs', import.meta.url).href;
const conf = distDir
  ? {
      ...((await import(configUrl)) as { default: Record<string, unknown> }).default,
      distDir,
      ...(process.env.STEPSTONE_TSCONFIG ? { typescript: { tsconfigPath: process.env.STEPSTONE_TSCONFIG } } : {}),
    }
  : undefined;
const app = next({ dev, hostname: host, port, ...(conf ? { conf } : {}) });
const handle = app.getRequestHandler();
await app.prepare();

const server = http.createServer((req, res) => {
  const decision = decide({ url: req.url ?? '/', method: req.method, headers: req.headers }, token);
  if (decision.kind === 'deny') {
    res.writeHead(401, { 'content-type': 'text/plain; charset=utf-8', 'www-authenticate': 'Bearer realm="stepstone"' });
    res.end('Authentication required: send "Authorization: Bearer <STEPSTONE_TOKEN>", or open /?token=<STEPSTONE_TOKEN> once in the browser.\n');
    return;
  }
  if (decision.kind === 'login') {
    res.writeHead(302, { location: decision.location, 'set-cookie': decision.setCookie });
    res.end();
    return;
  }
  // Only the gate decides the access level.
  req.headers[ACCESS_HEADER] = decision.access;
  void handle(req, res);
});
server.listen(port, host, () => {
  console.log(`Stepstone ready on http://${host.includes(':') ? `[${host}]` : host}:${port}${token ? ' (token required)' : ''}`);
  // Open the database (migrations, queue) now rather than on the first request: a visitor's first page
  // otherwise waits for it (~15 s cold on a 2-core machine). Same process-wide services as the routes use.
  void import('../server/services').then((m) => m.getServices()).catch((err: unknown) => console.error('could not open the database:', err));
});
const stop = () => server.close(() => process.exit(0));
process.on('SIGINT', stop);
process.on('SIGTERM', stop);
