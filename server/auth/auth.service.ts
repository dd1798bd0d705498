import { Secret, TOTP } from 'otpauth';
import { DomainError } from '../../shared/errors.js';
import type { Role } from '../../shared/types.js';
import type { AuditStore } from '../audit/audit.store.js';
import type { Clock } from '../clock.js';
import { isStorageFailure, logStorageFailure } from '../db/storage-failure.js';
import type { Actor, UserRecord } from '../domain.js';
import { randomSecret, sha256 } from '../security.js';
import { decoyHash, verifyPassword } from './password.js';
import type { Backoff, LoginThrottle } from './throttle.js';
import type { SecondFactorStore } from './second-factor.store.js';
import type { UserStore } from './user.store.js';

export interface SessionPolicy {
  idleMs: number;
  absoluteMs: number;
}

interface Deps {
  users: UserStore;
  audit: AuditStore;
  throttle: LoginThrottle;
  /** Wrong second-factor codes per account, across tickets: a password sign-in does not reset it. */
  secondFactorThrottle: Backoff;
  clock: Clock;
  sessions: SessionPolicy;
  secondFactor: SecondFactorStore;
  /** Local accounts with one of these roles need a second factor. */
  twoFactorRoles: Role[];
  localLogin: boolean;
}

/** What a correct password leads to: a session, or first the second factor. */
export type LoginOutcome =
  | { kind: 'session'; token: string; actor: Actor }
  | { kind: 'code'; ticket: string }
  | { kind: 'enrol'; ticket: string; secret: string; otpauthUrl: string };

const TICKET_MS = 5 * 60_000;
const TICKET_ATTEMPTS = 5;
const RECOVERY_CODES = 10;
const PERIOD = 30;

const totpOf = (secret: string, label: string) => new TOTP({ issuer: 'Plek', label, secret: Secret.fromBase32(secret), algorithm: 'SHA1', digits: 6, period: PERIOD });

/** A recovery code as typed: case and dashes do not matter. */
const normaliseCode = (code: string) => code.toLowerCase().replace(/[^a-z0-9]/g, '');
const CODE_ALPHABET = 'abcdefghjkmnpqrstuvwxyz23456789';
function newRecoveryCode(): string {
  const bytes = Buffer.from(randomSecret(16), 'base64url');
  const chars = [...bytes.subarray(0, 10)].map((b) => CODE_ALPHABET[b % CODE_ALPHABET.length]).join('');
  return `${chars.slice(0, 5)}-${chars.slice(5)}`;
}

/** Writing last-seen on every request would make every read a write; once a minute is enough. */
const TOUCH_EVERY_MS = 60_000;

