import { ICalAttendeeRole, ICalAttendeeStatus, ICalCalendarMethod } from 'ical-generator';
import type { ReservationView } from '../domain.js';
import { reservationCalendar } from './calendar-event.js';

/** How the mail addresses the event: Plek's sender organises it, the person attends. */
export interface ImipParties {
  organizer: { name: string; email: string };
  attendee: { name: string; email: string };
}

/**
 * A reservation as an iMIP message (RFC 6047): METHOD:REQUEST for the booking, METHOD:CANCEL
 * once it is cancelled or released. The event is the feed's and the .ics download's
 * (calendarEvent: the same UID, SEQUENCE from the reservation's state, so a CANCEL outranks the
 * REQUEST it withdraws, DTSTAMP in UTC), with ORGANIZER and an ATTENDEE who needs not answer:
 * the person booked it themselves. `text` puts the summary and description in the person's
 * language. `v` carries the reservation as it now stands.
 */
export function imipCalendar(
  v: ReservationView,
  method: 'REQUEST' | 'CANCEL',
  parties: ImipParties,
  stamp: number,
  text?: { summary: string; location: string; description: string },
): string {
  const cal = reservationCalendar([v], { name: 'Plek', method: method === 'REQUEST' ? ICalCalendarMethod.REQUEST : ICalCalendarMethod.CANCEL, stamp });
  const event = cal.events()[0]!;
  event.organizer(parties.organizer);
  event.createAttendee({ email: parties.attendee.email, name: parties.attendee.name, role: ICalAttendeeRole.REQ, status: ICalAttendeeStatus.ACCEPTED, rsvp: false });
  if (text) {
    event.summary(text.summary);
    event.location(text.location);
    event.description(text.description);
  }
  return cal.toString();
}
