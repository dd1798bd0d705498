import type { Config } from '../config.js';
import type { AppContext } from './context.js';

/** The first value of a header that proxies in a chain append to (`https, http`): the outermost hop's. */
function firstValue(c: AppContext, name: string): string | undefined {
  const value = c.req.header(name)?.split(',')[0]?.trim();
  return value ? value : undefined;
}

// A host with an optional port, as the Host header carries it: nothing that could smuggle a path
// or user info into the origin built from it.
const HOST = /^(?:[a-z0-9.-]+|\[[0-9a-f:.]+\])(?::\d{1,5})?$/i;

/**
 * The origin the browser addressed. Node only sees the hop from the proxy (plain http, the
 * proxy's idea of the host), so behind a trusted proxy the scheme comes from X-Forwarded-Proto
 * and the host from X-Forwarded-Host or Host. Without PLEK_TRUST_PROXY those headers are anyone's
 * to send and are ignored. Null when the forwarded values make no origin.
 */
export function requestOrigin(c: AppContext, trustProxy: boolean): string | null {
  const url = new URL(c.req.url);
  if (!trustProxy) return url.origin;
  const scheme = firstValue(c, 'x-forwarded-proto')?.toLowerCase() ?? url.protocol.slice(0, -1);
  const host = firstValue(c, 'x-forwarded-host') ?? url.host;
  if ((scheme !== 'http' && scheme !== 'https') || !HOST.test(host)) return null;
  return new URL(`${scheme}://${host}`).origin; // drops a default port, as browsers do in Origin
}

/** The origin of PLEK_PUBLIC_URL, or null when it is not set. */
export function publicOrigin(config: Config): string | null {
  return config.publicUrl ? new URL(config.publicUrl).origin : null;
}

/**
 * Whether the browser talks to us over HTTPS, so cookies must be Secure: the public URL says so,
 * or this request came over TLS (directly, or to a trusted proxy that says so).
 */
export function overHttps(c: AppContext, config: Config): boolean {
  return publicOrigin(config)?.startsWith('https:') === true || requestOrigin(c, config.trustProxy)?.startsWith('https:') === true;
}

/**
 * The base of absolute links handed out (QR labels, calendar feeds): the public URL, else the
 * origin the browser addressed, so a link made behind a proxy does not point at Node's own
 * http://127.0.0.1:8080.
 */
export function linkBase(c: AppContext, config: Config): string {
  return publicOrigin(config) ?? requestOrigin(c, config.trustProxy) ?? new URL(c.req.url).origin;
}
