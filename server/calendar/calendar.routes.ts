import { calendarStatusSchema, calendarUrlSchema } from '../../shared/answers.js';
import { Hono } from 'hono';
import { callerOf, write } from '../http/write.js';
import { z } from 'zod';
import { idParam } from '../../shared/schemas.js';
import type { Services } from '../app.deps.js';
import type { AppEnv } from '../http/context.js';
import { actorOf, requireSignIn } from '../http/middleware.js';
import type { RouteDoc } from '../http/openapi.js';
import { linkBase } from '../http/origin.js';
import { params } from '../http/validate.js';

const tokenParam = z.strictObject({ token: z.string().regex(/^[A-Za-z0-9_-]{20,64}\.ics$/) });

export const calendarDocs: RouteDoc[] = [
  { method: 'get', path: '/api/v1/me/calendar', summary: 'Whether I have a calendar subscription', access: 'signed-in', answer: calendarStatusSchema, responses: { 200: '{active}' } },
  { method: 'post', path: '/api/v1/me/calendar', summary: 'Create or reset my private iCalendar subscription URL (the old one stops working)', access: 'signed-in', answer: calendarUrlSchema, responses: { 200: '{url}' } },
  { method: 'get', path: '/api/v1/calendar/:token', summary: 'My reservations as iCalendar (the secret URL is the credential)', access: 'public', params: tokenParam, produces: 'text/calendar', responses: { 200: 'text/calendar with ETag and Last-Modified', 304: 'unchanged since If-None-Match / If-Modified-Since', 404: 'not_found' } },
  { method: 'get', path: '/api/v1/reservations/:id/ics', summary: 'One of my reservations as an .ics file', access: 'signed-in', produces: 'text/calendar', responses: { 200: 'text/calendar', 404: 'not_found' } },
];

export function calendarRoutes(s: Services) {
  const app = new Hono<AppEnv>();
  app.get('/me/calendar', requireSignIn, (c) => c.json({ active: s.calendar.hasSubscription(actorOf(c)) }));
  app.post('/me/calendar', requireSignIn, (c) => {
    const base = linkBase(c, s.config);
    // A replay answers the URL the first reset made, not a third one.
    return write(s, c, callerOf(c), null, () => ({ status: 200, body: { url: `${base}/api/v1/calendar/${s.calendar.reset(actorOf(c))}.ics` } }));
  });
  app.get('/calendar/:token', (c) => {
    const { token } = params(c, tokenParam);
    const feed = s.calendar.feed(token.slice(0, -4));
    c.header('ETag', feed.etag);
    c.header('Last-Modified', new Date(feed.lastModified).toUTCString());
    // Kept by the calendar client but asked again each time: a 304 costs it almost nothing.
    c.header('Cache-Control', 'private, no-cache');
    if (notModified(c.req.header('if-none-match'), c.req.header('if-modified-since'), feed)) return c.body(null, 304);
    c.header('Content-Type', 'text/calendar; charset=utf-8');
    return c.body(feed.body);
  });
  app.get('/reservations/:id/ics', requireSignIn, (c) => {
    const { filename, body } = s.calendar.one(actorOf(c), params(c, idParam).id);
    c.header('Content-Type', 'text/calendar; charset=utf-8');
    c.header('Content-Disposition', `attachment; filename="${filename}"`);
    return c.body(body);
  });
  return app;
}

/**
 * RFC 9110 13.2.2: If-None-Match decides when sent (weak comparison, so a proxy's W/ copy
 * still matches); only without it does If-Modified-Since count, by whole seconds.
 */
function notModified(ifNoneMatch: string | undefined, ifModifiedSince: string | undefined, feed: { etag: string; lastModified: number }): boolean {
  if (ifNoneMatch !== undefined) {
    const tags = ifNoneMatch.split(',').map((t) => t.trim().replace(/^W\//, ''));
    return tags.includes('*') || tags.includes(feed.etag);
  }
  if (ifModifiedSince === undefined) return false;
  const since = Date.parse(ifModifiedSince);
  return !Number.isNaN(since) && feed.lastModified <= since;
}
