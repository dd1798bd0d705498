import { getVtimezoneComponent } from '@touch4it/ical-timezones';
import ical from 'ical-generator';
import { DomainError } from '../../shared/errors.js';
import { toIsoInZone } from '../../shared/time.js';
import type { AuditStore } from '../audit/audit.store.js';
import type { UserStore } from '../auth/user.store.js';
import type { Clock } from '../clock.js';
import type { Actor, ReservationView } from '../domain.js';
import type { ReservationService } from '../reservations/reservation.service.js';
import { randomSecret, sha256 } from '../security.js';

interface Deps {
  users: UserStore;
  reservations: ReservationService;
  audit: AuditStore;
  clock: Clock;
}

const DAY = 86_400_000;
const kindNames = { desk: 'Werkplek', focus: 'Focusruimte', call: 'Belcel', meeting: 'Vergaderruimte', multi: 'Ruimte' } as const;

/**
 * Reservations as iCalendar: a private subscription URL per person (a secret that can be
 * reset) and one .ics per reservation. Times carry TZID with a VTIMEZONE from the IANA data,
 * so Outlook and Google Calendar place them right across DST.
 */
export function createCalendarService(d: Deps) {
  function calendar(name: string, views: ReservationView[]): string {
    const cal = ical({ name, prodId: { company: 'Plek', product: 'reserveringen', language: 'NL' } });
    for (const v of views) {
      const tz = v.location.timezone;
      cal.timezone({ name: tz, generator: getVtimezoneComponent });
      cal.createEvent({
        id: `reservation-${v.reservation.id}@plek`,
        // Wall-clock strings in the location's zone: with TZID, that is what calendars expect.
        start: toIsoInZone(v.reservation.start, tz).slice(0, 19),
        end: toIsoInZone(v.reservation.end, tz).slice(0, 19),
        timezone: tz,
        summary: `${kindNames[v.space.kind]} ${v.space.code}`,
        location: `${v.space.name}, ${v.location.name}`,
        description: `Plek-reservering ${v.space.code}. Check in met de QR-code op de plek.`,
        stamp: new Date(v.reservation.createdAt),
      });
    }
    return cal.toString();
  }

  const active = (v: ReservationView) => v.reservation.state === 'booked' || v.reservation.state === 'checked_in' || v.reservation.state === 'completed';

  return {
    /** A new secret subscription URL path; the previous one stops working. */
    reset(actor: Actor): string {
      const token = randomSecret(24);
      d.users.setCalendarToken(actor.id, sha256(token));
      d.audit.record({ actor: `u:${actor.id}`, action: 'me.calendar.reset', object: `user:${actor.id}`, result: 'ok' }, d.clock.now());
      return token;
    },

    hasSubscription: (actor: Actor): boolean => d.users.hasCalendar(actor.id),

    /** The subscription feed: a month back and two months ahead (reservations go 14 days ahead by default). */
    feed(token: string): string {
      const userId = d.users.userByCalendarToken(sha256(token));
      const user = userId === undefined ? undefined : d.users.byId(userId);
      if (!user) throw new DomainError('not_found', 'no such calendar');
      const now = d.clock.now();
      const actor: Actor = { id: user.id, email: user.email, name: user.name, roles: user.roles, teams: user.teams, showPresence: user.showPresence };
      return calendar(`Plek – ${user.name}`, d.reservations.listMine(actor, now - 30 * DAY, now + 60 * DAY).filter(active));
    },

    one(actor: Actor, id: number): { filename: string; body: string } {
      const v = d.reservations.get(actor, id);
      return { filename: `plek-${v.space.code}-${toIsoInZone(v.reservation.start, v.location.timezone).slice(0, 10)}.ics`, body: calendar('Plek', [v]) };
    },
  };
}

export type CalendarService = ReturnType<typeof createCalendarService>;
