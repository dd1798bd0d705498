import type { Clock } from '../clock.js';

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
