import type { MiddlewareHandler } from 'hono';

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
 * The security headers of every answer, computed once. They are set before the handler runs:
 * headers added to a finished response make Hono copy the whole response, which on the
 * reservation path cost more than the reservation itself.
 */
export function securityHeaders(opts: { https: boolean; trustProxy?: boolean }): MiddlewareHandler {
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
  return async (c, next) => {
    for (const [name, value] of headers) c.header(name, value);
    if (forwardedHttps && c.req.header('x-forwarded-proto')?.split(',')[0]?.trim().toLowerCase() === 'https') c.header(...hsts);
    await next();
  };
}
