/** The limits on guessing and flooding: sign-in, second factor, pairing, kiosk passes and guest lookups. */
import type { Clock } from '../clock.js';

interface Tally {
  failures: number;
  /** Attempts under way whose outcome is not known yet (a password hash takes a while). */
  pending: number;
  last: number;
}

export interface BackoffLimits {
  /** Failures that cost nothing: a person mistyping. */
  free: number;
  /** The wait after the last free failure; it doubles with every further failure. */
  firstDelayMs: number;
  maxDelayMs: number;
  /** A key with no failure for this long starts again from nothing. */
  forgetMs: number;
}

const MAX_KEYS = 50_000;

/**
 * Failed attempts per key with growing delays. An attempt counts from the moment it starts
 * (`begin`), not when its failure is known: forty guesses sent at once can otherwise all reach
 * the password hash before the first failure is recorded.
 */
export class Backoff {
  private tallies = new Map<string, Tally>();

  constructor(
    private clock: Clock,
    private limits: BackoffLimits,
  ) {}

  /** Milliseconds until the next attempt for `key` is allowed; 0 when it is allowed now. */
  wait(key: string): number {
    const t = this.current(key, this.clock.now());
    if (!t || t.failures + t.pending < this.limits.free) return 0;
    // The free attempts are all under way: their outcome decides, so nobody else goes meanwhile.
    if (t.pending > 0) return this.limits.firstDelayMs;
    const delay = Math.min(this.limits.maxDelayMs, this.limits.firstDelayMs * 2 ** (t.failures - this.limits.free));
    return Math.max(0, t.last + delay - this.clock.now());
  }

  begin(key: string): void {
    const now = this.clock.now();
    const t = this.current(key, now);
    if (t) t.pending++;
    else this.add(key, { failures: 0, pending: 1, last: now });
  }

  /**
   * Ends an attempt that `begin` started: a failure counts, a success forgives the key, and
   * `none` only takes the attempt back (decided on something other than the secret).
   */
  end(key: string, result: 'failure' | 'success' | 'none'): void {
    const t = this.tallies.get(key);
    if (!t) return;
    t.pending = Math.max(0, t.pending - 1);
    if (result === 'success') this.tallies.delete(key);
    else if (result === 'failure') {
      t.failures++;
      t.last = this.clock.now();
    }
  }

  /** A failure of an attempt that was not begun (checked and decided in one synchronous step). */
  fail(key: string): void {
    this.begin(key);
    this.end(key, 'failure');
  }

  reset(key: string): void {
    this.tallies.delete(key);
  }

  private current(key: string, now: number): Tally | undefined {
    const t = this.tallies.get(key);
    if (t && t.pending === 0 && now - t.last >= this.limits.forgetMs) {
      this.tallies.delete(key);
      return undefined;
    }
    return t;
  }

  private add(key: string, t: Tally): void {
    // Memory stays bounded under a flood of new keys: forgotten ones go first, then the oldest.
    if (this.tallies.size >= MAX_KEYS) {
      const now = this.clock.now();
      for (const [k, v] of this.tallies) if (v.pending === 0 && now - v.last >= this.limits.forgetMs) this.tallies.delete(k);
      if (this.tallies.size >= MAX_KEYS) this.tallies.delete(this.tallies.keys().next().value!);
    }
    this.tallies.set(key, t);
  }
}

const MINUTE = 60_000;
const DAY = 24 * 60 * MINUTE;

/** One password attempt under way; exactly one of its verbs is called when it is decided. */
export interface LoginAttempt {
  succeed(): void;
  fail(): void;
  /** Decided without a verdict on the password (e.g. the account is disabled). */
  abandon(): void;
}

