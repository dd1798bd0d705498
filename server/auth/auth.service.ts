import { DomainError } from '../../shared/errors.js';
import type { AuditStore } from '../audit/audit.store.js';
import type { Clock } from '../clock.js';
import type { Actor } from '../http/context.js';
import { randomSecret, sha256 } from '../security.js';
import { decoyHash, verifyPassword } from './password.js';
import type { LoginThrottle } from './throttle.js';
import type { UserStore } from './user.store.js';

export interface SessionPolicy {
  idleMs: number;
  absoluteMs: number;
}

interface Deps {
  users: UserStore;
  audit: AuditStore;
  throttle: LoginThrottle;
  clock: Clock;
  sessions: SessionPolicy;
}

/** Writing last-seen on every request would make every read a write; once a minute is enough. */
const TOUCH_EVERY_MS = 60_000;

/** Sign-in, sessions and sign-out. The cookie carries a random 256-bit id; only its hash is stored. */
export function createAuthService(d: Deps) {
  return {
    async login(email: string, password: string, origin: string): Promise<{ token: string; actor: Actor }> {
      const wait = d.throttle.retryAfter(email, origin);
      if (wait > 0) {
        d.audit.record({ actor: email, action: 'auth.login', result: 'refused', origin, details: { reason: 'throttled' } }, d.clock.now());
        throw new DomainError('too_many_attempts', 'too many failed sign-ins; try again later', { retryAfterSeconds: wait });
      }
      const user = d.users.byEmail(email);
      const ok = await verifyPassword(user?.passwordHash ?? (await decoyHash()), password);
      const now = d.clock.now();
      if (!user || !user.passwordHash || !ok) {
        d.throttle.fail(email, origin);
        d.audit.record({ actor: email, action: 'auth.login', result: 'failed', origin }, now);
        throw new DomainError('invalid_credentials', 'e-mail address or password is wrong');
      }
      if (user.disabled) {
        d.audit.record({ actor: `u:${user.id}`, action: 'auth.login', result: 'refused', origin, details: { reason: 'disabled' } }, now);
        throw new DomainError('account_disabled', 'this account has been disabled');
      }
      d.throttle.succeed(email);
      // Always a fresh id at sign-in, so a session id planted before sign-in is worthless.
      const token = randomSecret(32);
      d.users.insertSession(sha256(token), user.id, now);
      d.audit.record({ actor: `u:${user.id}`, action: 'auth.login', result: 'ok', origin }, now);
      return { token, actor: toActor(user) };
    },

    /** The person behind a session cookie, or null when it is unknown, idle too long or too old. */
    authenticate(token: string): { actor: Actor; sessionHash: string } | null {
      const idHash = sha256(token);
      const session = d.users.session(idHash);
      if (!session) return null;
      const now = d.clock.now();
      if (now - session.lastSeenAt > d.sessions.idleMs || now - session.createdAt > d.sessions.absoluteMs) {
        d.users.deleteSession(idHash);
        return null;
      }
      const user = d.users.byId(session.userId);
      if (!user || user.disabled) {
        d.users.deleteSession(idHash);
        return null;
      }
      if (now - session.lastSeenAt > TOUCH_EVERY_MS) d.users.touchSession(idHash, now);
      return { actor: toActor(user), sessionHash: idHash };
    },

    logout(sessionHash: string, actor: Actor, origin: string): void {
      d.users.deleteSession(sessionHash);
      d.audit.record({ actor: `u:${actor.id}`, action: 'auth.logout', result: 'ok', origin }, d.clock.now());
    },

    purgeExpiredSessions(): number {
      const now = d.clock.now();
      return d.users.deleteExpiredSessions(now - d.sessions.idleMs, now - d.sessions.absoluteMs);
    },
  };
}

export function toActor(u: Actor): Actor {
  return { id: u.id, email: u.email, name: u.name, roles: u.roles, teams: u.teams, showPresence: u.showPresence };
}

export type AuthService = ReturnType<typeof createAuthService>;
