import { boardSchema, guestArrivalAnswer, guestLookupAnswer, kioskAdminSchema, kioskCheckInAnswer, kioskSchema, kioskPairingSchema, list, meetingSchema, reservationSchema, roomStatusSchema } from '../../shared/answers.js';
import { setCookie } from 'hono/cookie';
import { DomainError } from '../../shared/errors.js';
import { idParam, createKioskBody, guestArrivalBody, guestLookupBody, kioskCheckInBody, kioskWalkUpBody, pairBody, roomBookBody } from '../../shared/schemas.js';
import { localDate, toIsoInZone } from '../../shared/time.js';
import type { Services } from '../app.deps.js';
import type { AppContext } from '../http/context.js';
import { closedDto, locationDto, reservationDto, zoneDto, planDto } from '../http/dto.js';
import { callerOf, write } from '../http/write.js';
import { actorOf, clientAddress, KIOSK_COOKIE, kioskOf, requireRole } from '../http/middleware.js';
import { docsOf, mount, Resource } from '../http/resource.js';
import { overHttps } from '../http/origin.js';
import { jsonBody, params } from '../http/validate.js';
import { firstNameOf, initialsOf } from '../guests/guest-names.js';
import type { Guest, Kiosk, ReservationView } from '../domain.js';
import type { Board } from './board.service.js';
import { closedAt } from '../holidays.js';

const origin = (s: Services, c: AppContext) => clientAddress(c, s.config.trustProxy);

function kioskDto(s: Services, k: Kiosk) {
  const location = s.catalogue.location(k.locationId);
  const space = k.spaceId === null ? null : s.catalogue.spaces(k.locationId).find((sp) => sp.id === k.spaceId) ?? null;
  return { id: k.id, name: k.name, mode: k.spaceId === null ? 'entrance' : 'room', location: locationDto(location), space: space && { id: space.id, code: space.code, name: space.name, capacity: space.capacity, features: space.features } };
}

/** A meeting as a room display shows it: times only, never who booked. */
const meeting = (v: ReservationView | null) =>
  v && { start: toIsoInZone(v.reservation.start, v.location.timezone), end: toIsoInZone(v.reservation.end, v.location.timezone), state: v.reservation.state };

/** The board as the kiosk gets it: times in the location's zone, a space's key never. */
function boardDto(b: Board) {
  const tz = b.location.timezone;
  return {
    location: locationDto(b.location),
    now: toIsoInZone(b.now, tz),
    closed: closedDto(b.closed, tz),
    zones: b.zones.map(zoneDto),
    plans: b.plans.map(planDto),
    spaces: b.spaces.map(({ space, free, until }) => ({
      id: space.id,
      code: space.code,
      name: space.name,
      kind: space.kind,
      zoneId: space.zoneId,
      features: space.features,
      plan: space.plan,
      free,
      until: until === null ? null : toIsoInZone(until, tz),
    })),
  };
}

/** /api/v1/admin/kiosks: the admin's kiosks and room displays. */
const admin = new Resource<Services>('/admin/kiosks').use(requireRole('admin'));

admin.post(
  '/',
  { summary: 'Create an entrance kiosk (location) or room display (spaceId); answers a one-time pairing code valid 10 minutes', access: ['admin'], body: createKioskBody, answer: kioskPairingSchema, responses: { 201: '{kiosk,pairingCode}', 404: 'not_found' } },
  (s) => async (c) => {
    const body = await jsonBody(c, createKioskBody);
    return write(s, c, callerOf(c), body, () => {
      const { kiosk, pairingCode } = s.kiosks.create(actorOf(c), body, origin(s, c));
      return { status: 201, body: { kiosk, pairingCode } };
    });
  },
);

admin.get('/', { summary: 'Kiosks with last contact', access: ['admin'], answer: list(kioskAdminSchema), responses: { 200: 'kiosks' } }, (s) => (c) => c.json(s.kiosks.list()));

admin.post(
  '/:id/pairing-code',
  { summary: 'A new pairing code (re-pair a device)', access: ['admin'], answer: kioskPairingSchema, responses: { 200: '{kiosk,pairingCode}', 404: 'not_found' } },
  (s) => (c) => {
    const { id } = params(c, idParam);
    return write(s, c, callerOf(c), { id }, () => ({ status: 200, body: s.kiosks.newPairingCode(actorOf(c), id, origin(s, c)) }));
  },
);

admin.post(
  '/:id/revoke',
  { summary: 'Revoke a kiosk: its credential stops working at once', access: ['admin'], answer: kioskAdminSchema, responses: { 200: 'the kiosk', 404: 'not_found' } },
  (s) => (c) => {
    const { id } = params(c, idParam);
    return write(s, c, callerOf(c), { id }, () => ({ status: 200, body: s.kiosks.revoke(actorOf(c), id, origin(s, c)) }));
  },
);

