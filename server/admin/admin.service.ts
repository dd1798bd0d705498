import { DomainError } from '../../shared/errors.js';
import { defaultPolicy, mergePolicy, policyProblems, type PolicyPatch } from '../../shared/rules.js';
import type { CreateLocationBody, CreateSpaceBody, CreateUserBody, CreateZoneBody, UpdateSpaceBody, UpdateUserBody } from '../../shared/schemas.js';
import type { FloorPlan, Location, LocationKind, PlanPosition, Role, Zone, ZoneCharacter } from '../../shared/types.js';
import type { AuditStore } from '../audit/audit.store.js';
import { hashPassword } from '../auth/password.js';
import type { UserStore } from '../auth/user.store.js';
import type { CatalogueStore } from '../catalogue/catalogue.store.js';
import type { Clock } from '../clock.js';
import type { UnitOfWork } from '../db/unit-of-work.js';
import type { Actor, SpaceWithKey, UserRecord } from '../domain.js';
import { randomSecret } from '../security.js';
import { addDaysToDate, localToInstant, toIsoInZone } from '../../shared/time.js';

interface Deps {
  /** Runs the writes inside the caller's unit of work (a route's write(), a job's), never a nested one. */
  uow: UnitOfWork;
  users: UserStore;
  catalogue: CatalogueStore;
  audit: AuditStore;
  clock: Clock;
}

export const DEFAULT_TIMEZONE = 'Europe/Amsterdam';
/** Users per page in the admin list. */
export const PAGE_SIZE = 50;

