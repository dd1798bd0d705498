import { DomainError } from '../../shared/errors.js';
import { effectiveState } from '../../shared/rules.js';
import { addDaysToDate, localDate, localToInstant } from '../../shared/time.js';
import { weekdays } from '../../shared/types.js';
import type { Clock } from '../clock.js';
import type { AvailabilityView, BusyView } from '../domain.js';
import { MAX_WINDOW, type Lookup } from './reservation.steps.js';

interface Deps extends Lookup {
  clock: Clock;
}

/** One day of a location's week: people with a desk against the desks and the soft cap. */
export interface WeekDay {
  date: string;
  reserved: number;
  desks: number;
  expected: number;
  cap: number | null;
  overCap: boolean;
}

/**
 * The read models of reservations at a location: which spaces are held when (availability:
 * the app's map, the kiosk board) and how full each day of a week is. They write nothing: a
 * due no-show already counts as free here, before the sweep writes it down.
 */
export function createReservationReads(d: Deps) {
  return {
    /** Per space of a location: the ranges held in [from, to). Due no-shows are already free. */
    availability(locationId: number, from: number, to: number): AvailabilityView {
      const location = d.catalogue.location(locationId);
      if (!location) throw new DomainError('not_found', 'no such location');
      if (!(to > from) || to - from > MAX_WINDOW) throw new DomainError('invalid_interval', 'from must be before to, at most 31 days apart');
      const now = d.clock.now();
      const busy = new Map<number, BusyView[]>();
      for (const r of d.reservations.activeInLocation(locationId, from, to)) {
        const state = effectiveState(r, r.kind, location.policy, now);
        if (state !== 'booked' && state !== 'checked_in') continue;
        const list = busy.get(r.spaceId) ?? [];
        list.push({ start: r.start, end: r.end, state });
        busy.set(r.spaceId, list);
      }
      const spaces = d.catalogue.spaces(locationId).map((space) => ({ space, busy: busy.get(space.id) ?? [] }));
      return { location, from, to, spaces };
    },

    /**
     * Per local day of the week from `fromDate`: people with a desk, against the desks and the
     * policy's soft cap. Days more than one day ahead also look at the same weekday in the four
     * weeks before today, since many people book late.
     */
    week(locationId: number, fromDate: string): WeekDay[] {
      const location = d.catalogue.location(locationId);
      if (!location) throw new DomainError('not_found', 'no such location');
      const tz = location.timezone;
      const today = localDate(d.clock.now(), tz);
      const peopleOn = (from: string, days: number) => {
        const people = new Map<string, Set<number>>();
        const start = localToInstant(from, '00:00', tz);
        const end = localToInstant(addDaysToDate(from, days), '00:00', tz);
        for (const use of d.reservations.deskUse(locationId, start, end)) {
          const day = localDate(use.start, tz);
          if (!people.has(day)) people.set(day, new Set());
          people.get(day)!.add(use.userId);
        }
        return (day: string) => people.get(day)?.size ?? 0;
      };
      const ahead = peopleOn(fromDate, 7);
      const past = peopleOn(addDaysToDate(today, -28), 28);
      const desks = d.catalogue.spaces(locationId).filter((s) => s.kind === 'desk').length;
      return Array.from({ length: 7 }, (_, i) => {
        const date = addDaysToDate(fromDate, i);
        const reserved = ahead(date);
        const history = [7, 14, 21, 28].map((w) => past(addDaysToDate(date, -w))).filter((_, k) => addDaysToDate(date, -7 * (k + 1)) < today);
        const typical = history.length > 0 ? Math.round(history.reduce((a, b) => a + b, 0) / history.length) : 0;
        const expected = date > addDaysToDate(today, 1) ? Math.max(reserved, typical) : reserved;
        const weekday = weekdays[new Date(`${date}T12:00:00Z`).getUTCDay() - 1];
        const percent = weekday ? location.policy.softCapPercent[weekday] : undefined;
        const cap = percent === undefined ? null : Math.floor((desks * percent) / 100);
        return { date, reserved, desks, expected, cap, overCap: cap !== null && expected > cap };
      });
    },
  };
}

export type ReservationReads = ReturnType<typeof createReservationReads>;
