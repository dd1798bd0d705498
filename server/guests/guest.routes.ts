import { Hono } from 'hono';
import { createGuestBody, idParam, receptionQuery, walkInGuestBody } from '../../shared/schemas.js';
import { toIsoInZone } from '../../shared/time.js';
import type { Services } from '../app.deps.js';
import { eventStream } from '../events/events.routes.js';
import type { AppContext, AppEnv } from '../http/context.js';
import { actorOf, clientAddress, requireRole, requireSignIn } from '../http/middleware.js';
import type { RouteDoc } from '../http/openapi.js';
import { write } from '../http/write.js';
import { jsonBody, params, query } from '../http/validate.js';
import type { Guest } from '../domain.js';
import type { Notification } from './guest.service.js';

export const guestDocs: RouteDoc[] = [
  { method: 'post', path: '/api/v1/guests', summary: 'Pre-register a guest I host; answers the invite code to pass on', access: 'signed-in', body: createGuestBody, responses: { 201: 'the guest with inviteCode', 404: 'not_found' } },
  { method: 'get', path: '/api/v1/guests', summary: 'My guests from yesterday on', access: 'signed-in', responses: { 200: 'guests' } },
  { method: 'get', path: '/api/v1/guests/:id', summary: 'One guest (host, reception, admin only; audited)', access: 'signed-in', responses: { 200: 'the guest', 404: 'not_found (also for others)' } },
  { method: 'get', path: '/api/v1/reception/guests', summary: "A location's guests of a day: expected, present, left (audited)", access: ['receptionist'], query: receptionQuery, responses: { 200: '{expected,present,left}' } },
  { method: 'post', path: '/api/v1/reception/guests', summary: 'Register a walk-in guest with a host; present at once, host notified', access: ['receptionist'], body: walkInGuestBody, responses: { 201: 'the guest' } },
  { method: 'post', path: '/api/v1/reception/guests/:id/check-in', summary: 'The guest has arrived; the host is notified', access: ['receptionist'], responses: { 200: 'the guest', 409: 'wrong_state' } },
  { method: 'post', path: '/api/v1/reception/guests/:id/check-out', summary: 'The guest has left', access: ['receptionist'], responses: { 200: 'the guest', 409: 'wrong_state' } },
  { method: 'post', path: '/api/v1/reception/guests/:id/badge', summary: 'Badge data for printing (name, organisation, host, date, check-out code)', access: ['receptionist'], responses: { 200: 'badge' } },
  { method: 'get', path: '/api/v1/reception/emergency', summary: 'Everyone in the building now: checked-in staff by floor and zone, guests with host, BHV present', access: ['receptionist'], query: receptionQuery.pick({ location: true }), responses: { 200: 'emergency list' } },
  { method: 'get', path: '/api/v1/reception/hosts', summary: 'Staff who can host a walk-in guest: id and name', access: ['receptionist'], responses: { 200: 'hosts' } },
  { method: 'get', path: '/api/v1/notifications', summary: 'My notifications (guest arrivals), newest first', access: 'signed-in', responses: { 200: 'notifications' } },
  { method: 'post', path: '/api/v1/notifications/read', summary: 'Mark my notifications read', access: 'signed-in', responses: { 204: 'done' } },
  { method: 'get', path: '/api/v1/notifications/stream', summary: 'Server-Sent Events: `notification` for each new one', access: 'signed-in', responses: { 200: 'text/event-stream' } },
];

