import { DomainError } from '../../shared/errors.js';
import { defaultPolicy, mergePolicy, policyProblems, type PolicyPatch } from '../../shared/rules.js';
import type { CreateLocationBody, CreateSpaceBody, CreateUserBody, CreateZoneBody } from '../../shared/schemas.js';
import type { Location, Role, Zone } from '../../shared/types.js';
import type { AuditStore } from '../audit/audit.store.js';
import { hashPassword } from '../auth/password.js';
import type { UserRecord, UserStore } from '../auth/user.store.js';
import type { CatalogueStore, SpaceWithKey } from '../catalogue/catalogue.store.js';
import type { Clock } from '../clock.js';
import type { Db } from '../db/database.js';
import type { Actor } from '../http/context.js';
import { randomSecret } from '../security.js';

interface Deps {
  db: Db;
  users: UserStore;
  catalogue: CatalogueStore;
  audit: AuditStore;
  clock: Clock;
}

export const DEFAULT_TIMEZONE = 'Europe/Amsterdam';

/** What admins and facility managers set up: people, locations, zones, spaces and policies. */
export function createAdminService(d: Deps) {
  const audit = (actor: Actor | null, action: string, object: string, origin: string | null, details?: Record<string, unknown>) =>
    d.audit.record({ actor: actor ? `u:${actor.id}` : 'system', action, object, result: 'ok', origin, details }, d.clock.now());

  function location(id: number): Location {
    const l = d.catalogue.location(id);
    if (!l) throw new DomainError('not_found', 'no such location');
    return l;
  }

  return {
    async createUser(actor: Actor | null, input: CreateUserBody, origin: string | null): Promise<UserRecord> {
      if (d.users.byEmail(input.email)) throw new DomainError('email_taken', 'a user with this e-mail address exists');
      const { password, ...rest } = input;
      // Checked again after the await: another request may have taken the address meanwhile.
      return this.createUserWithHash(actor, rest, await hashPassword(password), origin);
    },

    /** For bulk creation (demo data) where one hash serves many accounts. */
    createUserWithHash(actor: Actor | null, input: Omit<CreateUserBody, 'password'>, passwordHash: string, origin: string | null): UserRecord {
      const id = d.db
        .transaction(() => {
          if (d.users.byEmail(input.email)) throw new DomainError('email_taken', 'a user with this e-mail address exists');
          const id = d.users.insert({ email: input.email, name: input.name, passwordHash, passSecret: randomSecret(20) }, d.clock.now());
          for (const role of new Set<Role>(input.roles)) d.users.addRole(id, role);
          for (const team of input.teams ?? []) d.users.addMember(d.users.ensureTeam(team), id);
          audit(actor, 'admin.user.create', `user:${id}`, origin, { roles: input.roles });
          return id;
        })
        .immediate();
      return d.users.byId(id)!;
    },

    /** Disabling ends every session of the person at once. */
    setUserDisabled(actor: Actor, userId: number, disabled: boolean, origin: string | null): UserRecord {
      const user = d.users.byId(userId);
      if (!user) throw new DomainError('not_found', 'no such user');
      d.db.transaction(() => {
        d.users.setDisabled(userId, disabled);
        if (disabled) d.users.deleteUserSessions(userId);
        audit(actor, disabled ? 'admin.user.disable' : 'admin.user.enable', `user:${userId}`, origin);
      })();
      return d.users.byId(userId)!;
    },

    /** The locations whose reception a receptionist works at. */
    setLocations(actor: Actor | null, userId: number, locationIds: number[], origin: string | null): number[] {
      if (!d.users.byId(userId)) throw new DomainError('not_found', 'no such user');
      for (const id of locationIds) location(id);
      d.db.transaction(() => {
        d.users.setLocations(userId, [...new Set(locationIds)]);
        audit(actor, 'admin.user.locations', `user:${userId}`, origin, { locationIds });
      })();
      return d.users.locations(userId);
    },

    setBhv(actor: Actor | null, userId: number, bhv: boolean, origin: string | null): UserRecord {
      if (!d.users.byId(userId)) throw new DomainError('not_found', 'no such user');
      d.users.setBhv(userId, bhv);
      audit(actor, 'admin.user.bhv', `user:${userId}`, origin, { bhv });
      return d.users.byId(userId)!;
    },

    /** The admin from PLEK_ADMIN_EMAIL/PASSWORD, created only while no admin exists. */
    async ensureAdmin(email: string, password: string): Promise<boolean> {
      if (d.users.anyAdmin()) return false;
      await this.createUser(null, { email, name: 'Beheerder', password, roles: ['admin', 'employee'] }, null);
      return true;
    },

    createLocation(actor: Actor | null, input: CreateLocationBody, origin: string | null): Location {
      if (d.catalogue.locationNameTaken(input.name)) throw new DomainError('name_taken', 'a location with this name exists');
      const id = d.catalogue.insertLocation(
        { name: input.name, kind: input.kind, timezone: input.timezone ?? DEFAULT_TIMEZONE, policy: defaultPolicy },
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

    updatePolicy(actor: Actor | null, locationId: number, patch: PolicyPatch, origin: string | null): Location {
      const merged = mergePolicy(location(locationId).policy, patch);
      const problems = policyProblems(merged);
      if (problems.length > 0) throw new DomainError('invalid_policy', problems.join('; '), problems);
      d.catalogue.updatePolicy(locationId, merged);
      audit(actor, 'admin.policy.update', `location:${locationId}`, origin, { changed: Object.keys(patch) });
      return location(locationId);
    },
  };
}

export type AdminService = ReturnType<typeof createAdminService>;
