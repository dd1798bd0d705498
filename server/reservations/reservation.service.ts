import type { AlternativeDto, AvailabilityEvent } from '../../shared/api.js';
import { DomainError } from '../../shared/errors.js';
import {
  checkInVerdict,
  checkInWindow,
  HOUR,
  clampToNow,
  dayPartInterval,
  effectiveState,
  holdsSpace,
  intervalRefusal,
  MINUTE,
  MIN_WALK_UP,
  noShowDeadline,
  walkUpInterval,
  type Interval,
} from '../../shared/rules.js';
import type { CreateReservationBody } from '../../shared/schemas.js';
import { addDaysToDate, localDate, localToInstant, toIsoInZone } from '../../shared/time.js';
import { weekdays, type Location, type ReservationState } from '../../shared/types.js';
import type { AuditStore } from '../audit/audit.store.js';
import type { CatalogueStore } from '../catalogue/catalogue.store.js';
import type { Clock } from '../clock.js';
import type { UnitOfWork } from '../db/unit-of-work.js';
import type { EventBus } from '../events/event-bus.js';
import type { Actor, AvailabilityView, BusyView, ReservationOfSpace, ReservationView, SpaceWithKey } from '../domain.js';
import { secretsEqual } from '../security.js';
import type { ReservationStore } from './reservation.store.js';

export type { ReservationView };

interface Deps {
  /** Opens the transaction, or a savepoint inside the route's unit of work. */
  uow: UnitOfWork;
  catalogue: CatalogueStore;
  reservations: ReservationStore;
  audit: AuditStore;
  events: EventBus;
  clock: Clock;
}

const MAX_WINDOW = 31 * 24 * 60 * MINUTE;
/** Reservations per transaction of the sweep. */
const SWEEP_PAGE = 1000;
/** How far a phone's clock may run ahead of the server's. */
const CLOCK_SKEW = 2 * MINUTE;

/**
 * The reservation life cycle. Every write runs in one IMMEDIATE transaction with no await
 * inside, so the overlap check and the insert cannot interleave with another request.
 */
