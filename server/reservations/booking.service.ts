import { DomainError } from '../../shared/errors.js';
import { checkInVerdict, clampToNow, dayPartInterval, HOUR, intervalRefusal, MINUTE, MIN_WALK_UP, openingHours, openOn, slotRefusal, walkUpInterval, type Interval } from '../../shared/rules.js';
import { ROOM_BOOK_MIN } from '../../shared/room-display.js';
import type { CreateReservationBody } from '../../shared/schemas.js';
import type { Location } from '../../shared/types.js';
import { localDate } from '../../shared/time.js';
import type { Clock } from '../clock.js';
import type { UnitOfWork } from '../db/unit-of-work.js';
import { ensureOpenOnHolidays } from '../holidays.js';
import type { Actor, ReservationView, SpaceWithKey } from '../domain.js';
import { secretsEqual } from '../security.js';
import {
  admit,
  alternativeFor,
  current,
  desksHeldBy,
  MAX_WINDOW,
  publish,
  refusalMessage,
  settleSpace,
  spaceAndLocation,
  viewOf,
  type Admitting,
} from './reservation.steps.js';

const slotMessage = {
  closed_day: 'the location is closed on that day of the week',
  outside_opening_hours: 'that lies outside the opening hours',
  off_grid: 'start and end must lie on the quarter hour',
} as const;

interface Deps extends Admitting {
  /** Runs the writes inside the caller's unit of work (a route's write(), a job's), never a nested one. */
  uow: UnitOfWork;
  clock: Clock;
}

/**
 * A person's own bookings through their life: reserve, walk up, check in, release, and read
 * back. Every write runs in one transaction with no await inside, so the overlap check and
 * the insert cannot interleave with another request.
 */
