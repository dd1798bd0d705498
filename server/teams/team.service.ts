import { DomainError } from '../../shared/errors.js';
import type { TeamBlockBody, UpdateTeamBody } from '../../shared/schemas.js';
import { addDaysToDate, localDate } from '../../shared/time.js';
import { weekdays, type Weekday } from '../../shared/types.js';
import type { AuditStore } from '../audit/audit.store.js';
import type { CatalogueStore } from '../catalogue/catalogue.store.js';
import type { Clock } from '../clock.js';
import type { UnitOfWork } from '../db/unit-of-work.js';
import type { Actor } from '../domain.js';
import type { TeamHoldService } from '../reservations/team-hold.service.js';
import type { TeamRecord, TeamStore } from './team.store.js';

interface Deps {
  /** Runs the writes inside the caller's unit of work (a route's write(), a job's), never a nested one. */
  uow: UnitOfWork;
  teams: TeamStore;
  catalogue: CatalogueStore;
  reservations: TeamHoldService;
  audit: AuditStore;
  clock: Clock;
}

/** How far ahead a member's list of team days reaches. */
const UPCOMING_DAYS = 14;

export interface TeamDay {
  date: string;
  /** Held desks still free for members to claim. */
  held: number;
}

export interface MyTeam extends TeamRecord {
  zone: { id: number; name: string; locationId: number; locationName: string } | null;
  /** Whether the caller may set the days and reserve blocks. */
  manages: boolean;
  members: { id: number; name: string }[] | null;
  upcoming: TeamDay[];
}

const weekdayOf = (date: string): Weekday | undefined => weekdays[new Date(`${date}T12:00:00Z`).getUTCDay() - 1];

/**
 * Teams: the admin creates them and sets their zone; a manager who is a member sets the team's
 * office days and reserves blocks of desks in the zone; members see their team days and claim
 * held desks.
 */
export function createTeamService(d: Deps) {
  function team(id: number): TeamRecord {
    const t = d.teams.byId(id);
    if (!t) throw new DomainError('not_found', 'no such team');
    return t;
  }

  const manages = (actor: Actor, t: TeamRecord) => actor.roles.includes('admin') || (actor.roles.includes('manager') && d.teams.isMember(t.id, actor.id));

  function managed(actor: Actor, id: number): TeamRecord {
    const t = team(id);
    if (!manages(actor, t)) throw new DomainError('forbidden', 'only a manager of this team can do this');
    return t;
  }

  function withZone(t: TeamRecord): { id: number; zoneId: number } {
    if (t.zoneId === null) throw new DomainError('no_team_zone', 'the team has no zone');
    return { id: t.id, zoneId: t.zoneId };
  }

  function ensureZone(zoneId: number | null | undefined): void {
    if (zoneId === null || zoneId === undefined) return;
    if (!d.catalogue.zone(zoneId) || !d.catalogue.zoneActive(zoneId)) throw new DomainError('not_found', 'no such zone');
  }

  return {
    all: (): TeamRecord[] => d.teams.all(),

    create(actor: Actor, input: { name: string; zoneId?: number | null }, origin: string | null): TeamRecord {
      if (d.teams.nameTaken(input.name)) throw new DomainError('name_taken', 'a team with this name exists');
      ensureZone(input.zoneId);
      const id = d.teams.insert(input.name, input.zoneId ?? null);
      d.audit.record({ actor: `u:${actor.id}`, action: 'admin.team.create', object: `team:${id}`, result: 'ok', origin }, d.clock.now());
      return team(id);
    },

    /** The admin changes anything; a team's manager too, which is how office days are set. */
    update(actor: Actor, id: number, input: UpdateTeamBody, origin: string | null): TeamRecord {
      const t = managed(actor, id);
      if (input.name !== undefined && d.teams.nameTaken(input.name, id)) throw new DomainError('name_taken', 'a team with this name exists');
      ensureZone(input.zoneId);
      // Which building a team works in is the admin's decision; its manager picks the zone in it.
      if (input.zoneId !== undefined && input.zoneId !== t.zoneId && !actor.roles.includes('admin')) {
        const home = t.zoneId === null ? undefined : d.catalogue.zone(t.zoneId)?.locationId;
        if (home === undefined || input.zoneId === null || d.catalogue.zone(input.zoneId)!.locationId !== home) {
          throw new DomainError('team_location_fixed', "only an admin moves a team to another location or takes its zone away");
        }
      }
      d.uow.run(() => {
        d.teams.update(id, { name: input.name ?? t.name, zoneId: input.zoneId === undefined ? t.zoneId : input.zoneId });
        if (input.days) d.teams.setDays(id, input.days);
        d.audit.record({ actor: `u:${actor.id}`, action: 'team.update', object: `team:${id}`, result: 'ok', origin, details: { changed: Object.keys(input) } }, d.clock.now());
      });
      return team(id);
    },

    /** The caller's teams with zone, office days and, the coming two weeks, the team days. */
    mine(actor: Actor): MyTeam[] {
      const now = d.clock.now();
      return d.teams.ofUser(actor.id).map((t) => {
        const zone = t.zoneId === null ? undefined : d.catalogue.zone(t.zoneId);
        const location = zone && d.catalogue.location(zone.locationId);
        const today = localDate(now, location?.timezone ?? 'Europe/Amsterdam');
        const dates = Array.from({ length: UPCOMING_DAYS }, (_, k) => addDaysToDate(today, k)).filter((date) => t.days.includes(weekdayOf(date)!));
        const canManage = manages(actor, t);
        return {
          ...t,
          zone: zone && location ? { id: zone.id, name: zone.name, locationId: location.id, locationName: location.name } : null,
          manages: canManage,
          members: canManage ? d.teams.members(t.id) : null,
          upcoming: dates.map((date) => ({ date, held: zone ? d.reservations.heldOn(t.id, zone.id, date) : 0 })),
        };
      });
    },

    /** Named members must belong to the team; held desks are claimed by members only. */
    reserveBlock(actor: Actor, id: number, input: TeamBlockBody, origin: string | null) {
      const t = withZone(managed(actor, id));
      const memberIds = input.memberIds ?? [];
      const strangers = memberIds.filter((userId) => !d.teams.isMember(id, userId));
      if (strangers.length > 0) throw new DomainError('invalid_input', 'not members of this team', { userIds: strangers });
      return d.reservations.reserveBlock(actor, t, { date: input.date, memberIds, held: input.held ?? 0 }, origin);
    },

    claim(actor: Actor, id: number, date: string, origin: string | null) {
      const t = team(id);
      // Someone outside the team learns nothing about it.
      if (!d.teams.isMember(id, actor.id)) throw new DomainError('not_found', 'no such team');
      return d.reservations.claimHeld(actor, withZone(t), date, origin);
    },
  };
}

export type TeamService = ReturnType<typeof createTeamService>;
