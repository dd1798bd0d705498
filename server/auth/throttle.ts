import type { Clock } from '../clock.js';

interface Window {
  failures: number;
  since: number;
}

/**
 * Counts failed sign-ins per account and per address in a sliding window; past the limit, the
 * next attempts get 429 until the window has passed. Memory is bounded by pruning old windows.
 */
export class LoginThrottle {
  private accounts = new Map<string, Window>();
  private addresses = new Map<string, Window>();

  constructor(
    private clock: Clock,
    private limits = { perAccount: 5, perAddress: 20, windowMs: 15 * 60_000 },
  ) {}

  /** Seconds until a new attempt is allowed, or 0 when it is allowed now. */
  retryAfter(account: string, address: string): number {
    const now = this.clock.now();
    const wait = (w: Window | undefined, max: number) => (w && w.failures >= max ? w.since + this.limits.windowMs - now : 0);
    const ms = Math.max(
      wait(this.current(this.accounts, account.toLowerCase(), now), this.limits.perAccount),
      wait(this.current(this.addresses, address, now), this.limits.perAddress),
    );
    return Math.ceil(ms / 1000);
  }

  fail(account: string, address: string): void {
    const now = this.clock.now();
    this.bump(this.accounts, account.toLowerCase(), now);
    this.bump(this.addresses, address, now);
  }

  succeed(account: string): void {
    this.accounts.delete(account.toLowerCase());
  }

  private current(map: Map<string, Window>, key: string, now: number): Window | undefined {
    const w = map.get(key);
    if (w && now - w.since >= this.limits.windowMs) {
      map.delete(key);
      return undefined;
    }
    return w;
  }

  private bump(map: Map<string, Window>, key: string, now: number): void {
    const w = this.current(map, key, now);
    if (w) w.failures++;
    else map.set(key, { failures: 1, since: now });
    if (map.size > 50_000) for (const [k, v] of map) if (now - v.since >= this.limits.windowMs) map.delete(k);
  }
}
