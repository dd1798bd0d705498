import { getVtimezoneComponent } from '@touch4it/ical-timezones';
import ical, { ICalEventStatus, type ICalCalendar, type ICalCalendarMethod, type ICalEventData } from 'ical-generator';
import { noShowDeadline } from '../../shared/rules.js';
import { toIsoInZone } from '../../shared/time.js';
import type { ReservationView } from '../domain.js';

const kindNames = { desk: 'Werkplek', focus: 'Focusruimte', call: 'Belcel', meeting: 'Vergaderruimte', multi: 'Ruimte' } as const;

/** What a calendar must know of a reservation's current version. */
export interface EventVersion {
  status: 'CONFIRMED' | 'CANCELLED';
  /** RFC 5545 SEQUENCE: never lower than that of an earlier version of the same reservation. */
  sequence: number;
  /** When this version came about: DTSTAMP and LAST-MODIFIED of a calendar without METHOD. */
  revisedAt: number;
  /** The end as it stands: the check-out when the person left early. */
  end: number;
}

/**
 * The version of a reservation as a calendar sees it, derived from its state and timestamps
 * alone (nothing extra is stored). SEQUENCE is counted in seconds from the booking to the
 * moment the version arose, plus a step per state, so every later version has a higher one:
 *   booked 0 < cancelled or no-show (ended at, or the no-show deadline before the sweep wrote
 *   it) + 1 < checked in + 2 < completed + 3.
 * A check-in after the deadline can restore an auto-released booking (an offline scan); it
 * counts from that same moment, one step higher, so a calendar that saw the cancellation takes
 * the booking back. A completion counts from the later of its end and the deadline, so it
 * outranks any check-in before it. A check-out before the end moves the event's end there.
 * `v` carries the state as of now (ReservationService's views do).
 */
export function eventVersion(v: ReservationView): EventVersion {
  const r = v.reservation;
  const seconds = (at: number) => Math.max(0, Math.floor((at - r.createdAt) / 1000));
  const deadline = noShowDeadline(r, v.space.kind, v.location.policy);
  switch (r.state) {
    case 'booked':
      return { status: 'CONFIRMED', sequence: 0, revisedAt: r.createdAt, end: r.end };
    case 'cancelled':
    case 'no_show': {
      const at = r.endedAt ?? deadline;
      return { status: 'CANCELLED', sequence: seconds(at) + 1, revisedAt: at, end: r.end };
    }
    case 'checked_in':
      return {
        status: 'CONFIRMED',
        sequence: seconds(r.endedAt ?? deadline) + 2,
        revisedAt: Math.max(r.checkedInAt ?? r.createdAt, r.endedAt ?? r.createdAt),
        end: r.end,
      };
    case 'completed': {
      const at = r.endedAt ?? r.end;
      // Checked out before the start (check-in opens early): an event of no length, not a reversed one.
      const end = Math.max(r.start, Math.min(at, r.end));
      return { status: 'CONFIRMED', sequence: Math.max(seconds(at), seconds(deadline)) + 3, revisedAt: at, end };
    }
  }
}

/** A UID that stays the reservation's for good, so a calendar updates the event it already has. */
export const eventUid = (reservationId: number) => `reservation-${reservationId}@plek`;

/**
 * One reservation as ical-generator's event data: UID, SEQUENCE, STATUS, DTSTAMP (UTC), times
 * with TZID in the location's zone. `stamp` overrides DTSTAMP: a message with METHOD (iMIP)
 * stamps the moment it is made (RFC 5546), a calendar without one the moment of the version
 * (RFC 5545 3.8.7.2). Add ORGANIZER and ATTENDEE on top for iMIP.
 */
export function calendarEvent(v: ReservationView, options: { stamp?: number } = {}): ICalEventData {
  const version = eventVersion(v);
  const tz = v.location.timezone;
  return {
    id: eventUid(v.reservation.id),
    sequence: version.sequence,
    status: version.status === 'CANCELLED' ? ICalEventStatus.CANCELLED : ICalEventStatus.CONFIRMED,
    stamp: new Date(options.stamp ?? version.revisedAt),
    created: new Date(v.reservation.createdAt),
    lastModified: new Date(version.revisedAt),
    // Wall-clock strings in the location's zone: with TZID, that is what calendars expect.
    start: toIsoInZone(v.reservation.start, tz).slice(0, 19),
    end: toIsoInZone(version.end, tz).slice(0, 19),
    timezone: tz,
    summary: `${kindNames[v.space.kind]} ${v.space.code}`,
    location: `${v.space.name}, ${v.location.name}`,
    description: `Plek-reservering ${v.space.code}. Check in met de QR-code op de plek.`,
  };
}

/**
 * A calendar of reservations with a VTIMEZONE for every zone used. `method` is for iMIP
 * (REQUEST, CANCEL); a feed or a download has none. The calendar itself gets no time zone on
 * purpose: ical-generator would then write DTSTAMP as local time without Z, which RFC 5545
 * forbids and ical.js reads as floating.
 */
export function reservationCalendar(
  views: ReservationView[],
  options: { name: string; method?: ICalCalendarMethod; stamp?: number },
): ICalCalendar {
  const cal = ical({ name: options.name, prodId: { company: 'Plek', product: 'reserveringen', language: 'NL' } });
  if (options.method) cal.method(options.method);
  cal.timezone({ name: null, generator: getVtimezoneComponent });
  for (const v of views) cal.createEvent(calendarEvent(v, { stamp: options.stamp }));
  return cal;
}
