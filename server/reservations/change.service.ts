import { DomainError } from '../../shared/errors.js';
import { clampToNow, dayPartInterval, holdsSpace, intervalRefusal, MAX_DURATION, MINUTE, openingHours, openingInterval, SLOT_MINUTES, slotRefusal, type Interval } from '../../shared/rules.js';
import type { ChangeReservationBody } from '../../shared/schemas.js';
import { localDate, localTime } from '../../shared/time.js';
import type { Location } from '../../shared/types.js';
import type { Clock } from '../clock.js';
import type { UnitOfWork } from '../db/unit-of-work.js';
import type { Actor, ReservationView, SpaceWithKey } from '../domain.js';
import { ensureOpenOnHolidays } from '../holidays.js';
import { alternativeFor, current, desksHeldBy, publish, refusalMessage, settleSpace, spaceAndLocation, viewOf, type Admitting } from './reservation.steps.js';

const slotMessage = {
  closed_day: 'the location is closed on that day of the week',
  outside_opening_hours: 'that lies outside the opening hours',
  off_grid: 'start and end must lie on the quarter hour',
} as const;

const onGrid = (ms: number, tz: string) => ms % MINUTE === 0 && Number(localTime(ms, tz).slice(3, 5)) % SLOT_MINUTES === 0;

interface Deps extends Admitting {
  uow: UnitOfWork;
  clock: Clock;
}

/**
 * Changing a reservation: another day-part, time or space; a new end (shorten, or extend a
 * room); or a room extended up to the next booking. The reservation keeps its id and is moved
 * in one UPDATE after every check, so a refused change leaves the old one exactly as it was.
 * The checks are a single booking's (the horizon, holidays, the space free, the desk limit),
 * with the reservation itself left out: it does not stand in its own way.
 */
export function createChangeService(d: Deps) {
  /** Where the day of a reservation ends: the location's closing time on that date. */
  function closingOf(location: Location, start: number): number {
    return openingInterval(localDate(start, location.timezone), location.policy, location.timezone).end;
  }

  /** The end up to the next booking on the space, or closing time: the longest free extension. */
  function untilNext(v: ReservationView, now: number): number {
    const r = v.reservation;
    const closing = Math.min(closingOf(v.location, r.start), r.start + MAX_DURATION);
    if (closing <= r.end) throw new DomainError('conflict', 'the reservation already lasts until the end of the day');
    const next = d.reservations
      .activeOnSpace(v.space.id, r.end, closing)
      .filter((o) => o.id !== r.id && holdsSpace(o, o.kind, v.location.policy, now))
      .reduce((end, o) => Math.min(end, o.start), closing);
    if (next <= r.end) throw new DomainError('conflict', 'the space is reserved right after this reservation');
    return next;
  }

  function wanted(v: ReservationView, input: ChangeReservationBody, location: Location, now: number): Interval {
    const r = v.reservation;
    if ('date' in input) return clampToNow(dayPartInterval(input.date, input.part, location.policy, location.timezone), now);
    if ('start' in input) return { start: Date.parse(input.start), end: Date.parse(input.end) };
    if ('end' in input) return { start: r.start, end: Date.parse(input.end) };
    if ('untilNext' in input) return { start: r.start, end: untilNext(v, now) };
    return { start: r.start, end: r.end };
  }

  function ensureFree(actor: Actor, id: number, space: SpaceWithKey, location: Location, i: Interval, sameLocation: boolean, now: number): void {
    if (settleSpace(d, space, location, i, now).some((o) => o.id !== id)) {
      throw new DomainError('conflict', 'the space is already reserved for that time', { alternative: alternativeFor(d, space, location, i, now) });
    }
    // Moving within a location trades one reservation to come for another: the count stays.
    if (!sameLocation && d.reservations.reachedAhead(actor.id, location.id, now, location.policy.maxAhead)) {
      throw new DomainError('limit_reached', `at most ${location.policy.maxAhead} reservations to come at this location`, { maxAhead: location.policy.maxAhead });
    }
    if (space.kind === 'desk' && desksHeldBy(d, actor.id, location, i, now).filter((o) => o.id !== id).length >= location.policy.maxPerDay) {
      throw new DomainError('limit_reached', `at most ${location.policy.maxPerDay} desk(s) at a time`, { maxPerDay: location.policy.maxPerDay });
    }
  }

  return {
    change(actor: Actor, id: number, input: ChangeReservationBody, origin: string | null): ReservationView {
      const now = d.clock.now();
      const result = d.uow.run(() => {
        const stored = d.reservations.byId(id);
        if (!stored || stored.userId !== actor.id) throw new DomainError('not_found', 'no such reservation');
        const old = current(viewOf(d, id), now);
        const r = old.reservation;
        if (r.state !== 'booked' && r.state !== 'checked_in') throw new DomainError('wrong_state', `the reservation is already ${r.state}`);
        const target = 'spaceId' in input && input.spaceId !== undefined && input.spaceId !== old.space.id ? spaceAndLocation(d, input.spaceId) : old;
        const i = wanted(old, input, target.location, now);
        // Someone already there keeps their place and start; only the end may move.
        if (r.state === 'checked_in' && (target.space.id !== old.space.id || i.start !== r.start)) {
          throw new DomainError('wrong_state', 'a checked-in reservation can only be shortened or extended');
        }
        if (i.start === r.start && i.end === r.end && target.space.id === old.space.id) return { v: old, moved: false };
        // A reservation under way is judged from now on: its start lies behind it by right.
        const judged = i.start === r.start && r.start < now ? { start: Math.floor(now / MINUTE) * MINUTE, end: i.end } : i;
        const refusal = i.end - i.start > MAX_DURATION ? 'invalid_interval' : intervalRefusal(judged, target.location.policy, target.location.timezone, now);
        if (refusal) throw new DomainError(refusal, refusalMessage[refusal]);
        ensureOpenOnHolidays(i, target.location);
        // The week, the opening hours and the quarter-hour grid, as for a new booking; a start
        // kept as it was (a walk-up's 10:02) is not judged again, only a chosen end.
        const tz = target.location.timezone;
        const slot = slotRefusal(i, target.location.policy, tz, 'start' in input) ?? ('end' in input && !onGrid(i.end, tz) ? 'off_grid' : null);
        if (slot) throw new DomainError(slot, slotMessage[slot], slot === 'outside_opening_hours' ? openingHours(target.location.policy) : undefined);
        ensureFree(actor, id, target.space, target.location, i, target.location.id === old.location.id, now);
        if (!d.reservations.move(id, stored.state, { spaceId: target.space.id, start: i.start, end: i.end })) {
          throw new DomainError('wrong_state', 'the reservation changed meanwhile');
        }
        d.mail.reservationConfirmed(id); // the calendar invitation follows the change
        d.audit.record(
          {
            actor: `u:${actor.id}`,
            action: 'reservation.change',
            object: `reservation:${id}`,
            result: 'ok',
            origin,
            details: { from: { spaceId: old.space.id, start: r.start, end: r.end }, to: { spaceId: target.space.id, start: i.start, end: i.end } },
          },
          now,
        );
        return { v: current(viewOf(d, id), now), moved: true, from: old };
      });
      if (result.moved) {
        publish(d, result.v, result.v.reservation.state);
        // The space it left is free again: its board and availability hear of that too.
        if (result.from && result.from.space.id !== result.v.space.id) publish(d, result.from, 'cancelled');
      }
      return result.v;
    },
  };
}

export type ChangeService = ReturnType<typeof createChangeService>;
