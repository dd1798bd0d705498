import { DomainError } from '../../shared/errors.js';
import { dayPartInterval, intervalRefusal, openOn, type Interval } from '../../shared/rules.js';
import { addDaysToDate, localToInstant } from '../../shared/time.js';
import type { Location } from '../../shared/types.js';
import type { AuditStore } from '../audit/audit.store.js';
import type { Clock } from '../clock.js';
import type { UnitOfWork } from '../db/unit-of-work.js';
import { ensureOpenOnHolidays } from '../holidays.js';
import type { Actor, ReservationView, SpaceWithKey } from '../domain.js';
import { desksHeldBy, iso, publish, refusalMessage, settleSpace, viewOf, type Settling } from './reservation.steps.js';

/** What a block did: the desks reserved, how many are held, and what could not be done. */
export interface TeamBlockResult {
  reserved: ReservationView[];
  held: number;
  /** Named members without a new desk: they had one already, or none was free. */
  skipped: { userId: number; reason: 'has_desk' | 'no_free_desk' }[];
  /** Held desks asked for but not held, and why; null when all were held. */
  notHeld: { count: number; reason: 'hold_too_late' | 'not_enough_desks'; releaseAt: string | null } | null;
}

interface Deps extends Settling {
  /** Runs the writes inside the caller's unit of work (a route's write(), a job's), never a nested one. */
  uow: UnitOfWork;
  audit: AuditStore;
  clock: Clock;
}

/**
 * A team's block of desks for a day: desks for named members and desks held for the team,
 * which members claim later and which go back to everyone at the policy's release time.
 */
export function createTeamHoldService(d: Deps) {
  /** Free desks of a zone for an interval, after writing down what is due. */
  function freeDesksInZone(location: Location, zoneId: number, i: Interval, now: number): SpaceWithKey[] {
    return d.catalogue
      .spaces(location.id)
      .filter((sp) => sp.zoneId === zoneId && sp.kind === 'desk')
      .filter((sp) => settleSpace(d, sp, location, i, now).length === 0);
  }

  return {
    /**
     * A team's block of desks in its zone for one day, in one action: a desk for each named
     * member (members who already have a desk that day are skipped) and `held` desks the
     * team's members claim later, which return to everyone at the policy's release time on the
     * day before. What can be done is done and the answer says what could not, per member and
     * for the held desks: a manager asking for tomorrow after the release time still gets the
     * named members' desks. Only when nothing at all can be done is the request refused.
     */
    reserveBlock(actor: Actor, team: { id: number; zoneId: number }, input: { date: string; memberIds: number[]; held: number }, origin: string | null): TeamBlockResult {
      const now = d.clock.now();
      const zone = d.catalogue.zone(team.zoneId)!;
      const location = d.catalogue.location(zone.locationId)!;
      const tz = location.timezone;
      const interval = dayPartInterval(input.date, 'day', location.policy, tz);
      const refusal = intervalRefusal(interval, location.policy, tz, now);
      if (refusal) throw new DomainError(refusal, refusalMessage[refusal]);
      // The same rule the reservation screen and a single booking follow (slotRefusal).
      if (!openOn(input.date, location.policy)) throw new DomainError('closed_day', 'the location is closed on that day of the week');
      ensureOpenOnHolidays(interval, location);
      const releaseAt = localToInstant(addDaysToDate(input.date, -1), location.policy.teamHoldReleaseTime, tz);
      const holdTooLate = input.held > 0 && releaseAt <= now;
      const result = d.uow.run(() => {
        const skipped: TeamBlockResult['skipped'] = [];
        const members = [...new Set(input.memberIds)].filter((userId) => {
          const hasDesk = desksHeldBy(d, userId, location, interval, now).length > 0;
          if (hasDesk) skipped.push({ userId, reason: 'has_desk' });
          return !hasDesk;
        });
        const free = freeDesksInZone(location, zone.id, interval, now);
        // Named members first: they are people, held desks are a maybe.
        const seated = members.slice(0, free.length);
        for (const userId of members.slice(free.length)) skipped.push({ userId, reason: 'no_free_desk' });
        const canHold = holdTooLate ? 0 : Math.min(input.held, free.length - seated.length);
        const notHeld: TeamBlockResult['notHeld'] =
          input.held - canHold === 0 ? null : holdTooLate ? { count: input.held, reason: 'hold_too_late', releaseAt: iso(releaseAt, location) } : { count: input.held - canHold, reason: 'not_enough_desks', releaseAt: null };
        if (seated.length === 0 && canHold === 0) {
          if (holdTooLate && free.length >= members.length) throw new DomainError('hold_too_late', 'the release time for that day has passed', { releaseAt: iso(releaseAt, location) });
          if (members.length + input.held > 0) throw new DomainError('not_enough_desks', 'too few free desks in the zone that day', { free: free.length, needed: members.length + input.held });
        }
        const reserved = seated.map((userId, k) =>
          d.reservations.insert({ spaceId: free[k]!.id, userId, start: interval.start, end: interval.end, state: 'booked', source: 'team', createdAt: now, checkedInAt: null }),
        );
        const held = free
          .slice(seated.length, seated.length + canHold)
          .map((sp) => d.reservations.insertHold({ spaceId: sp.id, userId: actor.id, start: interval.start, end: interval.end, createdAt: now, teamId: team.id, releaseAt }));
        d.audit.record(
          { actor: `u:${actor.id}`, action: 'team.block', object: `team:${team.id}`, result: 'ok', origin, details: { date: input.date, members: reserved.length, held: held.length, notSeated: skipped.filter((x) => x.reason === 'no_free_desk').length, notHeld: notHeld?.count ?? 0 } },
          now,
        );
        d.mail.teamReserved(actor.name, reserved);
        return { reserved, held, skipped, notHeld };
      });
      const reserved = result.reserved.map((id) => viewOf(d, id));
      for (const v of [...reserved, ...result.held.map((id) => viewOf(d, id))]) publish(d, v, 'booked');
      return { reserved, held: result.held.length, skipped: result.skipped, notHeld: result.notHeld };
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
        if (desksHeldBy(d, actor.id, location, i, now).length >= location.policy.maxPerDay) {
          throw new DomainError('limit_reached', `at most ${location.policy.maxPerDay} desk(s) at a time`, { maxPerDay: location.policy.maxPerDay });
        }
        const desk = held[0]!;
        d.reservations.claim(desk.id, actor.id);
        d.mail.reservationConfirmed(desk.id);
        d.audit.record({ actor: `u:${actor.id}`, action: 'team.claim', object: `reservation:${desk.id}`, result: 'ok', origin }, now);
        return desk.id;
      });
      const v = viewOf(d, id);
      publish(d, v, 'booked');
      return v;
    },

    /** Held desks nobody claimed go back to everyone at their release time. */
    releaseHolds(): number {
      const now = d.clock.now();
      const released = d.uow.run(() => d.reservations.dueHolds(now).filter((r) => d.reservations.transition(r.id, 'booked', 'cancelled', { endedAt: now })));
      for (const r of released) publish(d, viewOf(d, r.id), 'cancelled');
      return released.length;
    },
  };
}

export type TeamHoldService = ReturnType<typeof createTeamHoldService>;
