import { list, reservationSchema } from '../../shared/answers.js';
import { DomainError } from '../../shared/errors.js';
import { changeReservationBody, checkInBody, createReservationBody, idParam, reservationsQuery, walkUpBody } from '../../shared/schemas.js';
import { HOUR } from '../../shared/rules.js';
import type { Services } from '../app.deps.js';
import type { AppContext } from '../http/context.js';
import { reservationDto } from '../http/dto.js';
import { write } from '../http/write.js';
import { actorOf, clientAddress, requireSignIn } from '../http/middleware.js';
import { docsOf, mount, Resource } from '../http/resource.js';
import { jsonBody, params, query } from '../http/validate.js';

const origin = (s: Services, c: AppContext) => clientAddress(c, s.config.trustProxy);

/** /api/v1/reservations: the caller's own bookings. */
const reservations = new Resource<Services>('/reservations').use(requireSignIn);

reservations.get(
  '/',
  { summary: "The caller's reservations overlapping [from, to) (default: yesterday to 60 days ahead)", access: 'signed-in', query: reservationsQuery, answer: list(reservationSchema), responses: { 200: 'the reservations', 422: 'invalid_interval' } },
  (s) => (c) => {
    const q = query(c, reservationsQuery);
    const now = s.clock.now();
    const from = q.from ? Date.parse(q.from) : now - 24 * HOUR;
    const to = q.to ? Date.parse(q.to) : now + 60 * 24 * HOUR;
    return c.json(s.reservations.listMine(actorOf(c), from, to).map(reservationDto));
  },
);

reservations.get(
  '/:id',
  { summary: 'One of my reservations', access: 'signed-in', answer: reservationSchema, responses: { 200: 'the reservation', 404: 'not_found (also for someone else\'s)' } },
  (s) => (c) => c.json(reservationDto(s.reservations.get(actorOf(c), params(c, idParam).id))),
);

reservations.post(
  '/',
  { summary: 'Reserve a space for {start,end} or for a day-part {date,part}', access: 'signed-in', body: createReservationBody, answer: reservationSchema, responses: { 201: 'the reservation', 404: 'not_found', 409: 'conflict, limit_reached, space_unavailable, location_closed, closed_day, holiday_closed', 422: 'start_in_past, too_far_ahead, invalid_interval, off_grid, outside_opening_hours, idempotency_key_reused' } },
  (s) => async (c) => {
    const actor = actorOf(c);
    const body = await jsonBody(c, createReservationBody);
    return write(s, c, `u:${actor.id}`, body, () => ({
      status: 201,
      body: reservationDto(s.reservations.create(actor, body, origin(s, c))),
    }));
  },
);

reservations.patch(
  '/:id',
  {
    summary: 'Change my reservation: {date,part} or {start,end} (optionally spaceId), only {end} (shorten or extend), only {spaceId}, or {untilNext} (up to the next booking or the end of the day). All or nothing: a refused change leaves it as it was',
    access: 'signed-in',
    body: changeReservationBody,
    answer: reservationSchema,
    responses: { 200: 'the changed reservation', 404: 'not_found', 409: 'conflict (details.alternative), limit_reached, wrong_state, space_unavailable, holiday_closed, closed_day', 422: 'start_in_past, too_far_ahead, invalid_interval, outside_opening_hours, off_grid, idempotency_key_reused' },
  },
  (s) => async (c) => {
    const actor = actorOf(c);
    const { id } = params(c, idParam);
    const body = await jsonBody(c, changeReservationBody);
    return write(s, c, `u:${actor.id}`, body, () => ({ status: 200, body: reservationDto(s.reservations.change(actor, id, body, origin(s, c))) }));
  },
);

reservations.post(
  '/:id/check-in',
  { summary: 'Check in with the key from the space\'s QR label; scannedAt for a check-in made offline', access: 'signed-in', body: checkInBody, answer: reservationSchema, responses: { 200: 'checked in (also a restored auto-released booking)', 403: 'wrong_key', 404: 'not_found', 409: 'check_in_not_open, check_in_closed, wrong_state, spot_taken (details.alternative), scan_too_old', 422: 'scan_in_future' } },
  (s) => async (c) => {
    const actor = actorOf(c);
    const { id } = params(c, idParam);
    const body = await jsonBody(c, checkInBody);
    return write(s, c, `u:${actor.id}`, body, () => ({
      status: 200,
      body: reservationDto(s.reservations.checkIn(actor, id, body.key, origin(s, c), body.scannedAt === undefined ? undefined : Date.parse(body.scannedAt))),
    }));
  },
);

reservations.post(
  '/:id/release',
  { summary: 'Cancel before start, or check out: the space is free at once', access: 'signed-in', answer: reservationSchema, responses: { 200: 'released', 404: 'not_found', 409: 'wrong_state' } },
  (s) => async (c) => {
    const actor = actorOf(c);
    const { id } = params(c, idParam);
    const body = await c.req.text();
    if (body.trim() !== '' && body.trim() !== '{}') throw new DomainError('invalid_input', 'release takes no body');
    return write(s, c, `u:${actor.id}`, null, () => ({
      status: 200,
      body: reservationDto(s.reservations.release(actor, id, origin(s, c))),
    }));
  },
);

/** /api/v1/walk-up: reserve and check in at once from a space's label. */
const walkUp = new Resource<Services>('/walk-up').use(requireSignIn);

walkUp.post(
  '/',
  { summary: 'Reserve a free space from now and check in at once (from its QR label)', access: 'signed-in', body: walkUpBody, answer: reservationSchema, responses: { 201: 'reserved and checked in', 200: 'my own booking here checked in', 403: 'wrong_key', 404: 'not_found', 409: 'conflict, limit_reached, location_closed, closed_day, holiday_closed', 422: 'outside_opening_hours' } },
  (s) => async (c) => {
    const actor = actorOf(c);
    const body = await jsonBody(c, walkUpBody);
    return write(s, c, `u:${actor.id}`, body, () => {
      const { view, created } = s.reservations.walkUp(actor, body.code, body.key, origin(s, c));
      return { status: created ? 201 : 200, body: reservationDto(view) };
    });
  },
);

export const reservationDocs = docsOf(reservations, walkUp);

export const reservationRoutes = (s: Services) => mount(s, reservations, walkUp);
