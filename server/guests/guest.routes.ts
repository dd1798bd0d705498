import { badgeSchema, cancelledAnswer, emergencySchema, guestSchema, hostSchema, invitedGuestSchema, list, notificationSchema, receptionDaySchema } from '../../shared/answers.js';
import { createGuestBody, hostQuery, idParam, receptionQuery, updateGuestBody, walkInGuestBody } from '../../shared/schemas.js';
import { toIsoInZone } from '../../shared/time.js';
import type { Services } from '../app.deps.js';
import { eventStream } from '../events/events.routes.js';
import type { AppContext } from '../http/context.js';
import { actorOf, clientAddress, requireRole, requireSignIn } from '../http/middleware.js';
import { docsOf, mount, Resource } from '../http/resource.js';
import { write } from '../http/write.js';
import { jsonBody, params, query } from '../http/validate.js';
import type { Guest } from '../domain.js';
import type { Notification } from './guest.service.js';

const origin = (s: Services, c: AppContext) => clientAddress(c, s.config.trustProxy);

function guestDto(s: Services, g: Guest) {
  const tz = s.catalogue.location(g.locationId).timezone;
  return {
    id: g.id,
    locationId: g.locationId,
    hostId: g.hostId,
    hostName: g.hostName,
    name: g.name,
    organisation: g.organisation,
    note: g.note,
    spaceCode: g.spaceCode,
    expectedAt: toIsoInZone(g.expectedAt, tz),
    state: g.state,
    arrivedAt: g.arrivedAt === null ? null : toIsoInZone(g.arrivedAt, tz),
    leftAt: g.leftAt === null ? null : toIsoInZone(g.leftAt, tz),
  };
}

const notificationDto = (n: Notification) => ({ id: n.id, kind: n.kind, read: n.read, createdAt: new Date(n.createdAt).toISOString(), ...n.payload, at: new Date(n.payload.at).toISOString() });

/** /api/v1/guests: the guests a person hosts. */
const guests = new Resource<Services>('/guests').use(requireSignIn);

guests.post(
  '/',
  { summary: 'Pre-register a guest I host; answers the invite code to pass on', access: 'signed-in', body: createGuestBody, answer: invitedGuestSchema, responses: { 201: 'the guest with inviteCode', 404: 'not_found', 422: 'start_in_past' } },
  (s) => async (c) => {
    const body = await jsonBody(c, createGuestBody);
    const actor = actorOf(c);
    // The app's outbox resends with the same Idempotency-Key: the guest is registered once.
    return write(s, c, `u:${actor.id}`, body, () => {
      const g = s.guests.create(actor, { ...body, expectedAt: Date.parse(body.expectedAt) }, origin(s, c));
      return { status: 201, body: { ...guestDto(s, g), inviteCode: g.inviteCode } };
    });
  },
);

guests.get(
  '/',
  { summary: 'My guests from yesterday on', access: 'signed-in', answer: list(invitedGuestSchema), responses: { 200: 'guests' } },
  (s) => (c) => c.json(s.guests.mine(actorOf(c)).map((g) => ({ ...guestDto(s, g), inviteCode: g.inviteCode }))),
);

guests.get(
  '/:id',
  { summary: 'One guest (host, reception, admin only; audited)', access: 'signed-in', answer: guestSchema, responses: { 200: 'the guest', 404: 'not_found (also for others)' } },
  (s) => (c) => c.json(guestDto(s, s.guests.get(actorOf(c), params(c, idParam).id, origin(s, c)))),
);

guests.patch(
  '/:id',
  { summary: 'Change a guest I host who has not arrived (name, organisation, time, room, note); the invite code stays', access: 'signed-in', body: updateGuestBody, answer: invitedGuestSchema, responses: { 200: 'the guest with inviteCode', 404: 'not_found (also for others)', 409: 'wrong_state (arrived)', 422: 'start_in_past' } },
  (s) => async (c) => {
    const { id } = params(c, idParam);
    const body = await jsonBody(c, updateGuestBody);
    const actor = actorOf(c);
    return write(s, c, `u:${actor.id}`, { id, body }, () => {
      const g = s.guests.update(actor, id, { ...body, expectedAt: body.expectedAt === undefined ? undefined : Date.parse(body.expectedAt) }, origin(s, c));
      return { status: 200, body: { ...guestDto(s, g), inviteCode: g.inviteCode } };
    });
  },
);

guests.delete(
  '/:id',
  { summary: 'Cancel a guest I host who has not arrived: their data and unsent invitation go, the invite code stops working', access: 'signed-in', answer: cancelledAnswer, responses: { 200: '{cancelled}', 404: 'not_found (also for others)', 409: 'wrong_state (arrived)' } },
  (s) => (c) => {
    const { id } = params(c, idParam);
    const actor = actorOf(c);
    return write(s, c, `u:${actor.id}`, { id }, () => {
      s.guests.cancel(actor, id, origin(s, c));
      return { status: 200, body: { cancelled: true } };
    });
  },
);

/** /api/v1/reception: the reception desk of a location. */
const reception = new Resource<Services>('/reception').use(requireRole('receptionist'));

