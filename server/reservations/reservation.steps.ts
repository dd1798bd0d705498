import type { AlternativeDto, AvailabilityEvent } from '../../shared/api.js';
import { DomainError } from '../../shared/errors.js';
import { checkInVerdict, checkInWindow, effectiveState, holdsSpace, HOUR, MINUTE, type Interval } from '../../shared/rules.js';
import { toIsoInZone } from '../../shared/time.js';
import type { Location, ReservationState } from '../../shared/types.js';
import type { AuditStore } from '../audit/audit.store.js';
import type { CatalogueStore } from '../catalogue/catalogue.store.js';
import type { EventBus } from '../events/event-bus.js';
import type { ReservationOfSpace, ReservationView, SpaceWithKey } from '../domain.js';
import type { ReservationMail } from '../mail/mail.service.js';
import type { ReservationStore } from './reservation.store.js';

/**
 * The steps several reservation use cases share (booking, team holds, the room display, the
 * sweep): plain functions given only the stores they touch, so each use case's factory names
 * exactly what it depends on. They run inside the caller's unit of work.
 */

/** What reading a reservation with its space and location needs. */
export interface Lookup {
  catalogue: CatalogueStore;
  reservations: ReservationStore;
}

/** What writing down due states needs: they are announced (after the commit), and mailed (queued in the same unit of work). */
export interface Settling extends Lookup {
  events: EventBus;
  mail: ReservationMail;
}

/** What a check-in needs: it is audited. */
export interface Admitting extends Settling {
  audit: AuditStore;
}

/** The widest window a read of reservations covers. */
export const MAX_WINDOW = 31 * 24 * 60 * MINUTE;
/** How far a phone's clock may run ahead of the server's. */
const CLOCK_SKEW = 2 * MINUTE;

export const refusalMessage = {
  invalid_interval: 'the end must be after the start, at most 24 hours later',
  start_in_past: 'the time lies in the past',
  too_far_ahead: 'that date is beyond how far ahead this location can be reserved',
} as const;

export function iso(ms: number, location: Location): string {
  return toIsoInZone(ms, location.timezone);
}

/** Space and location, or not_found: an unknown or retired space is never reservable. */
export function spaceAndLocation(d: Lookup, spaceId: number): { space: SpaceWithKey; location: Location } {
  const space = d.catalogue.space(spaceId);
  if (!space) throw new DomainError('not_found', 'no such space');
  if (!space.active) throw new DomainError('space_unavailable', 'this space takes no reservations');
  const location = d.catalogue.location(space.locationId)!;
  return { space, location };
}

/** A reservation known to exist, with its space and location. */
export function viewOf(d: Lookup, id: number): ReservationView {
  const reservation = d.reservations.byId(id)!;
  const space = d.catalogue.space(reservation.spaceId)!;
  return { reservation, space, location: d.catalogue.location(space.locationId)! };
}

/** The view with the state as of now, so a no-show shows as one before the sweep writes it. */
export function current(v: ReservationView, now: number): ReservationView {
  const state = effectiveState(v.reservation, v.space.kind, v.location.policy, now);
  return state === v.reservation.state ? v : { ...v, reservation: { ...v.reservation, state } };
}

export function publish(d: { events: EventBus }, v: ReservationView, state: ReservationState): void {
  const e: AvailabilityEvent = { locationId: v.location.id, spaceId: v.space.id, reservationId: v.reservation.id, state };
  d.events.publish(e);
}

/**
 * Writes down the no-shows and completions that are due among the active reservations on a
 * space in a window, and answers the ones still active. Needed before an insert: the trigger
 * counts stored states only.
 */
export function settleSpace(d: Settling, space: SpaceWithKey, location: Location, i: Interval, now: number): ReservationOfSpace[] {
  return d.reservations.activeOnSpace(space.id, i.start, i.end).filter((r) => !settle(d, r, location, now));
}

