import http from 'node:http';
import type { TLSSocket } from 'node:tls';
import next from 'next';
import { ACCESS_HEADER, bindRefusal, decide } from '../server/auth/gate';
import { securityHeaders } from '../server/auth/security-headers';
import { getServices } from '../server/services';

/**
 * `tsx scripts/serve.ts [--dev]`: the Stepstone server. HOST (default 127.0.0.1) and PORT (default 3000).
 * Beyond loopback it refuses to start unless STEPSTONE_TOKEN is set, and then every request must carry
 * the token (Authorization: Bearer …, or the cookie set by visiting /?token=…); share links stay
 * readable, read-only. On loopback only loopback Host names (plus STEPSTONE_ALLOWED_HOSTS) are answered.
 */
const host = process.env.HOST ?? '127.0.0.1';
const port = Number(process.env.PORT ?? 3000);
const token = process.env.STEPSTONE_TOKEN || undefined;
const dev = process.argv.includes('--dev') || process.env.NODE_ENV === 'development';
const allowedHosts = (process.env.STEPSTONE_ALLOWED_HOSTS ?? '').split(',').map((h) => h.trim()).filter(Boolean);
const headers = securityHeaders(dev);

const refusal = bindRefusal(host, token);
if (refusal) {
  console.error(refusal);
  process.exit(1);
}

/** Next's config, with the test overrides (own build folder and tsconfig) when asked. */
async function nextConf(): Promise<Record<string, unknown> | undefined> {
  // STEPSTONE_DIST_DIR (relative, e.g. .next/serve-test) lets a second server (tests) build into its own
  // folder instead of fighting over .next's dev lock; STEPSTONE_TSCONFIG keeps Next's tsconfig edits off the repo's.
  const distDir = process.env.STEPSTONE_DIST_DIR;
  if (!distDir) return undefined;
  const configUrl = new URL('../next.config.mjs', import.meta.url).href;
  return {
    ...((await import(configUrl)) as { default: Record<string, unknown> }).default,
    distDir,
    ...(process.env.STEPSTONE_TSCONFIG ? { typescript: { tsconfigPath: process.env.STEPSTONE_TSCONFIG } } : {}),
  };
}

// The database (and its folder lock), the queue and the recovery of interrupted runs start now, not at
// the first request; a second server on the same data folder stops here with the holder's pid.
const services = await getServices().catch((err: unknown) => {
  console.error(err instanceof Error ? err.message : String(err));
  process.exit(1);
});
const conf = await nextConf();
const app = next({ dev, hostname: host, port, ...(conf ? { conf } : {}) });
const handle = app.getRequestHandler();
await app.prepare();

function onRequest(req: http.IncomingMessage, res: http.ServerResponse): void {
  for (const [k, v] of Object.entries(headers)) res.setHeader(k, v);
  const secure = Boolean((req.socket as TLSSocket).encrypted) || req.headers['x-forwarded-proto'] === 'https';
  const decision = decide({ url: req.url ?? '/', method: req.method, headers: req.headers, secure }, token, { allowedHosts });
  if (decision.kind === 'refuse') {
    res.writeHead(decision.status, { 'content-type': 'text/plain; charset=utf-8' });
    res.end(`${decision.message}\n`);
    return;
  }
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
}

const server = http.createServer(onRequest);
server.listen(port, host, () => {
  console.log(`Stepstone ready on http://${host.includes(':') ? `[${host}]` : host}:${port}${token ? ' (token required)' : ''}`);
  // Open the database (migrations, queue) now rather than on the first request: a visitor's first page
  // otherwise waits for it (~15 s cold on a 2-core machine). Same process-wide services as the routes use.
  void import('../server/services').then((m) => m.getServices()).catch((err: unknown) => console.error('could not open the database:', err));
});

let stopping = false;
/**
 * SIGTERM / SIGINT drain: stop accepting connections, hand running runs back to the queue without
 * charging an attempt (they resume from their checkpoint at the next start), close the database, exit.
 */
async function drain(signal: string): Promise<void> {
  if (stopping) return;
  stopping = true;
  console.log(`${signal}: draining (no new connections; running runs go back to the queue)`);
  server.close();
  server.closeIdleConnections();
  await services.close().catch((err: unknown) => console.error('shutdown:', err));
  server.closeAllConnections(); // live event streams would otherwise hold the process open
  process.exit(0);
}
process.on('SIGINT', () => void drain('SIGINT'));
process.on('SIGTERM', () => void drain('SIGTERM'));
