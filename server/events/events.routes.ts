import { streamSSE } from 'hono/streaming';
import type { Context } from 'hono';
import { eventsQuery } from '../../shared/schemas.js';
import type { Services } from '../app.deps.js';
import type { AppEnv } from '../http/context.js';
import { DomainError } from '../../shared/errors.js';
import { clientAddress, requireViewer, requireViewerOf } from '../http/middleware.js';
import { docsOf, mount, Resource } from '../http/resource.js';
import { query } from '../http/validate.js';

/** Comments keep proxies and phones from closing a quiet stream. */
const HEARTBEAT_MS = 20_000;

/** /api/v1/events: the live availability of a location, for staff and its kiosks. */
const events = new Resource<Services>('/events');

events.get(
  '/',
  {
    summary: 'Server-Sent Events: `ready` once, then `availability` {locationId,spaceId,reservationId,state} on every change',
    access: 'signed-in',
    kiosk: true,
    query: eventsQuery,
    produces: 'text/event-stream',
    responses: { 200: 'text/event-stream', 404: 'not_found', 429: 'too_many_streams (10 per session, 4 per kiosk, 500 per address)' },
  },
  (s) => (c) => {
    requireViewer(c);
    const { location } = query(c, eventsQuery);
    requireViewerOf(c, location);
    s.catalogue.location(location); // 404 before the stream opens
    return eventStream(s, c, (push) => s.events.subscribe(location, push), 'availability', { locationId: location });
  },
);

export const eventsDocs = docsOf(events);

export const eventsRoutes = (s: Services) => mount(s, events);

/**
 * A Server-Sent Events stream: `ready` once, then each event pushed by the subscription as
 * `name`, in order, with heartbeat comments in between. Unsubscribes when the client leaves.
 * Refused with 429 when the session, kiosk or address has its limit of streams open.
 */
export function eventStream<E>(s: Services, c: Context<AppEnv>, subscribe: (push: (e: E) => void) => () => void, name: string, ready: object): Response {
  const release = s.streams.enter({ session: c.get('sessionHash') ?? null, kiosk: c.get('actor') ? null : (c.get('kiosk')?.id ?? null), address: clientAddress(c, s.config.trustProxy) });
  if (!release) throw new DomainError('too_many_streams', 'too many live streams open; close another tab or window');
  return streamSSE(c, async (stream) => {
    const queue: E[] = [];
    let wake: (() => void) | null = null;
    const unsubscribe = subscribe((e) => {
      queue.push(e);
      wake?.();
    });
    stream.onAbort(() => {
      unsubscribe();
      release();
      wake?.();
    });
    try {
      await stream.writeSSE({ event: 'ready', data: JSON.stringify(ready) });
      // Events are written in order from one loop, so a slow client never sees them shuffled.
      while (!stream.aborted) {
        const e = queue.shift();
        if (e) {
          await stream.writeSSE({ event: name, data: JSON.stringify(e) });
          continue;
        }
        await new Promise<void>((resolve) => {
          const timer = setTimeout(resolve, HEARTBEAT_MS);
          wake = () => {
            clearTimeout(timer);
            wake = null;
            resolve();
          };
        });
        if (queue.length === 0 && !stream.aborted) await stream.write(': heartbeat\n\n');
      }
    } finally {
      // However the stream ends (the client left, a write failed), its place is given back.
      unsubscribe();
      release();
    }
  });
}
