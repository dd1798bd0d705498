import { DomainError } from '../../shared/errors.js';
import { dayPartInterval, intervalRefusal, type Interval } from '../../shared/rules.js';
import { addDaysToDate, localToInstant } from '../../shared/time.js';
import type { Location } from '../../shared/types.js';
import type { AuditStore } from '../audit/audit.store.js';
import type { Clock } from '../clock.js';
import type { UnitOfWork } from '../db/unit-of-work.js';
import { ensureOpenOnHolidays } from '../holidays.js';
import type { Actor, ReservationView, SpaceWithKey } from '../domain.js';
import { desksHeldBy, iso, publish, refusalMessage, settleSpace, viewOf, type Settling } from './reservation.steps.js';

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
      ensureOpenOnHolidays(interval, location);
      const releaseAt = localToInstant(addDaysToDate(input.date, -1), location.policy.teamHoldReleaseTime, tz);
      if (input.held > 0 && releaseAt <= now) {
        throw new DomainError('hold_too_late', 'the release time for that day has passed', { releaseAt: iso(releaseAt, location) });
      }
      const result = d.uow.run(() => {
        const skipped: { userId: number; reason: 'has_desk' }[] = [];
        const members = [...new Set(input.memberIds)].filter((userId) => {
          const hasDesk = desksHeldBy(d, userId, location, interval, now).length > 0;
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
        d.mail.teamReserved(actor.name, reserved);
        return { reserved, held, skipped };
      });
      const reserved = result.reserved.map((id) => viewOf(d, id));
      for (const v of [...reserved, ...result.held.map((id) => viewOf(d, id))]) publish(d, v, 'booked');
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
