/**
 * Headers on every response. The CSP allows only this origin; Next's inline bootstrap scripts and the
 * editor's inline styles need 'unsafe-inline' (no user content is ever rendered as HTML), dev mode's
 * hot reload also needs eval and a websocket. 'wasm-unsafe-eval' lets a browser run compile TF.js's WASM backend
 * (WebAssembly only; JavaScript eval stays refused). frame-ancestors 'none': no other site can frame the app.
 */
export function securityHeaders(dev: boolean): Record<string, string> {
  const csp = [
    "default-src 'self'",
    `script-src 'self' 'unsafe-inline' 'wasm-unsafe-eval'${dev ? " 'unsafe-eval'" : ''}`,
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data: blob:",
    "font-src 'self' data:",
    `connect-src 'self'${dev ? ' ws: wss:' : ''}`,
    "worker-src 'self' blob:",
    "object-src 'none'",
    "base-uri 'self'",
    "form-action 'self'",
    "frame-ancestors 'none'",
  ].join('; ');
  return {
    'content-security-policy': csp,
    'x-content-type-options': 'nosniff',
    'x-frame-options': 'DENY',
    'referrer-policy': 'same-origin',
    'cross-origin-opener-policy': 'same-origin',
  };
}