export function createReservationService(d: Deps) {
  /** Space and location, or not_found: an unknown or retired space is never reservable. */
  function spaceAndLocation(spaceId: number): { space: SpaceWithKey; location: Location } {
    const space = d.catalogue.space(spaceId);
    if (!space) throw new DomainError('not_found', 'no such space');
    if (!space.active) throw new DomainError('space_unavailable', 'this space takes no reservations');
    const location = d.catalogue.location(space.locationId)!;
    return { space, location };
  }

  /** The caller's own reservation; someone else's is indistinguishable from a missing one. */
  function own(actor: Actor, id: number): ReservationView {
    const reservation = d.reservations.byId(id);
    if (!reservation || reservation.userId !== actor.id) throw new DomainError('not_found', 'no such reservation');
    const space = d.catalogue.space(reservation.spaceId)!;
    const location = d.catalogue.location(space.locationId)!;
    return { reservation, space, location };
  }

  function view(id: number): ReservationView {
    const reservation = d.reservations.byId(id)!;
    const space = d.catalogue.space(reservation.spaceId)!;
    return { reservation, space, location: d.catalogue.location(space.locationId)! };
  }

  /** The view with the state as of now, so a no-show shows as one before the sweep writes it. */
  function current(v: ReservationView, now: number): ReservationView {
    const state = effectiveState(v.reservation, v.space.kind, v.location.policy, now);
    return state === v.reservation.state ? v : { ...v, reservation: { ...v.reservation, state } };
  }

  function publish(v: ReservationView, state: ReservationState): void {
    const e: AvailabilityEvent = { locationId: v.location.id, spaceId: v.space.id, reservationId: v.reservation.id, state };
    d.events.publish(e);
  }

  /**
   * Writes down the no-shows and completions that are due among the active reservations on a
   * space in a window, and answers the ones still active. Needed before an insert: the trigger
   * counts stored states only.
   */
  function settleSpace(space: SpaceWithKey, location: Location, i: Interval, now: number): ReservationOfSpace[] {
    return d.reservations.activeOnSpace(space.id, i.start, i.end).filter((r) => !settle(r, location, now));
  }

  function settle(r: ReservationOfSpace, location: Location, now: number): boolean {
    const state = effectiveState(r, r.kind, location.policy, now);
    if (state === r.state) return false;
    if (!d.reservations.transition(r.id, r.state, state, { endedAt: now })) return false;
    d.events.publish({ locationId: location.id, spaceId: r.spaceId, reservationId: r.id, state });
    return true;
  }

  /**
   * Checks in a reservation whose owner is present (by the space's key, a pass, or the room's
   * display) at `at`. `scannedAt` marks a check-in made offline and sent later: it counts when
   * the scan lay inside the check-in window and arrives within offlineCheckInMaxHours. A
   * booking auto-released meanwhile is restored if the space is still free; if someone else's
   * reservation was accepted for it, that one stands (spot_taken). Runs inside the caller's
   * transaction.
   */
  function admit(v: ReservationView, at: number, now: number, scannedAt: number | undefined, actor: string, origin: string | null): void {
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
    const others = settleSpace(v.space, v.location, v.reservation, now).filter((r) => r.id !== id);
    if (others.length > 0) {
      throw new DomainError('spot_taken', 'someone else reserved this space meanwhile', { alternative: alternativeFor(v.space, v.location, v.reservation, now) });
    }
    d.reservations.transition(id, d.reservations.byId(id)!.state, 'checked_in', { checkedInAt: at });
    d.audit.record({ actor, action: 'reservation.check_in', object: `reservation:${id}`, result: 'ok', origin, details: scannedAt === undefined ? undefined : { offline: true } }, now);
  }

  /**
   * A free space of the same kind for the interval, in the same zone when possible: what a
   * person who lost a race (or whose offline reservation met a taken spot) is offered instead.
   */
  function alternativeFor(space: SpaceWithKey, location: Location, i: Interval, now: number): AlternativeDto | null {
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

  /** Refuses when the space is taken, or when the person already holds the desks the policy allows. */
  function ensureBookable(actor: Actor, space: SpaceWithKey, location: Location, i: Interval, now: number): void {
    if (settleSpace(space, location, i, now).length > 0) {
      throw new DomainError('conflict', 'the space is already reserved for that time', { alternative: alternativeFor(space, location, i, now) });
    }
    if (d.reservations.reachedAhead(actor.id, location.id, now, location.policy.maxAhead)) {
      throw new DomainError('limit_reached', `at most ${location.policy.maxAhead} reservations to come at this location`, { maxAhead: location.policy.maxAhead });
    }
    if (space.kind === 'desk') {
      const held = d.reservations
        .activeOfUserByKind(actor.id, 'desk', i.start, i.end)
        .filter((r) => holdsSpace(r, r.kind, location.policy, now));
      if (held.length >= location.policy.maxPerDay) {
        throw new DomainError('limit_reached', `at most ${location.policy.maxPerDay} desk(s) at a time`, {
          maxPerDay: location.policy.maxPerDay,
        });
      }
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

  /** Free desks of a zone for an interval, after writing down what is due. */
  function freeDesksInZone(location: Location, zoneId: number, i: Interval, now: number): SpaceWithKey[] {
    return d.catalogue
      .spaces(location.id)
      .filter((sp) => sp.zoneId === zoneId && sp.kind === 'desk')
      .filter((sp) => settleSpace(sp, location, i, now).length === 0);
  }

  return {
    /**
     * A team's block of desks in its zone for one day, in one action: a desk for each named
     * member (members who already have a desk that day are skipped) and `held` desks the
     * team's members claim later, which return to everyone at the policy's release time on the
     * day before. All or nothing: with too few free desks nothing is reserved.
     */
    reserveBlock(
      actor: Actor,
      team: { id: number; zoneId: number },
      input: { date: string; memberIds: number[]; held: number },
      origin: string | null,
    ): { reserved: ReservationView[]; held: number; skipped: { userId: number; reason: 'has_desk' }[] } {
      const now = d.clock.now();
      const zone = d.catalogue.zone(team.zoneId)!;
      const location = d.catalogue.location(zone.locationId)!;
      const tz = location.timezone;
      const interval = dayPartInterval(input.date, 'day', location.policy, tz);
      const refusal = intervalRefusal(interval, location.policy, tz, now);
      if (refusal) throw new DomainError(refusal, refusalMessage[refusal]);
      const releaseAt = localToInstant(addDaysToDate(input.date, -1), location.policy.teamHoldReleaseTime, tz);
      if (input.held > 0 && releaseAt <= now) {
        throw new DomainError('hold_too_late', 'the release time for that day has passed', { releaseAt: iso(releaseAt, location) });
      }
      const result = d.uow.run(() => {
        const skipped: { userId: number; reason: 'has_desk' }[] = [];
        const members = [...new Set(input.memberIds)].filter((userId) => {
          const hasDesk = d.reservations.activeOfUserByKind(userId, 'desk', interval.start, interval.end).some((r) => holdsSpace(r, r.kind, location.policy, now));
          if (hasDesk) skipped.push({ userId, reason: 'has_desk' });
          return !hasDesk;
        });
        const free = freeDesksInZone(location, zone.id, interval, now);
        if (free.length < members.length + input.held) {
          throw new DomainError('not_enough_desks', 'too few free desks in the zone that day', { free: free.length, needed: members.length + input.held });
        }
        const reserved = members.map((userId, k) =>
          d.reservations.insert({ spaceId: free[k]!.id, userId, start: interval.start, end: interval.end, state: 'booked', source: 'team', createdAt: now, checkedInAt: null }),
        );
        const held = free
          .slice(members.length, members.length + input.held)
          .map((sp) => d.reservations.insertHold({ spaceId: sp.id, userId: actor.id, start: interval.start, end: interval.end, createdAt: now, teamId: team.id, releaseAt }));
        d.audit.record(
          { actor: `u:${actor.id}`, action: 'team.block', object: `team:${team.id}`, result: 'ok', origin, details: { date: input.date, members: reserved.length, held: input.held } },
          now,
        );
        return { reserved, held, skipped };
      });
      const reserved = result.reserved.map(view);
      for (const v of [...reserved, ...result.held.map(view)]) publish(v, 'booked');
      return { reserved, held: input.held, skipped: result.skipped };
    },

    /** Held desks of a team still free on a local date. */
    heldOn(teamId: number, zoneId: number, date: string): number {
      const location = d.catalogue.location(d.catalogue.zone(zoneId)!.locationId)!;
      const i = dayPartInterval(date, 'day', location.policy, location.timezone);
      return d.reservations.heldForTeam(teamId, d.clock.now(), i.start, i.end).filter((r) => r.start === i.start).length;
    },

    /** A member takes one of their team's held desks for a day; it becomes an ordinary booking. */
    claimHeld(actor: Actor, team: { id: number; zoneId: number }, date: string, origin: string | null): ReservationView {
      const now = d.clock.now();
      const location = d.catalogue.location(d.catalogue.zone(team.zoneId)!.locationId)!;
      const i = dayPartInterval(date, 'day', location.policy, location.timezone);
      const id = d.uow.run(() => {
        const held = d.reservations.heldForTeam(team.id, now, i.start, i.end);
        if (held.length === 0) throw new DomainError('no_held_desk', 'no held desk is left for that day');
        const mine = d.reservations.activeOfUserByKind(actor.id, 'desk', i.start, i.end).filter((r) => holdsSpace(r, r.kind, location.policy, now));
        if (mine.length >= location.policy.maxPerDay) {
          throw new DomainError('limit_reached', `at most ${location.policy.maxPerDay} desk(s) at a time`, { maxPerDay: location.policy.maxPerDay });
        }
        const desk = held[0]!;
        d.reservations.claim(desk.id, actor.id);
        d.audit.record({ actor: `u:${actor.id}`, action: 'team.claim', object: `reservation:${desk.id}`, result: 'ok', origin }, now);
        return desk.id;
      });
      const v = view(id);
      publish(v, 'booked');
      return v;
    },

    /** Held desks nobody claimed go back to everyone at their release time. */
    releaseHolds(): number {
      const now = d.clock.now();
      const released = d.uow.run(() => d.reservations.dueHolds(now).filter((r) => d.reservations.transition(r.id, 'booked', 'cancelled', { endedAt: now })));
      for (const r of released) publish(view(r.id), 'cancelled');
      return released.length;
    },

    create(actor: Actor, input: CreateReservationBody, origin: string | null): ReservationView {
      const now = d.clock.now();
      const { space, location } = spaceAndLocation(input.spaceId);
      const tz = location.timezone;
      const interval =
        'date' in input
          ? clampToNow(dayPartInterval(input.date, input.part, location.policy, tz), now)
          : { start: Date.parse(input.start), end: Date.parse(input.end) };
      const refusal = intervalRefusal(interval, location.policy, tz, now);
      if (refusal) throw new DomainError(refusal, refusalMessage[refusal]);
      const id = d.uow.run(() => {
        ensureBookable(actor, space, location, interval, now);
        return insert(actor, space, interval, 'booked', 'app', now, origin);
      });
      // Built from what was just written rather than read back: creating is the hot path.
      const reservation = { id, spaceId: space.id, userId: actor.id, ...interval, state: 'booked' as const, createdAt: now, checkedInAt: null, endedAt: null, kind: space.kind, locationId: location.id };
      const v = { reservation, space, location };
      publish(v, 'booked');
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
      return this.walkUpSpace(actor, found.id, origin);
    },

    /**
     * Reserve from now and check in at once: until the end of the day-part for a desk, an hour
     * for a room (or `minutes`, from a room display), cut short where the next booking begins.
     */
    walkUpSpace(actor: Actor, spaceId: number, origin: string | null, minutes?: number): { view: ReservationView; created: boolean } {
      // A person scanning their own booked place checks in that booking; a room display (minutes) always books anew.
      const now = d.clock.now();
      const { space, location } = spaceAndLocation(spaceId);
      const start = Math.floor(now / MINUTE) * MINUTE;
      const wanted = minutes ? { start, end: start + minutes * MINUTE } : walkUpInterval(space.kind, location.policy, location.timezone, now);
      if (!wanted) throw new DomainError('location_closed', 'the location is closed for today');
      const result = d.uow.run(() => {
        const existing = settleSpace(space, location, wanted, now);
        const mine = minutes ? undefined : existing.find((r) => r.userId === actor.id && r.start <= now + location.policy.checkInOpensMinutes * MINUTE);
        if (mine) {
          if (mine.state === 'booked') d.reservations.transition(mine.id, 'booked', 'checked_in', { checkedInAt: now });
          return { id: mine.id, created: false };
        }
        // A free slot that ends where the next booking begins is still worth taking.
        const nextStart = Math.min(wanted.end, ...existing.map((r) => r.start));
        if (nextStart - wanted.start < MIN_WALK_UP) throw new DomainError('conflict', 'the space is taken now');
        const interval = { start: wanted.start, end: nextStart };
        ensureBookable(actor, space, location, interval, now);
        return { id: insert(actor, space, interval, 'checked_in', 'walk_up', now, origin), created: true };
      });
      const v = view(result.id);
      publish(v, 'checked_in');
      return { view: v, created: result.created };
    },

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
        const v = view(r.id);
        if (r.state === 'checked_in') {
          if (r.end > now) admitted.push(r.id);
          continue;
        }
        if (!checkInVerdict(r, r.kind, v.location.policy, at).ok) continue;
        try {
          d.uow.run(() => admit(v, at, now, scannedAt, `u:${userId}`, origin));
          admitted.push(r.id);
          publish(view(r.id), 'checked_in');
        } catch (err) {
          if (!(err instanceof DomainError)) throw err; // taken meanwhile: the others still count
        }
      }
      return admitted.map(view);
    },

    /**
     * Retires a space: it keeps its history, takes no new reservations, and its bookings that
     * have not started are cancelled. Returns them, so their owners can be told.
     */
    retireSpace(spaceId: number, actor: string, origin: string | null): ReservationView[] {
      const now = d.clock.now();
      const space = d.catalogue.space(spaceId);
      if (!space) throw new DomainError('not_found', 'no such space');
      const cancelled = d.uow.run(() => {
        d.catalogue.retire(spaceId);
        const future = d.reservations.futureOnSpace(spaceId, now);
        for (const r of future) d.reservations.transition(r.id, 'booked', 'cancelled', { endedAt: now });
        d.audit.record({ actor, action: 'admin.space.retire', object: `space:${spaceId}`, result: 'ok', origin, details: { cancelled: future.length } }, now);
        return future.map((r) => r.id);
      });
      const views = cancelled.map(view);
      for (const v of views) publish(v, 'cancelled');
      return views;
    },

    /** A room's meeting now and the next one today, for a room display. */
    roomStatus(spaceId: number): { current: ReservationView | null; next: ReservationView | null } {
      const now = d.clock.now();
      const { space, location } = spaceAndLocation(spaceId);
      const endOfDay = localToInstant(addDaysToDate(localDate(now, location.timezone), 1), '00:00', location.timezone);
      const holds = d.reservations.activeOnSpace(space.id, now, endOfDay).filter((r) => holdsSpace(r, r.kind, location.policy, now));
      holds.sort((a, b) => a.start - b.start);
      const current = holds.find((r) => r.start <= now) ?? null;
      const next = holds.find((r) => r.start > now) ?? null;
      return { current: current && view(current.id), next: next && view(next.id) };
    },

    /** At the room's door: checks in the meeting that is on now, whoever booked it. */
    checkInRoom(spaceId: number, origin: string | null): ReservationView {
      const { current } = this.roomStatus(spaceId);
      if (!current) throw new DomainError('not_found', 'no meeting now');
      if (current.reservation.state === 'checked_in') return current;
      const now = d.clock.now();
      d.uow.run(() => admit(current, now, now, undefined, `room:${spaceId}`, origin));
      const v = view(current.reservation.id);
      publish(v, 'checked_in');
      return v;
    },

    /** "Vroegtijdig beëindigen": the meeting on now ends, the room is free at once. */
    endRoom(spaceId: number, origin: string | null): ReservationView {
      const { current } = this.roomStatus(spaceId);
      if (!current) throw new DomainError('not_found', 'no meeting now');
      const now = d.clock.now();
      const from = current.reservation.state;
      const to = from === 'checked_in' ? 'completed' : 'cancelled';
      d.uow.run(() => {
        d.reservations.transition(current.reservation.id, from, to, { endedAt: now });
        d.audit.record({ actor: `room:${spaceId}`, action: 'reservation.end_early', object: `reservation:${current.reservation.id}`, result: 'ok', origin }, now);
      });
      const v = view(current.reservation.id);
      publish(v, to);
      return v;
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
        admit(v, scannedAt ?? now, now, scannedAt, `u:${actor.id}`, origin);
      });
      const v = view(id);
      publish(v, 'checked_in');
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
        d.audit.record({ actor: `u:${actor.id}`, action: 'reservation.release', object: `reservation:${id}`, result: 'ok', origin }, now);
      });
      const v = view(id);
      publish(v, v.reservation.state);
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
    week(locationId: number, fromDate: string): { date: string; reserved: number; desks: number; expected: number; cap: number | null; overCap: boolean }[] {
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

    /**
     * The earliest moment before `horizon` at which a booking becomes a no-show or a check-in
     * ends, so the sweep can run right then and boards see the space free within a second.
     */
    nextDue(horizon: number): number | null {
      const locations = new Map<number, Location>();
      let next: number | null = null;
      for (const r of d.reservations.sweepCandidates(horizon)) {
        const location = locations.get(r.locationId) ?? d.catalogue.location(r.locationId)!;
        locations.set(location.id, location);
        const due = r.state === 'booked' ? noShowDeadline(r, r.kind, location.policy) : r.end;
        if (due <= horizon && (next === null || due < next)) next = due;
      }
      return next;
    },

    /**
     * Writes the due no-shows and completions. Idempotent: state lives in the database, and each
     * transition only applies to a row still in its old state, so a second run or a restart
     * changes nothing twice. A checked-in reservation never becomes a no-show.
     */
    sweep(): { noShows: number; completed: number } {
      const now = d.clock.now();
      const locations = new Map<number, Location>();
      let noShows = 0;
      let completed = 0;
      // A page at a time, each in its own transaction: a big backlog (after downtime) neither
      // holds all rows in memory nor blocks other writers for the whole sweep.
      for (const state of ['booked', 'checked_in'] as const) {
        let after = { start: -Infinity, id: 0 };
        for (;;) {
          const page = d.reservations.sweepPage(state, now, after, SWEEP_PAGE);
          if (page.length === 0) break;
          d.uow.run(() => {
            for (const r of page) {
              const location = locations.get(r.locationId) ?? d.catalogue.location(r.locationId)!;
              locations.set(location.id, location);
              if (!settle(r, location, now)) continue;
              if (r.state === 'booked') noShows++;
              else completed++;
            }
          });
          const last = page.at(-1)!;
          after = { start: last.start, id: last.id };
        }
      }
      return { noShows, completed };
    },
  };
}

const refusalMessage = {
  invalid_interval: 'the end must be after the start, at most 24 hours later',
  start_in_past: 'the time lies in the past',
  too_far_ahead: 'that date is beyond how far ahead this location can be reserved',
} as const;

function iso(ms: number, location: Location): string {
  return toIsoInZone(ms, location.timezone);
}

export type ReservationService = ReturnType<typeof createReservationService>;