/** What admins and facility managers set up: people, locations, zones, spaces and policies. */
export function createAdminService(d: Deps) {
  const audit = (actor: Actor | null, action: string, object: string, origin: string | null, details?: Record<string, unknown>) =>
    d.audit.record({ actor: actor ? `u:${actor.id}` : 'system', action, object, result: 'ok', origin, details }, d.clock.now());

  function location(id: number): Location {
    const l = d.catalogue.location(id);
    if (!l) throw new DomainError('not_found', 'no such location');
    return l;
  }

  function zone(id: number): Zone {
    const z = d.catalogue.zone(id);
    if (!z || !d.catalogue.zoneActive(id)) throw new DomainError('not_found', 'no such zone');
    return z;
  }

  function space(id: number): SpaceWithKey {
    const sp = d.catalogue.space(id);
    if (!sp) throw new DomainError('not_found', 'no such space');
    return sp;
  }

  function user(id: number): UserRecord {
    const u = d.users.byId(id);
    if (!u) throw new DomainError('not_found', 'no such user');
    return u;
  }

  function ensureZoneIn(locationId: number, zoneId: number | null | undefined): void {
    if (zoneId === null || zoneId === undefined) return;
    const z = d.catalogue.zone(zoneId);
    if (z?.locationId !== locationId || !d.catalogue.zoneActive(zoneId)) {
      throw new DomainError('zone_not_in_location', 'the zone does not belong to this location');
    }
  }

  return {
    async createUser(actor: Actor | null, input: CreateUserBody, origin: string | null): Promise<UserRecord> {
      if (d.users.byEmail(input.email)) throw new DomainError('email_taken', 'a user with this e-mail address exists');
      const { password, ...rest } = input;
      // Checked again after the await: another request may have taken the address meanwhile.
      return this.createUserWithHash(actor, rest, await hashPassword(password), origin);
    },

    /** For bulk creation (demo data) where one hash serves many accounts, and for people from the identity provider (no password). */
    createUserWithHash(actor: Actor | null, input: Omit<CreateUserBody, 'password'>, passwordHash: string | null, origin: string | null): UserRecord {
      const id = d.uow.run(() => {
        if (d.users.byEmail(input.email)) throw new DomainError('email_taken', 'a user with this e-mail address exists');
        const id = d.users.insert({ email: input.email, name: input.name, passwordHash, passSecret: randomSecret(20) }, d.clock.now());
        for (const role of new Set<Role>(input.roles)) d.users.addRole(id, role);
        for (const team of input.teams ?? []) d.users.addMember(d.users.ensureTeam(team), id);
        audit(actor, 'admin.user.create', `user:${id}`, origin, { roles: input.roles });
        return id;
      });
      return d.users.byId(id)!;
    },

    /** Disabling ends every session of the person at once. */
    setUserDisabled(actor: Actor, userId: number, disabled: boolean, origin: string | null): UserRecord {
      const user = d.users.byId(userId);
      if (!user) throw new DomainError('not_found', 'no such user');
      d.uow.run(() => {
        // Nobody could enable anyone again, nor manage Plek, without an active admin.
        if (disabled && !user.disabled && user.roles.includes('admin') && d.users.activeAdmins() <= 1) {
          throw new DomainError('last_admin', 'the last active admin cannot be disabled');
        }
        d.users.setDisabled(userId, disabled);
        if (disabled) d.users.deleteUserSessions(userId);
        audit(actor, disabled ? 'admin.user.disable' : 'admin.user.enable', `user:${userId}`, origin);
      });
      return d.users.byId(userId)!;
    },

    /** The locations whose reception a receptionist works at. */
    setLocations(actor: Actor | null, userId: number, locationIds: number[], origin: string | null): number[] {
      if (!d.users.byId(userId)) throw new DomainError('not_found', 'no such user');
      for (const id of locationIds) location(id);
      d.uow.run(() => {
        d.users.setLocations(userId, [...new Set(locationIds)]);
        audit(actor, 'admin.user.locations', `user:${userId}`, origin, { locationIds });
      });
      return d.users.locations(userId);
    },

    setBhv(actor: Actor | null, userId: number, bhv: boolean, origin: string | null): UserRecord {
      if (!d.users.byId(userId)) throw new DomainError('not_found', 'no such user');
      d.users.setBhv(userId, bhv);
      audit(actor, 'admin.user.bhv', `user:${userId}`, origin, { bhv });
      return d.users.byId(userId)!;
    },

    /**
     * The audit log for the admin's viewer: newest first, PAGE_SIZE at a time, filtered by
     * actor (an e-mail is looked up as that person; failed sign-ins carry the e-mail tried),
     * action (a family with a trailing '.') and local dates, with the hash chain's verdict.
     */
    auditLog(f: { actor?: string; action?: string; from?: string; to?: string; page?: number }) {
      const tz = DEFAULT_TIMEZONE;
      const page = f.page ?? 1;
      const typed = f.actor?.trim() || null;
      const person = typed?.includes('@') ? d.users.byEmail(typed) : undefined;
      const filter = {
        actor: person ? `u:${person.id}` : typed,
        action: f.action?.trim() || null,
        from: f.from ? localToInstant(f.from, '00:00', tz) : null,
        to: f.to ? localToInstant(addDaysToDate(f.to, 1), '00:00', tz) : null,
      };
      const found = d.audit.find(filter, PAGE_SIZE, (page - 1) * PAGE_SIZE);
      const names = new Map<string, string | null>();
      const nameOf = (actor: string | null) => {
        const m = actor?.match(/^u:(\d+)$/);
        if (!m) return null;
        if (!names.has(actor!)) names.set(actor!, d.users.byId(Number(m[1]))?.name ?? null);
        return names.get(actor!)!;
      };
      const brokenAt = d.audit.verify();
      return {
        entries: found.rows.map((r) => ({
          id: r.id,
          at: toIsoInZone(r.at, tz),
          actor: r.actor,
          actorName: nameOf(r.actor),
          action: r.action,
          object: r.object,
          result: r.result,
          origin: r.origin,
          details: r.details ? (JSON.parse(r.details) as Record<string, unknown>) : null,
        })),
        total: found.total,
        page,
        pageSize: PAGE_SIZE,
        actions: d.audit.actions(),
        chain: { intact: brokenAt === null, brokenAt },
      };
    },

    /** People by name or e-mail, with a role when given, PAGE_SIZE at a time. */
    listUsers(search: string, page: number, role: Role | null = null): { users: (UserRecord & { locationIds: number[]; lastSignInAt: number | null })[]; total: number; page: number; pageSize: number } {
      const found = d.users.list(search, role, PAGE_SIZE, (page - 1) * PAGE_SIZE);
      return { users: found.users.map((u) => ({ ...u, locationIds: d.users.locations(u.id) })), total: found.total, page, pageSize: PAGE_SIZE };
    },

    /**
     * Renames a person, replaces their roles or their teams (teams by name, created when new).
     * The last active admin cannot lose the admin role: nobody could manage Plek after that.
     */
    updateUser(actor: Actor | null, userId: number, input: UpdateUserBody, origin: string | null): UserRecord {
      const before = user(userId);
      d.uow.run(() => {
        if (input.roles && before.roles.includes('admin') && !input.roles.includes('admin') && d.users.activeAdmins() <= 1) {
          throw new DomainError('last_admin', 'the last admin cannot lose the admin role');
        }
        if (input.name !== undefined) d.users.setName(userId, input.name);
        if (input.roles) d.users.setRoles(userId, input.roles);
        if (input.teams) d.users.setTeams(userId, input.teams.map((t) => d.users.ensureTeam(t)));
        audit(actor, 'admin.user.update', `user:${userId}`, origin, { changed: Object.keys(input), roles: input.roles });
      });
      return user(userId);
    },

    /**
     * The admin from PLEK_ADMIN_EMAIL/PASSWORD, only while no active admin exists: created, or,
     * when that address has an account already, enabled and made admin with this password (the
     * way back in after the last admin was disabled or lost the role).
     */
    async ensureAdmin(email: string, password: string): Promise<'created' | 'restored' | null> {
      if (d.users.anyAdmin()) return null;
      const existing = d.users.byEmail(email);
      if (!existing) {
        await this.createUser(null, { email, name: 'Beheerder', password, roles: ['admin', 'employee'] }, null);
        return 'created';
      }
      const hash = await hashPassword(password);
      d.uow.run(() => {
        d.users.setDisabled(existing.id, false);
        if (!existing.roles.includes('admin')) d.users.addRole(existing.id, 'admin');
        d.users.setPasswordHash(existing.id, hash);
        audit(null, 'admin.user.restore_admin', `user:${existing.id}`, null, { via: 'PLEK_ADMIN_EMAIL' });
      });
      return 'restored';
    },

    createLocation(actor: Actor | null, input: CreateLocationBody, origin: string | null): Location {
      if (d.catalogue.locationNameTaken(input.name)) throw new DomainError('name_taken', 'a location with this name exists');
      const id = d.catalogue.insertLocation(
        { name: input.name, kind: input.kind, address: input.address ?? null, timezone: input.timezone ?? DEFAULT_TIMEZONE, policy: defaultPolicy },
        d.clock.now(),
      );
      audit(actor, 'admin.location.create', `location:${id}`, origin);
      return location(id);
    },

    createZone(actor: Actor | null, locationId: number, input: CreateZoneBody, origin: string | null): Zone {
      location(locationId);
      if (d.catalogue.zoneNameTaken(locationId, input.name)) throw new DomainError('name_taken', 'this location has a zone with this name');
      const id = d.catalogue.insertZone({ locationId, name: input.name, character: input.character, floor: input.floor ?? null });
      audit(actor, 'admin.zone.create', `zone:${id}`, origin);
      return d.catalogue.zone(id)!;
    },

    createSpace(actor: Actor | null, locationId: number, input: CreateSpaceBody, origin: string | null): SpaceWithKey {
      location(locationId);
      if (input.zoneId !== undefined && d.catalogue.zone(input.zoneId)?.locationId !== locationId) {
        throw new DomainError('zone_not_in_location', 'the zone does not belong to this location');
      }
      if (d.catalogue.spaceByCode(input.code)) throw new DomainError('code_taken', 'a space with this code exists');
      const id = d.catalogue.insertSpace(
        {
          locationId,
          zoneId: input.zoneId ?? null,
          code: input.code,
          name: input.name,
          kind: input.kind,
          capacity: input.capacity ?? 1,
          features: [...new Set(input.features ?? [])],
          key: randomSecret(16),
        },
        d.clock.now(),
      );
      audit(actor, 'admin.space.create', `space:${id}`, origin);
      return d.catalogue.space(id)!;
    },

    /** A new secret for a space's label: the old printed label stops working at once. */
    rotateKey(actor: Actor, spaceId: number, origin: string | null): SpaceWithKey {
      const space = d.catalogue.space(spaceId);
      if (!space) throw new DomainError('not_found', 'no such space');
      d.catalogue.setKey(spaceId, randomSecret(16));
      audit(actor, 'admin.space.rotate_key', `space:${spaceId}`, origin);
      return d.catalogue.space(spaceId)!;
    },

    updateLocation(actor: Actor, locationId: number, input: { name?: string; kind?: LocationKind; address?: string | null }, origin: string | null): Location {
      const l = location(locationId);
      if (input.name !== undefined && d.catalogue.locationNameTaken(input.name, locationId)) throw new DomainError('name_taken', 'a location with this name exists');
      d.catalogue.updateLocation(locationId, { name: input.name ?? l.name, kind: input.kind ?? l.kind, address: input.address === undefined ? l.address : input.address });
      audit(actor, 'admin.location.update', `location:${locationId}`, origin, { changed: Object.keys(input) });
      return location(locationId);
    },

    /**
     * Takes a location out of every list. Its spaces are retired by the caller first (that
     * cancels their bookings and tells the owners), so here only the location itself goes.
     */
    retireLocation(actor: Actor, locationId: number, origin: string | null): void {
      location(locationId);
      d.catalogue.retireLocation(locationId);
      audit(actor, 'admin.location.retire', `location:${locationId}`, origin);
    },

    updateZone(actor: Actor, zoneId: number, input: { name?: string; character?: ZoneCharacter; floor?: number | null }, origin: string | null): Zone {
      const z = zone(zoneId);
      if (input.name !== undefined && d.catalogue.zoneNameTaken(z.locationId, input.name, zoneId)) throw new DomainError('name_taken', 'this location has a zone with this name');
      d.catalogue.updateZone(zoneId, { name: input.name ?? z.name, character: input.character ?? z.character, floor: input.floor === undefined ? z.floor : input.floor });
      audit(actor, 'admin.zone.update', `zone:${zoneId}`, origin, { changed: Object.keys(input) });
      return d.catalogue.zone(zoneId)!;
    },

    /** Like retireLocation: the caller retires the zone's spaces first. */
    retireZone(actor: Actor, zoneId: number, origin: string | null): void {
      zone(zoneId);
      d.catalogue.retireZone(zoneId);
      audit(actor, 'admin.zone.retire', `zone:${zoneId}`, origin);
    },

    zone,

    updateSpace(actor: Actor, spaceId: number, input: UpdateSpaceBody, origin: string | null): SpaceWithKey {
      const sp = space(spaceId);
      if (!sp.active) throw new DomainError('space_unavailable', 'a retired space cannot be changed');
      ensureZoneIn(sp.locationId, input.zoneId);
      d.catalogue.updateSpace(spaceId, {
        name: input.name ?? sp.name,
        kind: input.kind ?? sp.kind,
        zoneId: input.zoneId === undefined ? sp.zoneId : input.zoneId,
        capacity: input.capacity ?? sp.capacity,
        features: input.features ? [...new Set(input.features)] : sp.features,
      });
      audit(actor, 'admin.space.update', `space:${spaceId}`, origin, { changed: Object.keys(input) });
      return space(spaceId);
    },

    addPlan(actor: Actor | null, locationId: number, input: { name: string; floor?: number; zoneId?: number; mime: string; image: Buffer }, origin: string | null): FloorPlan {
      location(locationId);
      ensureZoneIn(locationId, input.zoneId);
      const id = d.catalogue.insertPlan(
        { locationId, zoneId: input.zoneId ?? null, floor: input.floor ?? null, name: input.name, mime: input.mime, image: input.image },
        d.clock.now(),
      );
      audit(actor, 'admin.plan.create', `plan:${id}`, origin, { bytes: input.image.length });
      return d.catalogue.plan(id)!;
    },

    deletePlan(actor: Actor, planId: number, origin: string | null): void {
      if (!d.catalogue.plan(planId)) throw new DomainError('not_found', 'no such floor plan');
      d.uow.run(() => d.catalogue.deletePlan(planId));
      audit(actor, 'admin.plan.delete', `plan:${planId}`, origin);
    },

    /** Puts a space on a plan of its own location (or takes it off with null). */
    placeSpace(actor: Actor | null, spaceId: number, at: PlanPosition | null, origin: string | null): SpaceWithKey {
      const sp = space(spaceId);
      if (at && d.catalogue.plan(at.planId)?.locationId !== sp.locationId) {
        throw new DomainError('plan_not_in_location', 'the floor plan belongs to another location');
      }
      d.catalogue.place(spaceId, at);
      audit(actor, 'admin.space.place', `space:${spaceId}`, origin);
      return space(spaceId);
    },

    updatePolicy(actor: Actor | null, locationId: number, patch: PolicyPatch, origin: string | null): Location {
      const merged = mergePolicy(location(locationId).policy, patch);
      const problems = policyProblems(merged);
      if (problems.length > 0) throw new DomainError('invalid_policy', problems.map((p) => p.message).join('; '), problems);
      d.catalogue.updatePolicy(locationId, merged);
      audit(actor, 'admin.policy.update', `location:${locationId}`, origin, { changed: Object.keys(patch) });
      return location(locationId);
    },
  };
}

export type AdminService = ReturnType<typeof createAdminService>;