export function createBookingService(d: Deps) {
  /** The caller's own reservation; someone else's is indistinguishable from a missing one. */
  function own(actor: Actor, id: number): ReservationView {
    const reservation = d.reservations.byId(id);
    if (!reservation || reservation.userId !== actor.id) throw new DomainError('not_found', 'no such reservation');
    const space = d.catalogue.space(reservation.spaceId)!;
    const location = d.catalogue.location(space.locationId)!;
    return { reservation, space, location };
  }

  /** Refuses when the space is taken, or when the person already holds the desks the policy allows. */
  function ensureBookable(actor: Actor, space: SpaceWithKey, location: Location, i: Interval, now: number): void {
    if (settleSpace(d, space, location, i, now).length > 0) {
      throw new DomainError('conflict', 'the space is already reserved for that time', { alternative: alternativeFor(d, space, location, i, now) });
    }
    if (d.reservations.reachedAhead(actor.id, location.id, now, location.policy.maxAhead)) {
      throw new DomainError('limit_reached', `at most ${location.policy.maxAhead} reservations to come at this location`, { maxAhead: location.policy.maxAhead });
    }
    if (space.kind === 'desk' && desksHeldBy(d, actor.id, location, i, now).length >= location.policy.maxPerDay) {
      throw new DomainError('limit_reached', `at most ${location.policy.maxPerDay} desk(s) at a time`, {
        maxPerDay: location.policy.maxPerDay,
      });
    }
  }

  function insert(actor: Actor, space: SpaceWithKey, i: Interval, state: 'booked' | 'checked_in', source: string, now: number, origin: string | null) {
    const id = d.reservations.insert({
      spaceId: space.id,
      userId: actor.id,
      start: i.start,
      end: i.end,
      state,
      source,
      createdAt: now,
      checkedInAt: state === 'checked_in' ? now : null,
    });
    d.audit.record({ actor: `u:${actor.id}`, action: `reservation.${source === 'walk_up' ? 'walk_up' : 'create'}`, object: `reservation:${id}`, result: 'ok', origin }, now);
    return id;
  }

  /**
   * Reserve from now and check in at once: until the end of the day-part for a desk, an hour
   * for a room (or `minutes`, from a room display), cut short where the next booking begins.
   */
  function walkUpSpace(actor: Actor, spaceId: number, origin: string | null, minutes?: number): { view: ReservationView; created: boolean } {
    // A person scanning their own booked place checks in that booking; a room display (minutes) always books anew.
    const now = d.clock.now();
    const { space, location } = spaceAndLocation(d, spaceId);
    const start = Math.floor(now / MINUTE) * MINUTE;
    const wanted = minutes ? { start, end: start + minutes * MINUTE } : walkUpInterval(space.kind, location.policy, location.timezone, now);
    if (!wanted) throw new DomainError('location_closed', 'the location is closed for today');
    // A walk-up takes the location's week and hours like a reservation (the rule the apps offer
    // it by): no place before opening, on a day it does not open or on a holiday it closes on. A
    // room display books its room in the evening too, but not on a closed day.
    if (minutes) {
      if (!openOn(localDate(wanted.start, location.timezone), location.policy)) throw new DomainError('closed_day', slotMessage.closed_day);
    } else {
      const slot = slotRefusal(wanted, location.policy, location.timezone, false);
      if (slot) throw new DomainError(slot, slotMessage[slot], slot === 'outside_opening_hours' ? openingHours(location.policy) : undefined);
    }
    ensureOpenOnHolidays(wanted, location);
    const result = d.uow.run(() => {
      const existing = settleSpace(d, space, location, wanted, now);
      const mine = minutes ? undefined : existing.find((r) => r.userId === actor.id && r.start <= now + location.policy.checkInOpensMinutes * MINUTE);
      if (mine) {
        if (mine.state === 'booked') d.reservations.transition(mine.id, 'booked', 'checked_in', { checkedInAt: now });
        return { id: mine.id, created: false };
      }
      // A free slot that ends where the next booking begins is still worth taking.
      const nextStart = Math.min(wanted.end, ...existing.map((r) => r.start));
      // A room display offers the gap up to the next meeting down to ROOM_BOOK_MIN ("tot 20:04").
      if (nextStart - wanted.start < (minutes ? ROOM_BOOK_MIN : MIN_WALK_UP)) throw new DomainError('conflict', 'the space is taken now');
      const interval = { start: wanted.start, end: nextStart };
      ensureBookable(actor, space, location, interval, now);
      return { id: insert(actor, space, interval, 'checked_in', 'walk_up', now, origin), created: true };
    });
    const v = viewOf(d, result.id);
    publish(d, v, 'checked_in');
    return { view: v, created: result.created };
  }

  return {
    create(actor: Actor, input: CreateReservationBody, origin: string | null): ReservationView {
      const now = d.clock.now();
      const { space, location } = spaceAndLocation(d, input.spaceId);
      const tz = location.timezone;
      const interval =
        'date' in input
          ? clampToNow(dayPartInterval(input.date, input.part, location.policy, tz), now)
          : { start: Date.parse(input.start), end: Date.parse(input.end) };
      const refusal = intervalRefusal(interval, location.policy, tz, now);
      if (refusal) throw new DomainError(refusal, refusalMessage[refusal]);
      ensureOpenOnHolidays(interval, location);
      const slot = slotRefusal(interval, location.policy, tz, !('date' in input));
      if (slot) throw new DomainError(slot, slotMessage[slot], slot === 'outside_opening_hours' ? openingHours(location.policy) : undefined);
      const id = d.uow.run(() => {
        ensureBookable(actor, space, location, interval, now);
        const id = insert(actor, space, interval, 'booked', 'app', now, origin);
        d.mail.reservationConfirmed(id);
        return id;
      });
      // Built from what was just written rather than read back: creating is the hot path.
      const reservation = { id, spaceId: space.id, userId: actor.id, ...interval, state: 'booked' as const, createdAt: now, checkedInAt: null, endedAt: null, kind: space.kind, locationId: location.id };
      const v = { reservation, space, location };
      publish(d, v, 'booked');
      return v;
    },

    /**
     * Scanning a space's label with no reservation there: reserve from now and check in at once.
     * When the person already has a booking on this space that is open for check-in, that one
     * is checked in instead.
     */
    walkUp(actor: Actor, code: string, key: string, origin: string | null): { view: ReservationView; created: boolean } {
      const found = d.catalogue.spaceByCode(code);
      if (!found || !found.active) throw new DomainError('not_found', 'no such space');
      if (!secretsEqual(found.key, key)) throw new DomainError('wrong_key', 'this QR code is not valid (any more)');
      return walkUpSpace(actor, found.id, origin);
    },

    walkUpSpace,

    /**
     * A person identified by their pass at a kiosk: checks in every booking of theirs at the
     * location whose check-in window holds the scan time. Returns those, checked in now or before.
     */
    checkInPresent(userId: number, locationId: number, origin: string | null, scannedAt?: number): ReservationView[] {
      const now = d.clock.now();
      const at = scannedAt ?? now;
      const candidates = d.reservations
        .ofUser(userId, at - 12 * HOUR, at + 12 * HOUR)
        .filter((r) => r.locationId === locationId && (r.state === 'booked' || r.state === 'checked_in' || (r.state === 'no_show' && scannedAt !== undefined)));
      const admitted: number[] = [];
      for (const r of candidates) {
        const v = viewOf(d, r.id);
        if (r.state === 'checked_in') {
          if (r.end > now) admitted.push(r.id);
          continue;
        }
        if (!checkInVerdict(r, r.kind, v.location.policy, at).ok) continue;
        try {
          d.uow.run(() => admit(d, v, at, now, scannedAt, `u:${userId}`, origin));
          admitted.push(r.id);
          publish(d, viewOf(d, r.id), 'checked_in');
        } catch (err) {
          if (!(err instanceof DomainError)) throw err; // taken meanwhile: the others still count
        }
      }
      return admitted.map((id) => viewOf(d, id));
    },

    /**
     * Check-in with the key from the space's label. `scannedAt` is the device's scan time of a
     * check-in queued offline: it counts when the scan lay inside the check-in window and
     * arrives within the policy's offlineCheckInMaxHours. A booking auto-released meanwhile is
     * restored if the space is still free; if someone else's reservation was accepted for it,
     * that one stands and the caller is told (spot_taken).
     */
    checkIn(actor: Actor, id: number, key: string, origin: string | null, scannedAt?: number): ReservationView {
      const now = d.clock.now();
      d.uow.run(() => {
        const v = own(actor, id);
        if (!secretsEqual(v.space.key, key)) throw new DomainError('wrong_key', 'this QR code does not belong to the reserved space');
        admit(d, v, scannedAt ?? now, now, scannedAt, `u:${actor.id}`, origin);
      });
      const v = viewOf(d, id);
      publish(d, v, 'checked_in');
      return v;
    },

    /** Cancel a booking, or check out early: either way the space is free at once. */
    release(actor: Actor, id: number, origin: string | null): ReservationView {
      const now = d.clock.now();
      d.uow.run(() => {
        const v = current(own(actor, id), now);
        const state = v.reservation.state;
        const next = state === 'booked' ? 'cancelled' : state === 'checked_in' ? 'completed' : null;
        if (!next) throw new DomainError('wrong_state', `the reservation is already ${state}`);
        d.reservations.transition(id, state, next, { endedAt: now });
        if (next === 'cancelled') d.mail.reservationCancelled(id, 'cancelled');
        d.audit.record({ actor: `u:${actor.id}`, action: 'reservation.release', object: `reservation:${id}`, result: 'ok', origin }, now);
      });
      const v = viewOf(d, id);
      publish(d, v, v.reservation.state);
      return v;
    },

    get(actor: Actor, id: number): ReservationView {
      return current(own(actor, id), d.clock.now());
    },

    listMine(actor: Actor, from: number, to: number): ReservationView[] {
      if (!(to > from) || to - from > 3 * MAX_WINDOW) throw new DomainError('invalid_interval', 'from must be before to, at most 93 days apart');
      const now = d.clock.now();
      const spaces = new Map<number, SpaceWithKey>();
      const locations = new Map<number, Location>();
      return d.reservations.ofUser(actor.id, from, to).map((reservation) => {
        const space = spaces.get(reservation.spaceId) ?? d.catalogue.space(reservation.spaceId)!;
        spaces.set(space.id, space);
        const location = locations.get(space.locationId) ?? d.catalogue.location(space.locationId)!;
        locations.set(location.id, location);
        return current({ reservation, space, location }, now);
      });
    },
  };
}

export type BookingService = ReturnType<typeof createBookingService>;
