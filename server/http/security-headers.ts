import type { Context } from 'hono';
import type { ServerResponse } from 'node:http';

const csp = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data: blob:",
  "connect-src 'self'",
  "media-src 'self' blob:",
  "worker-src 'self'",
  "manifest-src 'self'",
  "object-src 'none'",
  "base-uri 'self'",
  "form-action 'self'",
  "frame-ancestors 'none'",
].join('; ');

/**
 * Headers every answer of a kind carries (security, no-store), set on Node's own response when
 * the request came through Node's HTTP server, before the handler runs.
 *
 * Through Hono's `c.header` they would give every answer a Fetch `Headers` object, which
 * @hono/node-server then turns back into Node's form: together with the garbage it leaves, that
 * was about a fifth of the server's time on a reservation create. Set on Node's response, a
 * handler's `c.json` keeps Hono's plain-object fast path, and Node merges the two when it
 * writes the head (the handler's own headers win). Without Node (`app.request` in tests) they
 * go through `c.header`, so both ways answer the same headers.
 */
export function setFixedHeaders(c: Context, headers: readonly (readonly [string, string])[]): void {
  const outgoing = (c.env as { outgoing?: ServerResponse } | undefined)?.outgoing;
  if (outgoing && !outgoing.headersSent) for (const [name, value] of headers) outgoing.setHeader(name, value);
  else for (const [name, value] of headers) c.header(name, value);
}

/** Sets the security headers of every answer (computed once; see setFixedHeaders for how), before anything else runs. */
export function securityHeaders(opts: { https: boolean; trustProxy?: boolean }): (c: Context) => void {
  const headers: [string, string][] = [
    ['Content-Security-Policy', csp],
    ['X-Content-Type-Options', 'nosniff'],
    ['X-Frame-Options', 'DENY'],
    ['Referrer-Policy', 'strict-origin-when-cross-origin'],
    ['Cross-Origin-Opener-Policy', 'same-origin'],
    ['Cross-Origin-Resource-Policy', 'same-origin'],
    ['Permissions-Policy', 'camera=(self), microphone=(), geolocation=()'],
    ['X-Permitted-Cross-Domain-Policies', 'none'],
  ];
  const hsts: [string, string] = ['Strict-Transport-Security', 'max-age=31536000; includeSubDomains'];
  if (opts.https) headers.push(hsts);
  // Without PLEK_PUBLIC_URL only a trusted proxy can tell that the browser came over TLS.
  const forwardedHttps = !opts.https && opts.trustProxy === true;
  const withHsts = [...headers, hsts];
  return (c) => {
    const viaTls = forwardedHttps && c.req.header('x-forwarded-proto')?.split(',')[0]?.trim().toLowerCase() === 'https';
    setFixedHeaders(c, viaTls ? withHsts : headers);
  };
}
