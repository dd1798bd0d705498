import { randomInt } from 'node:crypto';
import { Secret, TOTP } from 'otpauth';
import { DomainError } from '../../shared/errors.js';
import { walkUpInterval } from '../../shared/rules.js';
import { roomBookEnd, roomBookStart } from '../../shared/room-display.js';
import { toIsoInZone } from '../../shared/time.js';
import type { AuditStore } from '../audit/audit.store.js';
import type { UserStore } from '../auth/user.store.js';
import type { CatalogueStore } from '../catalogue/catalogue.store.js';
import type { Clock } from '../clock.js';
import type { UnitOfWork } from '../db/unit-of-work.js';
import type { Actor, Kiosk } from '../domain.js';
import { PASS_DIGITS, PASS_PERIOD_SECONDS } from '../people/people.service.js';
import type { BookingService } from '../reservations/booking.service.js';
import type { ReservationReads } from '../reservations/reservation-reads.service.js';
import { randomSecret, sha256 } from '../security.js';
import { Backoff } from '../auth/throttle.js';
import { createBoardService } from './board.service.js';
import { closedAt } from '../holidays.js';
import type { KioskStore } from './kiosk.store.js';

interface Deps {
  /** Runs the writes inside the caller's unit of work (a route's write(), a job's), never a nested one. */
  uow: UnitOfWork;
  kiosks: KioskStore;
  users: UserStore;
  catalogue: CatalogueStore;
  audit: AuditStore;
  /** A pass checks in, a kiosk or room display walks up; the board reads availability. */
  reservations: Pick<BookingService, 'checkInPresent' | 'walkUpSpace'> & Pick<ReservationReads, 'availability'>;
  clock: Clock;
}

const PAIRING_MS = 10 * 60_000;
/**
 * Wrong pairing codes, from anywhere, that the outstanding codes survive: a wrong guess is a
 * guess at each of them, and a code is only read off one screen, so a few typos is all a real
 * pairing needs. Past this, the admin makes a new code.
 */
const PAIRING_GUESSES = 20;
/** A kiosk's scan this recent was made online; an older one must have been held in an outage. */
const LIVE_SCAN_MS = 2 * 60_000;
/** The device clock may run this far ahead of ours. */
const CLOCK_SKEW_MS = 60_000;
/** Without a request for this long, a kiosk counts as having been offline. */
const OFFLINE_AFTER_MS = 90_000;
/** A queued scan is sent as soon as the network is back; this long after, none is left. */
const FLUSH_MS = 10 * 60_000;
/** How long a kiosk may act for a person after their pass was read (to pick a walk-up desk). */
const VISIT_MS = 2 * 60_000;
// No 0/O, 1/I/L: codes are read off one screen and typed on another.
const CODE_ALPHABET = 'ABCDEFGHJKMNPQRSTUVWXYZ23456789';

export interface Visit {
  /** Lets the kiosk take a walk-up desk for this person; null when none can be taken today any more. */
  token: string | null;
  userId: number;
  name: string;
}

/**
 * Kiosks and room displays: paired devices, not people. A kiosk's credential is a random
 * token in an HttpOnly cookie, stored hashed, scoped to one location (or one room) and
 * revocable; it can only do what the kiosk screens need.
 */
