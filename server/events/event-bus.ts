import type { AvailabilityEvent } from '../../shared/api.js';

/**
 * In-process fan-out of events to the open event streams, keyed by location (availability) or
 * person (notifications). One server process holds all streams; a PostgreSQL deployment would
 * put LISTEN/NOTIFY behind this.
 */
export class Bus<E> {
  private listeners = new Map<number, Set<(e: E) => void>>();

  /**
   * `afterCommit` holds an event announced inside a batch of writes until that batch is
   * committed (see WriteBatcher); by default an event goes out at once.
   */
  constructor(
    private keyOf: (e: E) => number,
    private afterCommit: (announce: () => void) => void = (announce) => announce(),
  ) {}

  subscribe(locationId: number, listener: (e: E) => void): () => void {
    let set = this.listeners.get(locationId);
    if (!set) this.listeners.set(locationId, (set = new Set()));
    set.add(listener);
    return () => {
      set.delete(listener);
      if (set.size === 0) this.listeners.delete(locationId);
    };
  }

  publish(e: E): void {
    this.afterCommit(() => {
      for (const listener of this.listeners.get(this.keyOf(e)) ?? []) listener(e);
    });
  }

  get streamCount(): number {
    let n = 0;
    for (const set of this.listeners.values()) n += set.size;
    return n;
  }
}

/** Availability changes, by location. */
export class EventBus extends Bus<AvailabilityEvent> {
  constructor(afterCommit?: (announce: () => void) => void) {
    super((e) => e.locationId, afterCommit);
  }
}
