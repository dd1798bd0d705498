import { DomainError } from '../../shared/errors.js';
import { toIsoInZone } from '../../shared/time.js';
import type { AuditStore } from '../audit/audit.store.js';
import type { UserStore } from '../auth/user.store.js';
import type { CatalogueStore } from '../catalogue/catalogue.store.js';
import type { Clock } from '../clock.js';
import type { Actor, ReservationView } from '../domain.js';
import type { ReservationService } from '../reservations/reservation.service.js';
import { randomSecret, sha256 } from '../security.js';
import { eventVersion, reservationCalendar } from './calendar-event.js';

interface Deps {
  users: UserStore;
  reservations: ReservationService;
  catalogue: CatalogueStore;
  audit: AuditStore;
  clock: Clock;
}

const DAY = 86_400_000;
/** How far back the feed reaches: last month's days stay in the calendar. */
const WEEKS_BACK = 4;
/** The longest range listMine answers at once. */
const LIST_CHUNK = 90 * DAY;

/** A feed as served: the body, its entity tag and since when exactly this body is served. */
export interface Feed {
  body: string;
  etag: string;
  lastModified: number;
}

/**
 * Reservations as iCalendar: a private subscription URL per person (a secret that can be
 * reset) and one .ics per reservation. Times carry TZID with a VTIMEZONE from the IANA data,
 * so Outlook and Google Calendar place them right across DST. The events themselves come from
 * calendarEvent() in calendar-event.ts, which mail (iMIP) uses too.
 */
export function createCalendarService(d: Deps) {
  /**
   * Per subscriber, the feed's last entity tag and when it was first served: Last-Modified is
   * then exactly when the body last changed, whatever changed it (a booking, a check-out, the
   * window moving on a day). In memory: after a restart each feed counts as changed once.
   */
  const servedSince = new Map<number, { etag: string; since: number }>();

  function lastModified(userId: number, etag: string, now: number): number {
    const seen = servedSince.get(userId);
    if (seen?.etag === etag) return seen.since;
    if (servedSince.size >= 100_000) servedSince.clear();
    const since = Math.floor(now / 1000) * 1000; // HTTP dates have whole seconds
    servedSince.set(userId, { etag, since });
    return since;
  }

  /** The person's reservations from `from` to `to`, in listMine's largest steps. */
  function mine(actor: Actor, from: number, to: number): ReservationView[] {
    const byId = new Map<number, ReservationView>();
    for (let at = from; at < to; at += LIST_CHUNK) {
      for (const v of d.reservations.listMine(actor, at, Math.min(to, at + LIST_CHUNK))) byId.set(v.reservation.id, v);
    }
    return [...byId.values()].sort((a, b) => a.reservation.start - b.reservation.start || a.reservation.id - b.reservation.id);
  }

  return {
    /** A new secret subscription URL path; the previous one stops working. */
    reset(actor: Actor): string {
      const token = randomSecret(24);
      d.users.setCalendarToken(actor.id, sha256(token));
      d.audit.record({ actor: `u:${actor.id}`, action: 'me.calendar.reset', object: `user:${actor.id}`, result: 'ok' }, d.clock.now());
      return token;
    },

    hasSubscription: (actor: Actor): boolean => d.users.hasCalendar(actor.id),

    /**
     * The subscription feed: from four weeks back to as far ahead as any location lets a person
     * book (its policy's daysAhead). Cancelled and auto-released reservations are left out
     * rather than sent as STATUS:CANCELLED: a subscribed calendar mirrors the feed, so Outlook
     * and Google drop an event that is gone, while Google also hides a cancelled one but
     * Outlook, Apple and Thunderbird would keep showing it (struck through) for weeks. The
     * .ics of one reservation, which someone may have imported, does answer CANCELLED.
     */
    feed(token: string): Feed {
      const userId = d.users.userByCalendarToken(sha256(token));
      const user = userId === undefined ? undefined : d.users.byId(userId);
      if (!user) throw new DomainError('not_found', 'no such calendar');
      const now = d.clock.now();
      const actor: Actor = { id: user.id, email: user.email, name: user.name, roles: user.roles, teams: user.teams, showPresence: user.showPresence };
      const daysAhead = Math.max(0, ...d.catalogue.locations().map((l) => l.policy.daysAhead));
      // From a whole (UTC) day, so the window moves once a day rather than with every request.
      const from = Math.floor(now / DAY) * DAY - WEEKS_BACK * 7 * DAY;
      // A day's margin beyond the last bookable local day, whatever the location's zone.
      const to = Math.floor(now / DAY) * DAY + (daysAhead + 2) * DAY;
      const live = mine(actor, from, to).filter((v) => eventVersion(v).status === 'CONFIRMED');
      const body = reservationCalendar(live, { name: `Plek – ${user.name}` }).toString();
      const etag = `"${sha256(body).slice(0, 32)}"`;
      return { body, etag, lastModified: lastModified(user.id, etag, now) };
    },

    one(actor: Actor, id: number): { filename: string; body: string } {
      const v = d.reservations.get(actor, id);
      return { filename: `plek-${v.space.code}-${toIsoInZone(v.reservation.start, v.location.timezone).slice(0, 10)}.ics`, body: reservationCalendar([v], { name: 'Plek' }).toString() };
    },
  };
}

export type CalendarService = ReturnType<typeof createCalendarService>;
