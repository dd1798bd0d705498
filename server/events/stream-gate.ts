/** How many event streams may be open at once per holder. */
export interface StreamLimits {
  /** One person's session: a few tabs and the notification stream. */
  session: number;
  /** A kiosk or room display: its board, and a reload that overlaps the old stream. */
  kiosk: number;
  /** One address: generous, since a building behind one NAT or proxy shares it. */
  address: number;
}

export const defaultStreamLimits: StreamLimits = { session: 10, kiosk: 4, address: 500 };

/**
 * Counts open event streams per session, kiosk and address. Every open stream holds a socket,
 * a subscription and buffers; uncapped, one session could open thousands and hold the memory.
 */
export class StreamGate {
  private open = new Map<string, number>();

  constructor(private limits: StreamLimits = defaultStreamLimits) {}

  /** Takes a place for a new stream; answers its release, or null when a holder is at its limit. */
  enter(holder: { session: string | null; kiosk: number | null; address: string }): (() => void) | null {
    const keys: [string, number][] = [[`a:${holder.address}`, this.limits.address]];
    if (holder.session) keys.push([`s:${holder.session}`, this.limits.session]);
    if (holder.kiosk !== null) keys.push([`k:${holder.kiosk}`, this.limits.kiosk]);
    if (keys.some(([key, max]) => (this.open.get(key) ?? 0) >= max)) return null;
    for (const [key] of keys) this.open.set(key, (this.open.get(key) ?? 0) + 1);
    let released = false;
    return () => {
      if (released) return;
      released = true;
      for (const [key] of keys) {
        const n = (this.open.get(key) ?? 1) - 1;
        if (n <= 0) this.open.delete(key);
        else this.open.set(key, n);
      }
    };
  }

  /** Streams open now, over all holders (for tests and the bench). */
  get size(): number {
    let n = 0;
    for (const [key, count] of this.open) if (key.startsWith('a:')) n += count;
    return n;
  }
}
