import { Hono } from 'hono';
import { DomainError } from '../../shared/errors.js';
import { checkInBody, createReservationBody, idParam, reservationsQuery, walkUpBody } from '../../shared/schemas.js';
import { HOUR } from '../../shared/rules.js';
import type { Services } from '../app.deps.js';
import type { AppEnv } from '../http/context.js';
import { reservationDto } from '../http/dto.js';
import { write } from '../http/write.js';
import { actorOf, clientAddress, requireSignIn } from '../http/middleware.js';
import type { RouteDoc } from '../http/openapi.js';
import { jsonBody, params, query } from '../http/validate.js';

export const reservationDocs: RouteDoc[] = [
  { method: 'get', path: '/api/v1/reservations', summary: "The caller's reservations overlapping [from, to) (default: yesterday to 60 days ahead)", access: 'signed-in', query: reservationsQuery, responses: { 200: 'the reservations', 422: 'invalid_interval' } },
  { method: 'get', path: '/api/v1/reservations/:id', summary: 'One of my reservations', access: 'signed-in', responses: { 200: 'the reservation', 404: 'not_found (also for someone else\'s)' } },
  { method: 'post', path: '/api/v1/reservations', summary: 'Reserve a space for {start,end} or for a day-part {date,part}', access: 'signed-in', body: createReservationBody, responses: { 201: 'the reservation', 404: 'not_found', 409: 'conflict, limit_reached, space_unavailable', 422: 'start_in_past, too_far_ahead, invalid_interval, idempotency_key_reused' } },
  { method: 'post', path: '/api/v1/reservations/:id/check-in', summary: 'Check in with the key from the space\'s QR label; scannedAt for a check-in made offline', access: 'signed-in', body: checkInBody, responses: { 200: 'checked in (also a restored auto-released booking)', 403: 'wrong_key', 404: 'not_found', 409: 'check_in_not_open, check_in_closed, wrong_state, spot_taken (details.alternative), scan_too_old', 422: 'scan_in_future' } },
  { method: 'post', path: '/api/v1/reservations/:id/release', summary: 'Cancel before start, or check out: the space is free at once', access: 'signed-in', responses: { 200: 'released', 404: 'not_found', 409: 'wrong_state' } },
  { method: 'post', path: '/api/v1/walk-up', summary: 'Reserve a free space from now and check in at once (from its QR label)', access: 'signed-in', body: walkUpBody, responses: { 201: 'reserved and checked in', 200: 'my own booking here checked in', 403: 'wrong_key', 404: 'not_found', 409: 'conflict, limit_reached, location_closed' } },
];

export function reservationRoutes(s: Services) {
  const app = new Hono<AppEnv>();
  // Scoped to these paths: the sub-app is mounted at the API root beside public routes.
  for (const path of ['/reservations', '/reservations/*', '/walk-up']) app.use(path, requireSignIn);
  const origin = (c: Parameters<typeof clientAddress>[0]) => clientAddress(c, s.config.trustProxy);

  app.get('/reservations', (c) => {
    const q = query(c, reservationsQuery);
    const now = s.clock.now();
    const from = q.from ? Date.parse(q.from) : now - 24 * HOUR;
    const to = q.to ? Date.parse(q.to) : now + 60 * 24 * HOUR;
    return c.json(s.reservations.listMine(actorOf(c), from, to).map(reservationDto));
  });

  app.get('/reservations/:id', (c) => c.json(reservationDto(s.reservations.get(actorOf(c), params(c, idParam).id))));

  app.post('/reservations', async (c) => {
    const actor = actorOf(c);
    const body = await jsonBody(c, createReservationBody);
    return write(s, c, `u:${actor.id}`, body, () => ({
      status: 201,
      body: reservationDto(s.reservations.create(actor, body, origin(c))),
    }));
  });

  app.post('/reservations/:id/check-in', async (c) => {
    const actor = actorOf(c);
    const { id } = params(c, idParam);
    const body = await jsonBody(c, checkInBody);
    return write(s, c, `u:${actor.id}`, body, () => ({
      status: 200,
      body: reservationDto(s.reservations.checkIn(actor, id, body.key, origin(c), body.scannedAt === undefined ? undefined : Date.parse(body.scannedAt))),
    }));
  });

  app.post('/reservations/:id/release', async (c) => {
    const actor = actorOf(c);
    const { id } = params(c, idParam);
    const body = await c.req.text();
    if (body.trim() !== '' && body.trim() !== '{}') throw new DomainError('invalid_input', 'release takes no body');
    return write(s, c, `u:${actor.id}`, null, () => ({
      status: 200,
      body: reservationDto(s.reservations.release(actor, id, origin(c))),
    }));
  });

  app.post('/walk-up', async (c) => {
    const actor = actorOf(c);
    const body = await jsonBody(c, walkUpBody);
    return write(s, c, `u:${actor.id}`, body, () => {
      const { view, created } = s.reservations.walkUp(actor, body.code, body.key, origin(c));
      return { status: created ? 201 : 200, body: reservationDto(view) };
    });
  });
  return app;
}