export function guestRoutes(s: Services) {
  const app = new Hono<AppEnv>();
  const origin = (c: AppContext) => clientAddress(c, s.config.trustProxy);
  const tz = (g: Guest) => s.catalogue.location(g.locationId).timezone;
  const guestDto = (g: Guest) => ({
    id: g.id,
    locationId: g.locationId,
    hostId: g.hostId,
    hostName: g.hostName,
    name: g.name,
    organisation: g.organisation,
    note: g.note,
    spaceCode: g.spaceCode,
    expectedAt: toIsoInZone(g.expectedAt, tz(g)),
    state: g.state,
    arrivedAt: g.arrivedAt === null ? null : toIsoInZone(g.arrivedAt, tz(g)),
    leftAt: g.leftAt === null ? null : toIsoInZone(g.leftAt, tz(g)),
  });
  const notificationDto = (n: Notification) => ({ id: n.id, kind: n.kind, read: n.read, createdAt: new Date(n.createdAt).toISOString(), ...n.payload, at: new Date(n.payload.at).toISOString() });

  for (const path of ['/guests', '/guests/*', '/notifications', '/notifications/*']) app.use(path, requireSignIn);
  for (const path of ['/reception/*']) app.use(path, requireRole('receptionist'));

  app.post('/guests', async (c) => {
    const body = await jsonBody(c, createGuestBody);
    const actor = actorOf(c);
    // The app's outbox resends with the same Idempotency-Key: the guest is registered once.
    return write(s, c, `u:${actor.id}`, body, () => {
      const g = s.guests.create(actor, { ...body, expectedAt: Date.parse(body.expectedAt) }, origin(c));
      return { status: 201, body: { ...guestDto(g), inviteCode: g.inviteCode } };
    });
  });
  app.get('/guests', (c) => c.json(s.guests.mine(actorOf(c)).map((g) => ({ ...guestDto(g), inviteCode: g.inviteCode }))));
  app.get('/guests/:id', (c) => c.json(guestDto(s.guests.get(actorOf(c), params(c, idParam).id, origin(c)))));

  app.get('/reception/guests', (c) => {
    const q = query(c, receptionQuery);
    const day = s.guests.day(actorOf(c), q.location, q.date, q.q, origin(c));
    return c.json({ expected: day.expected.map(guestDto), present: day.present.map(guestDto), left: day.left.map(guestDto) });
  });
  app.post('/reception/guests', async (c) => {
    const body = await jsonBody(c, walkInGuestBody);
    const actor = actorOf(c);
    return write(s, c, `u:${actor.id}`, body, () => ({ status: 201, body: guestDto(s.guests.walkIn(actor, body, origin(c))) }));
  });
  app.post('/reception/guests/:id/check-in', (c) => {
    const actor = actorOf(c);
    const { id } = params(c, idParam);
    return write(s, c, `u:${actor.id}`, { id }, () => ({ status: 200, body: guestDto(s.guests.checkIn(actor, id, origin(c))) }));
  });
  app.post('/reception/guests/:id/check-out', (c) => {
    const actor = actorOf(c);
    const { id } = params(c, idParam);
    return write(s, c, `u:${actor.id}`, { id }, () => ({ status: 200, body: guestDto(s.guests.checkOut(actor, id, origin(c))) }));
  });
  app.post('/reception/guests/:id/badge', (c) => {
    const actor = actorOf(c);
    const { id } = params(c, idParam);
    return write(s, c, `u:${actor.id}`, { id }, () => {
      const g = s.guests.badge(actor, id, origin(c));
      return { status: 200, body: { ...guestDto(g), checkOutCode: g.inviteCode, date: guestDto(g).expectedAt.slice(0, 10) } };
    });
  });
  app.get('/reception/emergency', (c) => {
    const { location } = query(c, receptionQuery.pick({ location: true }));
    const e = s.guests.emergency(actorOf(c), location, origin(c));
    return c.json({ location: { id: e.location.id, name: e.location.name }, at: toIsoInZone(s.clock.now(), e.location.timezone), staff: e.staff, guests: e.guests, bhvPresent: e.bhvPresent });
  });

  app.get('/reception/hosts', (c) => c.json(s.guests.hosts()));

  app.get('/notifications', (c) => c.json(s.guests.notifications(actorOf(c)).map(notificationDto)));
  app.post('/notifications/read', (c) => {
    const actor = actorOf(c);
    return write(s, c, `u:${actor.id}`, null, () => {
      s.guests.markNotificationsRead(actor);
      return { status: 204, body: null };
    });
  });
  app.get('/notifications/stream', (c) => {
    const actor = actorOf(c);
    return eventStream(s, c, (push: (n: ReturnType<typeof notificationDto>) => void) => s.notifications.subscribe(actor.id, (n) => push(notificationDto(n))), 'notification', { userId: actor.id });
  });
  return app;
}
