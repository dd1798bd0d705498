import { DomainError } from '../../shared/errors.js';
import { holdsSpace } from '../../shared/rules.js';
import { addDaysToDate, localDate, localToInstant } from '../../shared/time.js';
import type { Clock } from '../clock.js';
import type { UnitOfWork } from '../db/unit-of-work.js';
import type { ReservationView } from '../domain.js';
import { admit, publish, spaceAndLocation, viewOf, type Admitting } from './reservation.steps.js';

interface Deps extends Admitting {
  /** Runs the writes inside the caller's unit of work (a route's write(), a job's), never a nested one. */
  uow: UnitOfWork;
  clock: Clock;
}

/**
 * What a room's display shows and does at the door: the meeting now and the next, check in
 * whoever booked the one on now, end it early. Booking the room from the display is a walk-up
 * (BookingService.walkUpSpace with minutes).
 */
export function createRoomDisplayService(d: Deps) {
  /** A room's meeting now and the next one today, for a room display. */
  function roomStatus(spaceId: number): { current: ReservationView | null; next: ReservationView | null } {
    const now = d.clock.now();
    const { space, location } = spaceAndLocation(d, spaceId);
    const endOfDay = localToInstant(addDaysToDate(localDate(now, location.timezone), 1), '00:00', location.timezone);
    const holds = d.reservations.activeOnSpace(space.id, now, endOfDay).filter((r) => holdsSpace(r, r.kind, location.policy, now));
    holds.sort((a, b) => a.start - b.start);
    const current = holds.find((r) => r.start <= now) ?? null;
    const next = holds.find((r) => r.start > now) ?? null;
    return { current: current && viewOf(d, current.id), next: next && viewOf(d, next.id) };
  }

  return {
    roomStatus,

    /** At the room's door: checks in the meeting that is on now, whoever booked it. */
    checkInRoom(spaceId: number, origin: string | null): ReservationView {
      const { current } = roomStatus(spaceId);
      if (!current) throw new DomainError('not_found', 'no meeting now');
      if (current.reservation.state === 'checked_in') return current;
      const now = d.clock.now();
      d.uow.run(() => admit(d, current, now, now, undefined, `room:${spaceId}`, origin));
      const v = viewOf(d, current.reservation.id);
      publish(d, v, 'checked_in');
      return v;
    },

    /** "Vroegtijdig beëindigen": the meeting on now ends, the room is free at once. */
    endRoom(spaceId: number, origin: string | null): ReservationView {
      const { current } = roomStatus(spaceId);
      if (!current) throw new DomainError('not_found', 'no meeting now');
      const now = d.clock.now();
      const from = current.reservation.state;
      const to = from === 'checked_in' ? 'completed' : 'cancelled';
      d.uow.run(() => {
        d.reservations.transition(current.reservation.id, from, to, { endedAt: now });
        d.audit.record({ actor: `room:${spaceId}`, action: 'reservation.end_early', object: `reservation:${current.reservation.id}`, result: 'ok', origin }, now);
      });
      const v = viewOf(d, current.reservation.id);
      publish(d, v, to);
      return v;
    },
  };
}

export type RoomDisplayService = ReturnType<typeof createRoomDisplayService>;