/** /api/v1/kiosk: what the paired device itself does (kioskOf refuses any other caller). */
const kiosk = new Resource<Services>('/kiosk');

// Pairing stays outside write(): it has no caller to key by yet (the device is not paired), its
// answer is a cookie that a stored answer could not replay, and a resend is safe anyway because
// a pairing code works once (the second try is refused).
kiosk.post(
  '/pair',
  { summary: 'Pair this device with a pairing code; sets the kiosk credential cookie', access: 'public', body: pairBody, idempotent: false, answer: kioskSchema, responses: { 200: 'the kiosk', 401: 'invalid_credentials', 429: 'too_many_attempts' } },
  (s) => async (c) => {
    const { code } = await jsonBody(c, pairBody);
    const address = origin(s, c);
    const wait = s.pairingThrottle.wait(address);
    if (wait > 0) throw new DomainError('too_many_attempts', 'too many wrong codes; try again later', { retryAfterSeconds: Math.ceil(wait / 1000) });
    try {
      const { kiosk, token } = s.kiosks.pair(code, address);
      setCookie(c, KIOSK_COOKIE, token, {
        httpOnly: true,
        secure: overHttps(c, s.config), // behind a TLS-terminating proxy the request URL is http://
        sameSite: 'Strict',
        path: '/',
        maxAge: 400 * 24 * 3600,
      });
      return c.json(kioskDto(s, kiosk));
    } catch (err) {
      if (err instanceof DomainError && err.code === 'invalid_credentials') s.pairingThrottle.fail(address);
      throw err;
    }
  },
);

kiosk.get(
  '/me',
  { summary: 'This kiosk, its location and (room display) its room', access: ['kiosk'], answer: kioskSchema, responses: { 200: 'the kiosk', 401: 'unauthenticated (unpaired or revoked)' } },
  (s) => (c) => c.json(kioskDto(s, kioskOf(c))),
);

kiosk.get(
  '/board',
  { summary: 'The live board: every space of the location, free or taken now and until when', access: ['kiosk'], answer: boardSchema, responses: { 200: 'board' } },
  (s) => (c) => c.json(boardDto(s.kiosks.board(kioskOf(c)))),
);

kiosk.post(
  '/check-in',
  { summary: "Check in by a person's pass QR; answers their places and a visit token for a walk-up (null when no desk can be taken today any more)", access: ['kiosk'], body: kioskCheckInBody, answer: kioskCheckInAnswer, responses: { 200: '{person,checkedIn,visit}', 403: 'wrong_key (invalid pass)', 409: 'pass_used, scan_too_old', 422: 'scan_in_future', 429: 'too_many_attempts (retryAfterSeconds)' } },
  (s) => async (c) => {
    const k = kioskOf(c);
    const body = await jsonBody(c, kioskCheckInBody);
    return write(s, c, `k:${k.id}`, body, () => {
      const { visit, checkedIn } = s.kiosks.checkInByPass(k, body.pass, origin(s, c), body.scannedAt === undefined ? undefined : Date.parse(body.scannedAt));
      return { status: 200, body: { person: { name: visit.name }, visit: visit.token, checkedIn: checkedIn.map(reservationDto) } };
    });
  },
);

kiosk.post(
  '/walk-up',
  { summary: 'Reserve and check in a free space for the person whose pass was just read', access: ['kiosk'], body: kioskWalkUpBody, answer: reservationSchema, responses: { 201: 'the reservation', 401: 'unauthenticated (visit expired)', 409: 'conflict, limit_reached, location_closed, closed_day, holiday_closed', 422: 'outside_opening_hours' } },
  (s) => async (c) => {
    const k = kioskOf(c);
    const body = await jsonBody(c, kioskWalkUpBody);
    return write(s, c, `k:${k.id}`, body, () => ({ status: 201, body: reservationDto(s.kiosks.walkUp(k, body.visit, body.spaceId, origin(s, c))) }));
  },
);

// A POST, so the typed surname stays out of URLs and the proxy's access log.
kiosk.post(
  '/guests/lookup',
  { summary: "Find today's expected guest here by exact surname (ignoring case and diacritics); answers only an opaque ref, initials and the host's first name per match. Nothing is listed without a surname; lookups are limited per kiosk", access: ['kiosk'], body: guestLookupBody, answer: guestLookupAnswer, responses: { 200: '{guests:[{ref,initials,hostFirstName}]} (empty when none)', 429: 'too_many_attempts (retryAfterSeconds)' } },
  (s) => async (c) => {
    const k = kioskOf(c);
    const { surname } = await jsonBody(c, guestLookupBody);
    // A read, but an audited one: through write() so the audit entry commits with the group.
    return write(s, c, `k:${k.id}`, { surname }, () => ({ status: 200, body: { guests: s.guests.lookupAtKiosk(k, surname, origin(s, c)) } }));
  },
);

