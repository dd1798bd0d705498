import { Hono } from 'hono';
import { streamSSE } from 'hono/streaming';
import type { AvailabilityEvent } from '../../shared/api.js';
import { eventsQuery } from '../../shared/schemas.js';
import type { Services } from '../app.deps.js';
import type { AppEnv } from '../http/context.js';
import { requireSignIn } from '../http/middleware.js';
import type { RouteDoc } from '../http/openapi.js';
import { query } from '../http/validate.js';

export const eventsDocs: RouteDoc[] = [
  {
    method: 'get',
    path: '/api/v1/events',
    summary: 'Server-Sent Events: `ready` once, then `availability` {locationId,spaceId,reservationId,state} on every change',
    access: 'signed-in',
    query: eventsQuery,
    responses: { 200: 'text/event-stream', 404: 'not_found' },
  },
];

/** Comments keep proxies and phones from closing a quiet stream. */
const HEARTBEAT_MS = 20_000;

export function eventsRoutes(s: Services) {
  const app = new Hono<AppEnv>();
  app.get('/events', requireSignIn, (c) => {
    const { location } = query(c, eventsQuery);
    s.catalogue.location(location); // 404 before the stream opens
    return streamSSE(c, async (stream) => {
      const queue: AvailabilityEvent[] = [];
      let wake: (() => void) | null = null;
      const unsubscribe = s.events.subscribe(location, (e) => {
        queue.push(e);
        wake?.();
      });
      stream.onAbort(() => {
        unsubscribe();
        wake?.();
      });
      await stream.writeSSE({ event: 'ready', data: JSON.stringify({ locationId: location }) });
      // Events are written in order from one loop, so a slow client never sees them shuffled.
      while (!stream.aborted) {
        const e = queue.shift();
        if (e) {
          await stream.writeSSE({ event: 'availability', data: JSON.stringify(e) });
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
      unsubscribe();
    });
  });
  return app;
}
