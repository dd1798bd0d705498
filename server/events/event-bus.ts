import type { AvailabilityEvent } from '../../shared/api.js';

type Listener = (e: AvailabilityEvent) => void;

/**
 * In-process fan-out of availability changes to the open event streams of a location. One
 * server process holds all streams; a PostgreSQL deployment would put LISTEN/NOTIFY behind this.
 */
export class EventBus {
  private listeners = new Map<number, Set<Listener>>();

  subscribe(locationId: number, listener: Listener): () => void {
    let set = this.listeners.get(locationId);
    if (!set) this.listeners.set(locationId, (set = new Set()));
    set.add(listener);
    return () => {
      set.delete(listener);
      if (set.size === 0) this.listeners.delete(locationId);
    };
  }

  publish(e: AvailabilityEvent): void {
    for (const listener of this.listeners.get(e.locationId) ?? []) listener(e);
  }

  get streamCount(): number {
    let n = 0;
    for (const set of this.listeners.values()) n += set.size;
    return n;
  }
}