reception.get(
  '/guests',
  { summary: "A location's guests of a day: expected, present, left (audited)", access: ['receptionist'], query: receptionQuery, answer: receptionDaySchema, responses: { 200: '{expected,present,left}' } },
  (s) => (c) => {
    const q = query(c, receptionQuery);
    const day = s.guests.day(actorOf(c), q.location, q.date, q.q, origin(s, c));
    const dto = (g: Guest) => guestDto(s, g);
    return c.json({ expected: day.expected.map(dto), present: day.present.map(dto), left: day.left.map(dto) });
  },
);

reception.post(
  '/guests',
  { summary: 'Register a walk-in guest with a host; present at once, host notified', access: ['receptionist'], body: walkInGuestBody, answer: guestSchema, responses: { 201: 'the guest' } },
  (s) => async (c) => {
    const body = await jsonBody(c, walkInGuestBody);
    const actor = actorOf(c);
    return write(s, c, `u:${actor.id}`, body, () => ({ status: 201, body: guestDto(s, s.guests.walkIn(actor, body, origin(s, c))) }));
  },
);

reception.post(
  '/guests/:id/check-in',
  { summary: 'The guest has arrived; the host is notified', access: ['receptionist'], answer: guestSchema, responses: { 200: 'the guest', 409: 'wrong_state' } },
  (s) => (c) => {
    const actor = actorOf(c);
    const { id } = params(c, idParam);
    return write(s, c, `u:${actor.id}`, { id }, () => ({ status: 200, body: guestDto(s, s.guests.checkIn(actor, id, origin(s, c))) }));
  },
);

reception.post(
  '/guests/:id/check-out',
  { summary: 'The guest has left', access: ['receptionist'], answer: guestSchema, responses: { 200: 'the guest', 409: 'wrong_state' } },
  (s) => (c) => {
    const actor = actorOf(c);
    const { id } = params(c, idParam);
    return write(s, c, `u:${actor.id}`, { id }, () => ({ status: 200, body: guestDto(s, s.guests.checkOut(actor, id, origin(s, c))) }));
  },
);

reception.post(
  '/guests/:id/badge',
  { summary: 'Badge data for printing (name, organisation, host, date, check-out code)', access: ['receptionist'], answer: badgeSchema, responses: { 200: 'badge' } },
  (s) => (c) => {
    const actor = actorOf(c);
    const { id } = params(c, idParam);
    return write(s, c, `u:${actor.id}`, { id }, () => {
      const g = s.guests.badge(actor, id, origin(s, c));
      const dto = guestDto(s, g);
      return { status: 200, body: { ...dto, checkOutCode: g.inviteCode, date: dto.expectedAt.slice(0, 10), locationName: s.catalogue.location(g.locationId).name } };
    });
  },
);

reception.get(
  '/emergency',
  { summary: 'Everyone in the building now: checked-in staff by floor and zone, guests with host, BHV present', access: ['receptionist'], query: receptionQuery.pick({ location: true }), answer: emergencySchema, responses: { 200: 'emergency list' } },
  (s) => (c) => {
    const { location } = query(c, receptionQuery.pick({ location: true }));
    const e = s.guests.emergency(actorOf(c), location, origin(s, c));
    return c.json({ location: { id: e.location.id, name: e.location.name }, at: toIsoInZone(s.clock.now(), e.location.timezone), staff: e.staff, guests: e.guests, bhvPresent: e.bhvPresent });
  },
);

reception.get(
  '/hosts',
  {
    summary: 'Staff who can host a walk-in guest: id and name; with q, those whose name contains it (at most limit, default 20), for search as you type',
    access: ['receptionist'],
    query: hostQuery,
    answer: list(hostSchema),
    responses: { 200: 'hosts' },
  },
  (s) => (c) => c.json(s.guests.hosts(query(c, hostQuery))),
);

/** /api/v1/notifications: what a person is told (a guest arrived), read or live. */
const notifications = new Resource<Services>('/notifications').use(requireSignIn);

notifications.get(
  '/',
  { summary: 'My notifications (guest arrivals), newest first', access: 'signed-in', answer: list(notificationSchema), responses: { 200: 'notifications' } },
  (s) => (c) => c.json(s.guests.notifications(actorOf(c)).map(notificationDto)),
);

notifications.post(
  '/read',
  { summary: 'Mark my notifications read', access: 'signed-in', responses: { 204: 'done' } },
  (s) => (c) => {
    const actor = actorOf(c);
    return write(s, c, `u:${actor.id}`, null, () => {
      s.guests.markNotificationsRead(actor);
      return { status: 204, body: null };
    });
  },
);

notifications.get(
  '/stream',
  { summary: 'Server-Sent Events: `notification` for each new one', access: 'signed-in', produces: 'text/event-stream', responses: { 200: 'text/event-stream' } },
  (s) => (c) => {
    const actor = actorOf(c);
    return eventStream(s, c, (push: (n: ReturnType<typeof notificationDto>) => void) => s.notifications.subscribe(actor.id, (n) => push(notificationDto(n))), 'notification', { userId: actor.id });
  },
);

export const guestDocs = docsOf(guests, reception, notifications);

export const guestRoutes = (s: Services) => mount(s, guests, reception, notifications);
