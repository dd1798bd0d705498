import { Secret } from 'otpauth';
import type { ColleagueDto, PassDto } from '../../shared/api.js';
import { defaultPolicy, holdsSpace } from '../../shared/rules.js';
import type { AuditStore } from '../audit/audit.store.js';
import type { UserStore } from '../auth/user.store.js';
import type { CatalogueStore } from '../catalogue/catalogue.store.js';
import type { Clock } from '../clock.js';
import type { Actor } from '../domain.js';
import type { PeopleStore } from './people.store.js';

interface Deps {
  people: PeopleStore;
  users: UserStore;
  catalogue: CatalogueStore;
  audit: AuditStore;
  clock: Clock;
}

export const PASS_PERIOD_SECONDS = 30;
export const PASS_DIGITS = 6;

/** Colleagues, one's own settings and pass. */
export function createPeopleService(d: Deps) {
  return {
    /**
     * Where the people of my teams sit in [from, to): only those who allow it, only active
     * reservations (a no-show is not a place). Times come back as instants; routes format them.
     */
    colleagues(actor: Actor, from: number, to: number) {
      const now = d.clock.now();
      const places = d.people.places(actor.id, from, to).filter((p) => {
        const policy = d.catalogue.location(p.location_id)?.policy ?? defaultPolicy;
        return holdsSpace({ start: p.start_ms, end: p.end_ms, createdAt: p.created_at, state: p.state }, p.kind, policy, now);
      });
      return d.people.colleagues(actor.id).map((c) => ({
        id: c.id,
        name: c.name,
        teams: c.teams.split('|'),
        places: places.filter((p) => p.user_id === c.id),
      }));
    },

    setShowPresence(actor: Actor, show: boolean): void {
      d.users.setShowPresence(actor.id, show);
      d.audit.record({ actor: `u:${actor.id}`, action: 'me.presence', object: `user:${actor.id}`, result: 'ok', details: { show } }, d.clock.now());
    },

    /** The TOTP seed of the person's pass, handed to their own phone only. */
    pass(actor: Actor): PassDto {
      const user = d.users.byId(actor.id)!;
      const secret = new Secret({ buffer: new Uint8Array(Buffer.from(user.passSecret, 'base64url')).buffer });
      return { userId: actor.id, secret: secret.base32, period: PASS_PERIOD_SECONDS, digits: PASS_DIGITS, algorithm: 'SHA1' };
    },
  };
}

export type PeopleService = ReturnType<typeof createPeopleService>;
export type ColleagueView = ReturnType<PeopleService['colleagues']>[number];
export type { ColleagueDto };