kiosk.post(
  '/guests/arrive',
  { summary: "A guest arrives by invite code (answers the badge data) or by a lookup's ref (answers initials and the host's first name only); the host is notified. A second scan changes nothing and answers alreadyArrived with the first arrivedAt", access: ['kiosk'], body: guestArrivalBody, answer: guestArrivalAnswer, responses: { 200: 'badge data (arrivedAt, alreadyArrived, locationName)', 404: 'not_found', 409: 'wrong_state (the guest has left)' } },
  (s) => async (c) => {
    const k = kioskOf(c);
    const body = await jsonBody(c, guestArrivalBody);
    return write(s, c, `k:${k.id}`, body, () => {
      const location = s.catalogue.location(k.locationId);
      const date = localDate(s.clock.now(), location.timezone);
      // For the badge (when and where) and, on a second scan, "al aangemeld sinds 09:12".
      const arrival = (g: Guest & { alreadyPresent: boolean }) => ({ arrivedAt: toIsoInZone(g.arrivedAt!, location.timezone), alreadyArrived: g.alreadyPresent, locationName: location.name });
      if ('ref' in body) {
        // Whoever typed a surname learns no more by confirming it: the badge shows initials.
        const g = s.guests.arriveAtKiosk(k, { ref: body.ref }, origin(s, c));
        return { status: 200, body: { name: initialsOf(g.name!), organisation: null, hostName: firstNameOf(g.hostName), date, checkOutCode: null, ...arrival(g) } };
      }
      const g = s.guests.arriveAtKiosk(k, { inviteCode: body.inviteCode }, origin(s, c));
      return { status: 200, body: { id: g.id, name: g.name, organisation: g.organisation, hostName: g.hostName, date, checkOutCode: g.inviteCode, ...arrival(g) } };
    });
  },
);

const roomOf = (c: AppContext) => {
  const k = kioskOf(c);
  if (k.spaceId === null) throw new DomainError('forbidden', 'not a room display');
  return { k, spaceId: k.spaceId };
};

kiosk.get(
  '/room',
  { summary: 'Room display: the room, the meeting now and the next one, and whether the location is closed all day', access: ['kiosk'], answer: roomStatusSchema, responses: { 200: 'room status', 403: 'not a room display' } },
  (s) => (c) => {
    const { k, spaceId } = roomOf(c);
    const { current, next } = s.reservations.roomStatus(spaceId);
    // Closed all day (a day of the week it does not open, a holiday), the room cannot be booked now;
    // after hours it can, as before a late meeting.
    const location = s.catalogue.location(k.locationId)!;
    const closed = closedAt(location, s.clock.now());
    return c.json({ current: meeting(current), next: meeting(next), closed: closedDto(closed?.reason === 'hours' ? null : closed, location.timezone) });
  },
);

kiosk.post(
  '/room/book',
  { summary: 'Room display: book the room now for 15, 30 or 60 minutes, or until an end (the next meeting); a length the room is not free for is refused, never cut short', access: ['kiosk'], body: roomBookBody, answer: meetingSchema, responses: { 201: 'the reservation', 409: 'conflict (taken now), not_free_that_long (details.freeUntil), closed_day, holiday_closed', 422: 'invalid_interval (under 5 minutes or over an hour)' } },
  (s) => async (c) => {
    const { k } = roomOf(c);
    const body = await jsonBody(c, roomBookBody);
    const ask = 'minutes' in body ? body : { until: Date.parse(body.until) };
    return write(s, c, `k:${k.id}`, body, () => ({ status: 201, body: meeting(s.kiosks.bookRoom(k, ask, origin(s, c))) }));
  },
);

kiosk.post(
  '/room/check-in',
  { summary: "Room display: check in the meeting that is on now (stops its auto-release)", access: ['kiosk'], answer: meetingSchema, responses: { 200: 'the reservation', 404: 'no meeting now' } },
  (s) => (c) => {
    const { k, spaceId } = roomOf(c);
    return write(s, c, `k:${k.id}`, null, () => ({ status: 200, body: meeting(s.reservations.checkInRoom(spaceId, `k:${k.id}`)) }));
  },
);

kiosk.post(
  '/room/end',
  { summary: 'Room display: end the meeting now; the room is free at once', access: ['kiosk'], answer: meetingSchema, responses: { 200: 'the reservation', 404: 'no meeting now' } },
  (s) => (c) => {
    const { k, spaceId } = roomOf(c);
    return write(s, c, `k:${k.id}`, null, () => ({ status: 200, body: meeting(s.reservations.endRoom(spaceId, `k:${k.id}`)) }));
  },
);

export const kioskDocs = docsOf(admin, kiosk);

export const kioskRoutes = (s: Services) => mount(s, admin, kiosk);