/**
 * Password sign-in throttling, chosen so an attacker cannot lock others out (OWASP ASVS 5.0
 * V6.3.1 and V6.1.1):
 * - per account and address: five failures are free, then the wait doubles from 30 seconds up
 *   to 15 minutes. This is what stops guessing one account from one place.
 * - per account from anywhere (a botnet): 20 failures in an hour, then growing waits, but not
 *   for addresses where this account signed in successfully in the last 30 days, so the owner
 *   keeps working from the usual places.
 * - per address over all accounts (password spraying): 50 failures, then growing waits, again
 *   not for accounts that signed in from that address before: a building behind one NAT or a
 *   proxy without PLEK_TRUST_PROXY is not locked out by one person there.
 * Kept in memory: a restart forgets it, which only gives an attacker who can restart the server
 * a fresh allowance.
 */
export class LoginThrottle {
  private pairs: Backoff;
  private accounts: Backoff;
  private addresses: Backoff;
  /** account\naddress → last successful sign-in. */
  private known = new Map<string, number>();

  constructor(
    private clock: Clock,
    limits: { pair?: BackoffLimits; account?: BackoffLimits; address?: BackoffLimits } = {},
  ) {
    this.pairs = new Backoff(clock, limits.pair ?? { free: 5, firstDelayMs: 30_000, maxDelayMs: 15 * MINUTE, forgetMs: DAY });
    this.accounts = new Backoff(clock, limits.account ?? { free: 20, firstDelayMs: MINUTE, maxDelayMs: 15 * MINUTE, forgetMs: 60 * MINUTE });
    this.addresses = new Backoff(clock, limits.address ?? { free: 50, firstDelayMs: MINUTE, maxDelayMs: 15 * MINUTE, forgetMs: 60 * MINUTE });
  }

  /** Starts an attempt, or says how many seconds to wait before one is allowed. */
  begin(account: string, address: string): LoginAttempt | { retryAfterSeconds: number } {
    const acc = account.toLowerCase();
    const pair = `${acc}\n${address}`;
    const knownAt = this.known.get(pair);
    const known = knownAt !== undefined && this.clock.now() - knownAt < 30 * DAY;
    const ms = Math.max(this.pairs.wait(pair), known ? 0 : Math.max(this.accounts.wait(acc), this.addresses.wait(address)));
    if (ms > 0) return { retryAfterSeconds: Math.ceil(ms / 1000) };
    this.pairs.begin(pair);
    this.accounts.begin(acc);
    this.addresses.begin(address);
    let done = false;
    const end = (result: 'failure' | 'success' | 'none') => {
      if (done) return;
      done = true;
      this.pairs.end(pair, result);
      this.accounts.end(acc, result);
      // One person's right password does not forgive the other accounts guessed from there.
      this.addresses.end(address, result === 'success' ? 'none' : result);
      if (result === 'success') {
        this.known.delete(pair); // re-inserted: the map stays in order of last success
        if (this.known.size >= MAX_KEYS) this.known.delete(this.known.keys().next().value!);
        this.known.set(pair, this.clock.now());
      }
    };
    return { succeed: () => end('success'), fail: () => end('failure'), abandon: () => end('none') };
  }
}

/**
 * At most `max` events per key in any `windowMs`: each key keeps the times of its last `max`
 * events, so memory is bounded by the number of keys (kiosks) times `max`.
 */
export class SlidingLimit {
  private events = new Map<string, number[]>();

  constructor(
    private clock: Clock,
    private max: number,
    private windowMs: number,
  ) {}

  /** Milliseconds until one more event is allowed for `key`; 0 when it is allowed now. */
  waitMs(key: string): number {
    const times = this.recent(key, this.clock.now());
    return times.length < this.max ? 0 : times[0]! + this.windowMs - this.clock.now();
  }

  add(key: string): void {
    const now = this.clock.now();
    const times = this.recent(key, now);
    times.push(now);
    if (times.length > this.max) times.shift();
    this.events.set(key, times);
  }

  private recent(key: string, now: number): number[] {
    const times = (this.events.get(key) ?? []).filter((t) => now - t < this.windowMs);
    if (times.length === 0) this.events.delete(key);
    return times;
  }
}