/** Sign-in, sessions and sign-out. The cookie carries a random 256-bit id; only its hash is stored. */
export function createAuthService(d: Deps) {
  /** A fresh session for a person who proved who they are. */
  function startSession(user: UserRecord, origin: string, via: 'password' | 'oidc', details?: Record<string, unknown>): { token: string; actor: Actor } {
    const now = d.clock.now();
    // Always a fresh id at sign-in, so a session id planted before sign-in is worthless.
    const token = randomSecret(32);
    d.users.insertSession(sha256(token), user.id, now, via);
    d.audit.record({ actor: `u:${user.id}`, action: 'auth.login', result: 'ok', origin, details: via === 'oidc' || details ? { via, ...details } : undefined }, now);
    return { token, actor: toActor(user) };
  }

  function openTicket(ticket: string, purpose: 'code' | 'enrol', origin: string) {
    const hash = sha256(ticket);
    const t = d.secondFactor.ticket(hash);
    const user = t && d.users.byId(t.userId);
    if (!t || !user || t.purpose !== purpose || t.expiresAt <= d.clock.now() || t.attempts >= TICKET_ATTEMPTS || user.disabled) {
      throw new DomainError('ticket_expired', 'sign in again with your password');
    }
    // Each ticket costs only a password sign-in, so its own five tries are no limit on their own.
    const wait = d.secondFactorThrottle.wait(`u:${user.id}`);
    if (wait > 0) {
      d.audit.record({ actor: `u:${user.id}`, action: 'auth.second_factor', result: 'refused', origin, details: { reason: 'throttled' } }, d.clock.now());
      throw new DomainError('too_many_attempts', 'too many wrong codes; try again later', { retryAfterSeconds: Math.ceil(wait / 1000) });
    }
    return { hash, t, user };
  }

  function wrongCode(hash: string, t: { attempts: number }, user: UserRecord, origin: string): never {
    d.secondFactor.countAttempt(hash);
    d.secondFactorThrottle.fail(`u:${user.id}`);
    d.audit.record({ actor: `u:${user.id}`, action: 'auth.second_factor', result: 'failed', origin, details: { attemptsLeft: TICKET_ATTEMPTS - t.attempts - 1 } }, d.clock.now());
    throw new DomainError('invalid_code', 'the code is wrong or was used already');
  }

  return {
    startSession,

    async login(email: string, password: string, origin: string): Promise<LoginOutcome> {
      if (!d.localLogin) throw new DomainError('local_login_disabled', 'sign in through the identity provider');
      // Counted before the hash, so parallel guesses cannot all reach it before one has failed.
      const attempt = d.throttle.begin(email, origin);
      if ('retryAfterSeconds' in attempt) {
        d.audit.record({ actor: email, action: 'auth.login', result: 'refused', origin, details: { reason: 'throttled' } }, d.clock.now());
        throw new DomainError('too_many_attempts', 'too many failed sign-ins; try again later', { retryAfterSeconds: attempt.retryAfterSeconds });
      }
      let user: UserRecord | undefined;
      let ok = false;
      try {
        user = d.users.byEmail(email);
        ok = await verifyPassword(user?.passwordHash ?? (await decoyHash()), password);
      } catch (err) {
        attempt.abandon();
        throw err;
      }
      const now = d.clock.now();
      if (!user || !user.passwordHash || !ok) {
        attempt.fail();
        d.audit.record({ actor: email, action: 'auth.login', result: 'failed', origin }, now);
        throw new DomainError('invalid_credentials', 'e-mail address or password is wrong');
      }
      if (user.disabled) {
        attempt.abandon();
        d.audit.record({ actor: `u:${user.id}`, action: 'auth.login', result: 'refused', origin, details: { reason: 'disabled' } }, now);
        throw new DomainError('account_disabled', 'this account has been disabled');
      }
      attempt.succeed();
      if (!user.roles.some((r) => d.twoFactorRoles.includes(r))) return { kind: 'session', ...startSession(user, origin, 'password') };
      // The password was right; no session until the second factor is too.
      const ticket = randomSecret(32);
      const { secret } = d.secondFactor.totp(user.id);
      if (secret) {
        d.secondFactor.insertTicket(sha256(ticket), { userId: user.id, purpose: 'code', pendingSecret: null, expiresAt: now + TICKET_MS });
        d.audit.record({ actor: `u:${user.id}`, action: 'auth.password', result: 'ok', origin, details: { next: 'second_factor' } }, now);
        return { kind: 'code', ticket };
      }
      const pending = new Secret({ size: 20 }).base32;
      d.secondFactor.insertTicket(sha256(ticket), { userId: user.id, purpose: 'enrol', pendingSecret: pending, expiresAt: now + TICKET_MS });
      d.audit.record({ actor: `u:${user.id}`, action: 'auth.password', result: 'ok', origin, details: { next: 'enrol_second_factor' } }, now);
      return { kind: 'enrol', ticket, secret: pending, otpauthUrl: totpOf(pending, user.email).toString() };
    },

    /**
     * The second step: a code from the authenticator app (each code once), or a recovery code
     * (each once). A ticket takes five tries and five minutes at most.
     */
    secondFactor(ticket: string, code: string, origin: string): { token: string; actor: Actor } {
      const { hash, t, user } = openTicket(ticket, 'code', origin);
      const now = d.clock.now();
      const { secret } = d.secondFactor.totp(user.id);
      let used: 'totp' | 'recovery' | null = null;
      if (/^\d{6}$/.test(code.trim())) {
        const delta = totpOf(secret!, user.email).validate({ token: code.trim(), timestamp: now, window: 1 });
        if (delta !== null && d.secondFactor.useStep(user.id, Math.floor(now / 1000 / PERIOD) + delta)) used = 'totp';
      } else if (d.secondFactor.useRecoveryCode(user.id, sha256(normaliseCode(code)), now)) {
        used = 'recovery';
      }
      if (!used) return wrongCode(hash, t, user, origin);
      d.secondFactor.deleteTicket(hash);
      d.secondFactorThrottle.reset(`u:${user.id}`);
      return startSession(user, origin, 'password', { secondFactor: used, ...(used === 'recovery' ? { recoveryCodesLeft: d.secondFactor.recoveryCodesLeft(user.id) } : {}) });
    },

    /** Enrolment: the first code from the app proves it holds the secret; recovery codes are made once. */
    enrol(ticket: string, code: string, origin: string): { token: string; actor: Actor; recoveryCodes: string[] } {
      const { hash, t, user } = openTicket(ticket, 'enrol', origin);
      const now = d.clock.now();
      const delta = /^\d{6}$/.test(code.trim()) ? totpOf(t.pendingSecret!, user.email).validate({ token: code.trim(), timestamp: now, window: 1 }) : null;
      if (delta === null) return wrongCode(hash, t, user, origin);
      const recoveryCodes = Array.from({ length: RECOVERY_CODES }, newRecoveryCode);
      d.secondFactor.enrol(user.id, t.pendingSecret!, Math.floor(now / 1000 / PERIOD) + delta, recoveryCodes.map((c) => sha256(normaliseCode(c))));
      d.secondFactor.deleteTicket(hash);
      d.secondFactorThrottle.reset(`u:${user.id}`);
      d.audit.record({ actor: `u:${user.id}`, action: 'auth.second_factor.enrol', result: 'ok', origin }, now);
      return { ...startSession(user, origin, 'password', { secondFactor: 'totp' }), recoveryCodes };
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
      if (now - session.lastSeenAt > TOUCH_EVERY_MS) {
        try {
          d.users.touchSession(idHash, now);
        } catch (err) {
          // A full or read-only disk must not turn every read into a failure: the touch waits.
          if (!isStorageFailure(err)) throw err;
          logStorageFailure(err, 'session touch');
        }
      }
      return { actor: toActor(user), sessionHash: idHash };
    },

    session: (sessionHash: string) => d.users.session(sessionHash),

    logout(sessionHash: string, actor: Actor, origin: string): void {
      d.users.deleteSession(sessionHash);
      d.audit.record({ actor: `u:${actor.id}`, action: 'auth.logout', result: 'ok', origin }, d.clock.now());
    },

    purgeExpiredSessions(): number {
      const now = d.clock.now();
      d.secondFactor.purgeTickets(now);
      return d.users.deleteExpiredSessions(now - d.sessions.idleMs, now - d.sessions.absoluteMs);
    },
  };
}

export function toActor(u: Actor): Actor {
  return { id: u.id, email: u.email, name: u.name, roles: u.roles, teams: u.teams, showPresence: u.showPresence };
}

export type AuthService = ReturnType<typeof createAuthService>;
