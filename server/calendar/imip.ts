import { getVtimezoneComponent } from '@touch4it/ical-timezones';
import ical, { ICalAttendeeRole, ICalAttendeeStatus, ICalCalendarMethod, ICalEventStatus } from 'ical-generator';
import { toIsoInZone } from '../../shared/time.js';

/** One reservation as a meeting request or its cancellation, for a mail (iMIP, RFC 6047). */
export interface ImipEvent {
  method: 'REQUEST' | 'CANCEL';
  /** Stable per reservation, the same as in the calendar feed, so the calendar updates the one event. */
  uid: string;
  /** Higher for each later version: a CANCEL must carry more than the REQUEST it withdraws. */
  sequence: number;
  start: number;
  end: number;
  timezone: string;
  summary: string;
  location: string;
  description: string;
  organizer: { name: string; email: string };
  attendee: { name: string; email: string };
  /** When this version was made. */
  stamp: number;
}

/** The reservation's UID, shared by the feed, the .ics download and the mails. */
export const reservationUid = (id: number) => `reservation-${id}@plek`;

/**
 * A VCALENDAR with METHOD and one VEVENT, as Outlook and Gmail read an invitation: ORGANIZER
 * is Plek's sender, the person is an ATTENDEE who needs not answer (they booked it themselves),
 * times carry TZID with the zone's VTIMEZONE, DTSTAMP is UTC.
 */
export function imipCalendar(e: ImipEvent): string {
  const cal = ical({ prodId: { company: 'Plek', product: 'reserveringen', language: 'NL' }, method: e.method === 'REQUEST' ? ICalCalendarMethod.REQUEST : ICalCalendarMethod.CANCEL });
  cal.timezone({ name: e.timezone, generator: getVtimezoneComponent });
  const event = cal.createEvent({
    id: e.uid,
    sequence: e.sequence,
    // Wall-clock strings in the location's zone: with TZID, that is what calendars expect.
    start: toIsoInZone(e.start, e.timezone).slice(0, 19),
    end: toIsoInZone(e.end, e.timezone).slice(0, 19),
    timezone: e.timezone,
    summary: e.summary,
    location: e.location,
    description: e.description,
    organizer: e.organizer,
    status: e.method === 'CANCEL' ? ICalEventStatus.CANCELLED : ICalEventStatus.CONFIRMED,
    stamp: new Date(e.stamp),
  });
  event.createAttendee({ email: e.attendee.email, name: e.attendee.name, role: ICalAttendeeRole.REQ, status: ICalAttendeeStatus.ACCEPTED, rsvp: false });
  // ical-generator writes DTSTAMP in the calendar's zone without a zone marker (floating);
  // RFC 5545 wants it in UTC, and Outlook compares it to order versions of one event.
  return cal.toString().replace(/^DTSTAMP:.*$/m, `DTSTAMP:${new Date(e.stamp).toISOString().replace(/[-:]/g, '').slice(0, 15)}Z`);
}
