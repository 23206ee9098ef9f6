import { timingSafeEqual } from 'node:crypto';
import { isIP } from 'node:net';

/** Loopback binds are reachable only from this machine; anything else needs authentication. */
export function isLoopbackHost(host: string): boolean {
  const h = host.replace(/^\[|\]$/g, '').toLowerCase();
  if (h === 'localhost' || h === '::1' || h === '0:0:0:0:0:0:0:1') return true;
  if (h.startsWith('::ffff:')) return isLoopbackHost(h.slice(7));
  return isIP(h) === 4 && h.startsWith('127.');
}

/** The reason not to start, or undefined when the bind is safe. */
export function bindRefusal(host: string, token: string | undefined): string | undefined {
  if (isLoopbackHost(host)) return undefined;
  if (token && token.length >= 16) return undefined;
  if (token) return `Refusing to listen on ${host}: STEPSTONE_TOKEN is too short (use at least 16 characters, e.g. \`openssl rand -hex 24\`).`;
  return (
    `Refusing to listen on ${host} without authentication: anyone who can reach this address could run jobs and read every graph. ` +
    'Set STEPSTONE_TOKEN (at least 16 characters) or bind to 127.0.0.1.'
  );
}

export const TOKEN_COOKIE = 'stepstone_token';
/** Set by the gate on every request it lets through (clients' own values are dropped). */
export const ACCESS_HEADER = 'x-stepstone-access';

/** What a visitor without the token may still reach: a share link's page, its assets, and two queries. */
// graph.validate and graph.compile are pure (no writes): a share view shows shapes and the objective too.
const PUBLIC_PROCEDURES = new Set(['graphs.getShared', 'nodes.list', 'graph.validate', 'graph.compile']);

function same(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

function cookie(header: string | undefined, name: string): string | undefined {
  for (const part of (header ?? '').split(';')) {
    const [k, ...v] = part.trim().split('=');
    if (k === name) return decodeURIComponent(v.join('='));
  }
  return undefined;
}

export type GateDecision =
  | { kind: 'pass'; access: 'full' | 'readOnly' }
  /** ?token= in the URL: set the cookie and redirect to the same URL without the token. */
  | { kind: 'login'; location: string; setCookie: string }
  | { kind: 'deny' };

/** Decides one request. Without a configured token everything passes (loopback-only server). */
export function decide(req: { url: string; method?: string; headers: Record<string, string | string[] | undefined> }, token: string | undefined): GateDecision {
  if (!token) return { kind: 'pass', access: 'full' };
  const auth = req.headers.authorization;
  const bearer = typeof auth === 'string' && auth.startsWith('Bearer ') ? auth.slice(7).trim() : undefined;
  if (bearer !== undefined && same(bearer, token)) return { kind: 'pass', access: 'full' };
  const fromCookie = cookie(typeof req.headers.cookie === 'string' ? req.headers.cookie : undefined, TOKEN_COOKIE);
  if (fromCookie !== undefined && same(fromCookie, token)) return { kind: 'pass', access: 'full' };
  const url = new URL(req.url, 'http://localhost');
  const q = url.searchParams.get('token');
  if (q !== null && same(q, token)) {
    url.searchParams.delete('token');
    return {
      kind: 'login',
      location: url.pathname + url.search,
      setCookie: `${TOKEN_COOKIE}=${encodeURIComponent(token)}; Path=/; HttpOnly; SameSite=Strict; Max-Age=2592000`,
    };
  }
  // Share links work without the token, read-only: the page, Next's assets, and the queries it needs.
  const p = url.pathname;
  const method = (req.method ?? 'GET').toUpperCase();
  if (method === 'GET' && (p.startsWith('/share/') || p.startsWith('/_next/') || p === '/favicon.ico')) return { kind: 'pass', access: 'readOnly' };
  if (p.startsWith('/api/trpc/')) {
    const procs = decodeURIComponent(p.slice('/api/trpc/'.length)).split(',');
    if (procs.length > 0 && procs.every((x) => PUBLIC_PROCEDURES.has(x))) return { kind: 'pass', access: 'readOnly' };
  }
  return { kind: 'deny' };
}

/** For the tRPC route: the access level the gate assigned (full when no gate is in front, i.e. loopback dev). */
export function accessFromHeaders(headers: Headers): 'full' | 'readOnly' {
  return headers.get(ACCESS_HEADER) === 'readOnly' ? 'readOnly' : 'full';
}
