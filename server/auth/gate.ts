import { createHmac, timingSafeEqual } from 'node:crypto';
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
  | { kind: 'deny' }
  /** Refused whoever asks: a foreign Host, a cross-site write, the image optimiser. */
  | { kind: 'refuse'; status: 400 | 403 | 404; message: string };

export interface GateRequest {
  url: string;
  method?: string;
  headers: Record<string, string | string[] | undefined>;
  /** Served over https (TLS here, or a proxy's X-Forwarded-Proto): the cookie gets Secure. */
  secure?: boolean;
}

export interface GateOptions {
  /** Extra Host names accepted in loopback mode (STEPSTONE_ALLOWED_HOSTS), besides the loopback ones. */
  allowedHosts?: readonly string[];
}

/**
 * The cookie's value: an HMAC of the token, never the token itself (a leaked cookie does not reveal the
 * bearer token, and the value changes when the token does).
 */
export function sessionValue(token: string): string {
  return createHmac('sha256', token).update('stepstone-session-v1').digest('base64url');
}

/** Decides one request. Without a configured token only loopback Host names pass (no DNS rebinding). */
export function decide(req: GateRequest, token: string | undefined, options: GateOptions = {}): GateDecision {
  const url = new URL(req.url, 'http://localhost');
  const method = (req.method ?? 'GET').toUpperCase();
  const refusal = alwaysRefused(req, url.pathname, method, token, options);
  if (refusal) return refusal;
  if (!token) return { kind: 'pass', access: 'full' };
  const auth = req.headers.authorization;
  const bearer = typeof auth === 'string' && auth.startsWith('Bearer ') ? auth.slice(7).trim() : undefined;
  if (bearer !== undefined && same(bearer, token)) return { kind: 'pass', access: 'full' };
  const fromCookie = cookie(typeof req.headers.cookie === 'string' ? req.headers.cookie : undefined, TOKEN_COOKIE);
  if (fromCookie !== undefined && same(fromCookie, sessionValue(token))) return { kind: 'pass', access: 'full' };
  const q = url.searchParams.get('token');
  if (q !== null && same(q, token)) {
    url.searchParams.delete('token');
    const secure = req.secure ? '; Secure' : '';
    return {
      kind: 'login',
      location: url.pathname + url.search,
      setCookie: `${TOKEN_COOKIE}=${sessionValue(token)}; Path=/; HttpOnly; SameSite=Strict; Max-Age=2592000${secure}`,
    };
  }
  return readOnlyAccess(url.pathname, method);
}

/**
 * Share links work without the token, read-only: the page, Next's assets, the queries it needs, the static
 * files of "Run in this browser" (/runtime/: the worker bundle, TF.js's .wasm binaries, the built-in data sets),
 * and the page of a run kept in the visitor's own browser (/runs/local/<id>: its data is in their IndexedDB).
 */
function readOnlyAccess(p: string, method: string): GateDecision {
  const open = ['/share/', '/_next/', '/runtime/', '/runs/local/'].some((prefix) => p.startsWith(prefix)) || p === '/favicon.ico';
  if (method === 'GET' && open) return { kind: 'pass', access: 'readOnly' };
  if (p.startsWith('/api/trpc/')) {
    const procs = decodeURIComponent(p.slice('/api/trpc/'.length)).split(',');
    if (procs.length > 0 && procs.every((x) => PUBLIC_PROCEDURES.has(x))) return { kind: 'pass', access: 'readOnly' };
  }
  return { kind: 'deny' };
}

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

/** What no caller gets, token or not. */
function alwaysRefused(req: GateRequest, p: string, method: string, token: string | undefined, options: GateOptions): GateDecision | undefined {
  const header = (name: string) => (typeof req.headers[name] === 'string' ? (req.headers[name] as string) : undefined);
  const host = header('host');
  if (!token && !hostAllowed(host, options.allowedHosts ?? [])) {
    return { kind: 'refuse', status: 400, message: `This server answers only to localhost (Host "${(host ?? '').slice(0, 100)}" refused). Add the name to STEPSTONE_ALLOWED_HOSTS to allow it.` };
  }
  // Next's image optimiser fetches URLs on the server's behalf; the app has no use for it.
  if (p.startsWith('/_next/image')) return { kind: 'refuse', status: 404, message: 'Not found.' };
  if (SAFE_METHODS.has(method)) return undefined;
  // A write from another site's page (a form or fetch the browser sends with our cookie) is refused.
  const site = header('sec-fetch-site');
  const origin = header('origin');
  const crossSite = (site !== undefined && site !== 'same-origin' && site !== 'none') || (origin !== undefined && !sameHost(origin, host));
  if (crossSite) return { kind: 'refuse', status: 403, message: 'Cross-site requests cannot change anything here.' };
  return undefined;
}

function sameHost(origin: string, host: string | undefined): boolean {
  try {
    return host !== undefined && new URL(origin).host.toLowerCase() === host.toLowerCase();
  } catch {
    return false; // "null" (sandboxed frames, file://) or garbage
  }
}

/** The Host header names a loopback address (any port) or an allowed name. */
export function hostAllowed(host: string | undefined, allowed: readonly string[]): boolean {
  if (!host) return false;
  const name = host.startsWith('[') ? host.slice(0, host.indexOf(']') + 1) : host.replace(/:\d+$/, '');
  return isLoopbackHost(name) || allowed.some((a) => a.toLowerCase() === name.toLowerCase());
}

/** For the tRPC route: the access level the gate assigned (full when no gate is in front, i.e. loopback dev). */
export function accessFromHeaders(headers: Headers): 'full' | 'readOnly' {
  return headers.get(ACCESS_HEADER) === 'readOnly' ? 'readOnly' : 'full';
}