export function createKioskService(d: Deps) {
  const boards = createBoardService(d);
  // Short-lived, in memory: a visit lasts two minutes and need not survive a restart.
  const visits = new Map<string, { userId: number; kioskId: number; expiresAt: number }>();
  let wrongPairingCodes = 0;
  /**
   * When each kiosk last made a request, and its last stretch without one: a scan older than a
   * couple of minutes is only believed if the kiosk was really out of contact when it was made.
   */
  const contact = new Map<number, { last: number; gap: { from: number; to: number } | null }>();
  /** Pass steps already used per person: a pass code checks in once, not again when replayed. */
  const usedSteps = new Map<number, Map<number, number>>();
  // A pass is 6 digits: unthrottled, a loop at one kiosk finds someone's code (and name) in minutes.
  const passFailures = new Backoff(d.clock, { free: 10, firstDelayMs: 5_000, maxDelayMs: 15 * 60_000, forgetMs: 60 * 60_000 });

  /** Refuses a scan time the kiosk cannot have had: in the future, too old, or from a time it was online. */
  function checkScanTime(k: Kiosk, at: number, now: number, maxHours: number): void {
    if (at > now + CLOCK_SKEW_MS) throw new DomainError('scan_in_future', 'the scan time lies in the future');
    if (now - at <= LIVE_SCAN_MS) return;
    if (now - at > maxHours * 3_600_000) throw new DomainError('scan_too_old', 'this pass was scanned too long ago to count', { maxHours });
    const gap = contact.get(k.id)?.gap;
    if (!gap || at < gap.from - OFFLINE_AFTER_MS || at > gap.to || now - gap.to > FLUSH_MS) {
      throw new DomainError('scan_too_old', 'this kiosk was online when the pass was scanned; scan it again', { maxHours });
    }
  }

  function stepUsed(userId: number, step: number, now: number): boolean {
    const steps = usedSteps.get(userId);
    if (!steps) return false;
    for (const [s, until] of steps) if (until < now) steps.delete(s);
    return steps.has(step);
  }

  function markStep(userId: number, step: number, now: number, maxHours: number): void {
    let steps = usedSteps.get(userId);
    if (!steps) usedSteps.set(userId, (steps = new Map()));
    steps.set(step, now + maxHours * 3_600_000 + LIVE_SCAN_MS); // as long as a queued scan of it could come
    if (usedSteps.size > 100_000) usedSteps.delete(usedSteps.keys().next().value!);
  }

  function newPairingCode(): { code: string; hash: string; expiresAt: number } {
    const code = Array.from({ length: 8 }, () => CODE_ALPHABET[randomInt(CODE_ALPHABET.length)]).join('');
    return { code, hash: sha256(code), expiresAt: d.clock.now() + PAIRING_MS };
  }

  function kioskActor(k: Kiosk): Actor {
    const u = d.users.byId(k.userId)!;
    return { id: u.id, email: u.email, name: u.name, roles: [], teams: [], showPresence: false };
  }

  return {
    /** The live board of this kiosk's location (board.service.ts). */
    board: (k: Kiosk) => boards.board(k.locationId),

    create(actor: Actor, input: { name: string; locationId: number; spaceId?: number }, origin: string | null) {
      const location = d.catalogue.location(input.locationId);
      if (!location) throw new DomainError('not_found', 'no such location');
      if (input.spaceId !== undefined && d.catalogue.space(input.spaceId)?.locationId !== input.locationId) {
        throw new DomainError('invalid_input', 'the room is not at this location');
      }
      const pairing = newPairingCode();
      wrongPairingCodes = 0; // a new code gets the full allowance
      const now = d.clock.now();
      const id = d.uow.run(() => {
        // The stand-in owner of bookings made at a room display ("nu boeken").
        const userId = d.users.insert({ email: `kiosk-${randomSecret(6)}@kiosk.plek.invalid`, name: input.name, passwordHash: null, passSecret: randomSecret(20) }, now);
        d.users.markKiosk(userId);
        const id = d.kiosks.insert({ name: input.name, locationId: input.locationId, spaceId: input.spaceId ?? null, userId, pairingHash: pairing.hash, pairingExpiresAt: pairing.expiresAt }, now);
        d.audit.record({ actor: `u:${actor.id}`, action: 'admin.kiosk.create', object: `kiosk:${id}`, result: 'ok', origin }, now);
        return id;
      });
      return { kiosk: d.kiosks.byId(id)!, pairingCode: pairing.code };
    },

    newPairingCode(actor: Actor, id: number, origin: string | null) {
      const k = d.kiosks.byId(id);
      if (!k || k.revokedAt !== null) throw new DomainError('not_found', 'no such kiosk');
      const pairing = newPairingCode();
      wrongPairingCodes = 0; // a new code gets the full allowance
      d.kiosks.setPairing(id, pairing.hash, pairing.expiresAt);
      d.audit.record({ actor: `u:${actor.id}`, action: 'admin.kiosk.pairing_code', object: `kiosk:${id}`, result: 'ok', origin }, d.clock.now());
      return { kiosk: d.kiosks.byId(id)!, pairingCode: pairing.code };
    },

    revoke(actor: Actor, id: number, origin: string | null): Kiosk {
      if (!d.kiosks.byId(id)) throw new DomainError('not_found', 'no such kiosk');
      d.kiosks.revoke(id, d.clock.now());
      d.audit.record({ actor: `u:${actor.id}`, action: 'admin.kiosk.revoke', object: `kiosk:${id}`, result: 'ok', origin }, d.clock.now());
      return d.kiosks.byId(id)!;
    },

    list: () => d.kiosks.all(),

    /** Pairs the device that shows a valid code; returns its new credential (once). */
    pair(code: string, origin: string): { kiosk: Kiosk; token: string } {
      const hash = sha256(code.toUpperCase().replace(/[\s-]/g, ''));
      const k = d.kiosks.byPairing(hash);
      const now = d.clock.now();
      if (!k || k.pairingExpiresAt === null || k.pairingExpiresAt < now) {
        d.audit.record({ actor: null, action: 'kiosk.pair', result: 'failed', origin }, now);
        if (++wrongPairingCodes >= PAIRING_GUESSES) {
          wrongPairingCodes = 0;
          const voided = d.kiosks.voidPairings();
          if (voided > 0) d.audit.record({ actor: 'system', action: 'kiosk.pair.void_codes', result: 'ok', origin, details: { codes: voided, reason: 'too many wrong codes' } }, now);
        }
        throw new DomainError('invalid_credentials', 'unknown or expired pairing code');
      }
      const token = randomSecret(32);
      if (!d.kiosks.pair(k.id, sha256(token), hash, now)) throw new DomainError('invalid_credentials', 'unknown or expired pairing code');
      d.audit.record({ actor: `k:${k.id}`, action: 'kiosk.pair', object: `kiosk:${k.id}`, result: 'ok', origin }, now);
      return { kiosk: d.kiosks.byId(k.id)!, token };
    },

    authenticate(token: string): Kiosk | null {
      const k = d.kiosks.byToken(sha256(token));
      if (!k) return null;
      const now = d.clock.now();
      // After a restart the stored last-seen time (kept to the minute) stands in.
      const seen = contact.get(k.id) ?? { last: k.lastSeenAt ?? now, gap: null };
      if (now - seen.last > OFFLINE_AFTER_MS) seen.gap = { from: seen.last, to: now };
      seen.last = now;
      contact.set(k.id, seen);
      if (k.lastSeenAt === null || now - k.lastSeenAt > 60_000) d.kiosks.touch(k.id, now);
      return k;
    },

    /**
     * Reads a pass (PLEK-PASS:<userId>:<code>) and checks in the person's bookings here. The
     * code is a TOTP of the person's pass seed at the scan time (one step of drift allowed).
     */
    checkInByPass(k: Kiosk, pass: string, origin: string, scannedAt?: number) {
      const now = d.clock.now();
      const wait = passFailures.wait(`k:${k.id}`);
      if (wait > 0) throw new DomainError('too_many_attempts', 'too many invalid passes at this kiosk; try again later', { retryAfterSeconds: Math.ceil(wait / 1000) });
      const location = d.catalogue.location(k.locationId)!;
      if (scannedAt !== undefined) checkScanTime(k, scannedAt, now, location.policy.offlineCheckInMaxHours);
      const [, userIdText, code] = pass.split(':');
      const user = d.users.byId(Number(userIdText));
      const at = scannedAt ?? now;
      const totp = user && new TOTP({ secret: new Secret({ buffer: new Uint8Array(Buffer.from(user.passSecret, 'base64url')).buffer }), period: PASS_PERIOD_SECONDS, digits: PASS_DIGITS });
      const delta = user && !user.disabled ? totp!.validate({ token: code!, timestamp: at, window: 1 }) : null;
      if (!user || delta === null || delta === undefined) {
        passFailures.fail(`k:${k.id}`);
        d.audit.record({ actor: `k:${k.id}`, action: 'kiosk.pass', result: 'failed', origin }, now);
        throw new DomainError('wrong_key', 'this pass is not valid');
      }
      const step = Math.floor(at / 1000 / PASS_PERIOD_SECONDS) + delta;
      if (stepUsed(user.id, step, now)) {
        d.audit.record({ actor: `k:${k.id}`, action: 'kiosk.pass', object: `user:${user.id}`, result: 'refused', origin, details: { reason: 'code used before' } }, now);
        throw new DomainError('pass_used', 'this pass code was used already; show the next one');
      }
      const checkedIn = d.reservations.checkInPresent(user.id, k.locationId, `k:${k.id}`, scannedAt);
      markStep(user.id, step, now, location.policy.offlineCheckInMaxHours);
      // Closed now (before opening, after hours, a day it does not open, a holiday) or late in the
      // day, no desk walk-up is left to give: the kiosk says so (from its board) instead of offering desks.
      const walkUpOpen = closedAt(location, now) === null && walkUpInterval('desk', location.policy, location.timezone, now) !== null;
      const visit: Visit = { token: walkUpOpen ? randomSecret(24) : null, userId: user.id, name: user.name };
      if (visit.token) visits.set(visit.token, { userId: user.id, kioskId: k.id, expiresAt: now + VISIT_MS });
      return { visit, checkedIn };
    },

    /** A walk-up for the person whose pass was just read at this kiosk. */
    walkUp(k: Kiosk, visitToken: string, spaceId: number, origin: string) {
      const visit = visits.get(visitToken);
      if (!visit || visit.kioskId !== k.id || visit.expiresAt < d.clock.now()) throw new DomainError('unauthenticated', 'show your pass again');
      if (d.catalogue.space(spaceId)?.locationId !== k.locationId) throw new DomainError('not_found', 'no such space here');
      const user = d.users.byId(visit.userId)!;
      const actor: Actor = { id: user.id, email: user.email, name: user.name, roles: user.roles, teams: user.teams, showPresence: user.showPresence };
      visits.delete(visitToken);
      return d.reservations.walkUpSpace(actor, spaceId, origin).view;
    },

    /**
     * Room display: book the room from now for 15, 30 or 60 minutes or up to the next meeting,
     * checked in at once. A length the room is not free for is refused, never cut short: the
     * display offers only what fits (roomBookOptions), so the people at the door get what they tapped.
     */
    bookRoom(k: Kiosk, ask: { minutes: number } | { until: number }, origin: string) {
      if (k.spaceId === null) throw new DomainError('forbidden', 'not a room display');
      const now = d.clock.now();
      const end = roomBookEnd(now, ask);
      if (end === 'invalid_interval') throw new DomainError('invalid_interval', 'a room display books from 5 minutes up to an hour');
      const start = roomBookStart(now);
      const location = d.catalogue.location(k.locationId)!;
      const busy = d.reservations.availability(k.locationId, start, end).spaces.find((s) => s.space.id === k.spaceId)?.busy ?? [];
      const next = busy.filter((b) => b.start > start && b.start < end).sort((a, b) => a.start - b.start)[0];
      if (next) throw new DomainError('not_free_that_long', 'the next meeting starts before that', { freeUntil: toIsoInZone(next.start, location.timezone) });
      return d.reservations.walkUpSpace(kioskActor(k), k.spaceId, origin, (end - start) / 60_000).view;
    },
  };
}

export type KioskService = ReturnType<typeof createKioskService>;
