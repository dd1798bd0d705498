import type { Db } from './database.js';

/**
 * A read-through cache for rows that are read on every request and written rarely (spaces,
 * locations, users). Only this process writes the database, and every write goes through the
 * store that owns the cache and clears it, so the cache is never stale. It is filled only
 * outside transactions: a value read inside one might be rolled back.
 */
export class ReadCache<K, V> {
  private map = new Map<K, V>();
  constructor(
    private db: Db,
    private maxEntries = 100_000,
  ) {}

  get(key: K, load: () => V | undefined): V | undefined {
    const hit = this.map.get(key);
    if (hit !== undefined) return hit;
    const value = load();
    if (value !== undefined && !this.db.inTransaction) {
      if (this.map.size >= this.maxEntries) this.map.clear();
      this.map.set(key, value);
    }
    return value;
  }

  clear(): void {
    this.map.clear();
  }
}