/** Writes down `r`'s state as of `now` if it changed; true when it did. */
export function settle(d: Settling, r: ReservationOfSpace, location: Location, now: number): boolean {
  const state = effectiveState(r, r.kind, location.policy, now);
  if (state === r.state) return false;
  if (!d.reservations.transition(r.id, r.state, state, { endedAt: now })) return false;
  if (state === 'no_show') d.mail.reservationCancelled(r.id, 'released');
  d.events.publish({ locationId: location.id, spaceId: r.spaceId, reservationId: r.id, state });
  return true;
}

/**
 * A free space of the same kind for the interval, in the same zone when possible: what a
 * person who lost a race (or whose offline reservation met a taken spot) is offered instead.
 */
export function alternativeFor(d: Lookup, space: SpaceWithKey, location: Location, i: Interval, now: number): AlternativeDto | null {
  const held = new Set(
    d.reservations
      .activeInLocation(location.id, i.start, i.end)
      .filter((r) => holdsSpace(r, r.kind, location.policy, now))
      .map((r) => r.spaceId),
  );
  const candidates = d.catalogue.spaces(location.id).filter((s) => s.id !== space.id && s.kind === space.kind && !held.has(s.id));
  const best = candidates.find((s) => s.zoneId === space.zoneId) ?? candidates[0];
  return best ? { spaceId: best.id, code: best.code, name: best.name } : null;
}

/**
 * Checks in a reservation whose owner is present (by the space's key, a pass, or the room's
 * display) at `at`. `scannedAt` marks a check-in made offline and sent later: it counts when
 * the scan lay inside the check-in window and arrives within offlineCheckInMaxHours. A
 * booking auto-released meanwhile is restored if the space is still free; if someone else's
 * reservation was accepted for it, that one stands (spot_taken). Runs inside the caller's
 * transaction.
 */
export function admit(d: Admitting, v: ReservationView, at: number, now: number, scannedAt: number | undefined, actor: string, origin: string | null): void {
  const id = v.reservation.id;
  const policy = v.location.policy;
  if (scannedAt !== undefined) {
    if (scannedAt > now + CLOCK_SKEW) throw new DomainError('scan_in_future', 'the scan time lies in the future');
    if (now - scannedAt > policy.offlineCheckInMaxHours * HOUR) {
      throw new DomainError('scan_too_old', 'this check-in was made offline too long ago to count', { maxHours: policy.offlineCheckInMaxHours });
    }
  }
  const state = scannedAt === undefined ? current(v, now).reservation.state : v.reservation.state;
  if (state === 'checked_in') return; // a repeated scan changes nothing
  if (state === 'cancelled' || state === 'completed') throw new DomainError('wrong_state', `the reservation is ${state}`);
  const verdict = checkInVerdict(v.reservation, v.space.kind, policy, at);
  if (!verdict.ok && verdict.reason === 'not_open') {
    throw new DomainError('check_in_not_open', 'check-in is not open yet', { opensAt: iso(verdict.opensAt, v.location) });
  }
  if (!verdict.ok || (state === 'no_show' && scannedAt === undefined)) {
    throw new DomainError('check_in_closed', 'the check-in time has passed; the space was released', {
      closedAt: iso(checkInWindow(v.reservation, v.space.kind, policy).end, v.location),
    });
  }
  // Write down whatever else is due first, so only live reservations can stand in the way.
  const others = settleSpace(d, v.space, v.location, v.reservation, now).filter((r) => r.id !== id);
  if (others.length > 0) {
    throw new DomainError('spot_taken', 'someone else reserved this space meanwhile', { alternative: alternativeFor(d, v.space, v.location, v.reservation, now) });
  }
  d.reservations.transition(id, d.reservations.byId(id)!.state, 'checked_in', { checkedInAt: at });
  d.audit.record({ actor, action: 'reservation.check_in', object: `reservation:${id}`, result: 'ok', origin, details: scannedAt === undefined ? undefined : { offline: true } }, now);
}

/** The desks `userId` holds in an interval (a no-show no longer holds one). */
export function desksHeldBy(d: Lookup, userId: number, location: Location, i: Interval, now: number): ReservationOfSpace[] {
  return d.reservations.activeOfUserByKind(userId, 'desk', i.start, i.end).filter((r) => holdsSpace(r, r.kind, location.policy, now));
}
