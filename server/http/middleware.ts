import type { MiddlewareHandler } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { getCookie } from 'hono/cookie';
import { DomainError } from '../../shared/errors.js';
import type { Role } from '../../shared/types.js';
import type { Config } from '../config.js';
import type { Actor, Kiosk, SessionLookup as AuthService } from '../domain.js';
import type { AppContext, AppEnv } from './context.js';
import { errorResponse } from './errors.js';
import { publicOrigin, requestOrigin } from './origin.js';
import { setFixedHeaders } from './security-headers.js';

export const SESSION_COOKIE = 'plek_session';
export const KIOSK_COOKIE = 'plek_kiosk';

/**
 * The client's address: the socket's peer, or, behind a trusted proxy, the address that proxy
 * saw: the last X-Forwarded-For entry. Earlier entries are whatever the client sent, so taking
 * the first would let anyone pick a fresh address for every guess past the sign-in throttle.
 */
export function clientAddress(c: AppContext, trustProxy: boolean): string {
  if (trustProxy) {
    const forwarded = c.req.header('x-forwarded-for')?.split(',').at(-1)?.trim();
    if (forwarded) return forwarded;
  }
  return c.env?.incoming?.socket?.remoteAddress ?? 'local';
}

/**
 * A check or preparation every API request passes before its route: synchronous, and throws a
 * DomainError to refuse. `gate` runs them as one middleware.
 */
export type Step = (c: AppContext) => void;

/**
 * The steps in order, then the body limit `limitOf` picks for the request, as one middleware.
 *
 * Each Hono middleware costs every request an async frame and a dispatch step of its own, and
 * the API's five (no-store, compression, body limit, same-origin, session) cost a small answer
 * more than its handler did. As steps in one middleware they run as plain calls; only a body
 * without a Content-Length still wraps the rest (see limitBody).
 */
export function gate(steps: readonly Step[], limitOf: (c: AppContext) => MiddlewareHandler<AppEnv>): MiddlewareHandler<AppEnv> {
  return (c, next) => {
    for (const step of steps) step(c);
    return limitOf(c)(c, next);
  };
}

/** Loads the signed-in person from the session cookie and the paired kiosk from its cookie. */
export function loadSession(auth: AuthService, kiosks: { authenticate(token: string): Kiosk | null }): Step {
  return (c) => {
    const cookies = getCookie(c); // parsed once for both
    const token = cookies[SESSION_COOKIE];
    const found = token && token.length <= 128 ? auth.authenticate(token) : null;
    c.set('actor', found?.actor ?? null);
    c.set('sessionHash', found?.sessionHash ?? null);
    const kioskToken = cookies[KIOSK_COOKIE];
    c.set('kiosk', kioskToken && kioskToken.length <= 128 ? kiosks.authenticate(kioskToken) : null);
  };
}

/** The paired kiosk making the request; 401 for an unknown or revoked one (it shows pairing). */
export function kioskOf(c: AppContext): Kiosk {
  const kiosk = c.get('kiosk');
  if (!kiosk) throw new DomainError('unauthenticated', 'this kiosk is not paired');
  return kiosk;
}

/**
 * For what both staff and kiosks may read (availability, live events): any signed-in person,
 * or a kiosk for its own location only.
 */
export function requireViewerOf(c: AppContext, locationId: number): void {
  requireViewer(c);
  const kiosk = c.get('kiosk');
  if (!c.get('actor') && kiosk!.locationId !== locationId) throw new DomainError('forbidden', 'this kiosk belongs to another location');
}

/** A signed-in person or a paired kiosk: checked before the request is even parsed. */
export function requireViewer(c: AppContext): void {
  if (!c.get('actor') && !c.get('kiosk')) throw new DomainError('unauthenticated', 'sign in first');
}

const unsafe = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

/**
 * State changes only from our own pages, and only as JSON: a cross-site form post cannot send
 * JSON without a CORS preflight, which we never grant. Clients without these headers (scripts,
 * the kiosk's fetch in older browsers) are judged by the session and body rules alone.
 *
 * "Our own pages" are PLEK_PUBLIC_URL's origin and the origin this request was addressed to.
 * Behind a TLS-terminating proxy Node sees http://, while the browser says https://: the
 * latter counts only through a trusted proxy's X-Forwarded-* headers (see requestOrigin).
 */
export function sameOriginWrites(config: Config): Step {
  const configured = publicOrigin(config);
  return (c) => {
    if (unsafe.has(c.req.method)) {
      if (c.req.header('sec-fetch-site') === 'cross-site') throw new DomainError('cross_origin', 'cross-site requests are refused');
      const origin = c.req.header('origin');
      if (origin && origin !== configured && origin !== requestOrigin(c, config.trustProxy)) {
        throw new DomainError('cross_origin', 'requests from another origin are refused');
      }
      // A body-less POST (release, logout) may omit the type; any other type is a form or text.
      const type = c.req.header('content-type');
      if (type !== undefined && !/^application\/json(\s*;|$)/i.test(type)) {
        throw new DomainError('unsupported_media_type', 'send the body as application/json');
      }
    }
  };
}

/** API answers are personal and live: never cached by the browser or a proxy. */
const noStoreHeader = [['Cache-Control', 'no-store']] as const;
export const noStore: Step = (c) => setFixedHeaders(c, noStoreHeader); // before the handler: see security-headers.ts

/**
 * Refuses bodies over `max` bytes. A declared Content-Length is checked at once (Node's parser
 * holds the client to it); only a chunked body needs Hono's stream-wrapping limit, which is
 * slower, so it is used just for those.
 */
export function limitBody(max: number): MiddlewareHandler {
  const streaming = bodyLimit({ maxSize: max, onError: (c) => errorResponse(c, 'payload_too_large', 'request body too large') });
  return (c, next) => {
    const length = c.req.header('content-length');
    if (length !== undefined) {
      if (!/^\d+$/.test(length)) throw new DomainError('invalid_input', 'bad Content-Length');
      if (Number(length) > max) throw new DomainError('payload_too_large', 'request body too large');
      return next();
    }
    // A GET or HEAD has no body in Fetch; asking for one anyway makes @hono/node-server build
    // a full Request, which cost more than the rest of a small GET answer.
    if (c.req.method === 'GET' || c.req.method === 'HEAD' || c.req.raw.body === null) return next();
    return streaming(c, next);
  };
}

export function actorOf(c: AppContext): Actor {
  const actor = c.get('actor');
  // A kiosk is known but is not a person: what needs a person is forbidden to it.
  if (!actor && c.get('kiosk')) throw new DomainError('forbidden', 'a kiosk cannot do this');
  if (!actor) throw new DomainError('unauthenticated', 'sign in first');
  return actor;
}

/** Only signed-in people with one of `roles` (admin may do everything). */
export function requireRole(...roles: Role[]): MiddlewareHandler<AppEnv> {
  // Not async: a plain call that returns next()'s promise spares every request an async frame.
  return (c, next) => {
    const actor = actorOf(c);
    if (!actor.roles.some((r) => r === 'admin' || roles.includes(r))) throw new DomainError('forbidden', 'your role does not allow this');
    return next();
  };
}

export const requireSignIn: MiddlewareHandler<AppEnv> = (c, next) => {
  actorOf(c);
  return next();
};

export function hasRole(actor: Actor, ...roles: Role[]): boolean {
  return actor.roles.some((r) => r === 'admin' || roles.includes(r));
}
