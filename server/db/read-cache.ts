import type { Db } from './database.js';

/**
 * A read-through cache for rows that are read on every request and written rarely (spaces,
 * locations, users, sessions). Only this process writes the database, and every write goes
 * through the store that owns the cache and clears it, so the cache is never stale.
 *
 * Inside a transaction a value is cached only while that transaction has not written what this
 * cache holds: before such a write, what it reads is committed state, valid whether the
 * transaction commits or rolls back; after it, a value might be rolled back, so it is not kept.
 *
 * Transactions here are synchronous (nothing awaits while SQLite's write lock is held, see
 * UnitOfWork), so the one that wrote has ended by the next microtask: the mark is cleared
 * there. Clearing it only on a read outside any transaction left it set for good on a server
 * whose reads all run inside the group commit, and every space, location and session was read
 * from the database again on every create.
 */
export class ReadCache<K, V> {
  private map = new Map<K, V>();
  /** The current transaction wrote what this cache holds. */
  private written = false;
  constructor(
    private db: Db,
    private maxEntries = 100_000,
  ) {}

  get(key: K, load: () => V | undefined): V | undefined {
    const hit = this.map.get(key);
    if (hit !== undefined) return hit;
    const value = load();
    if (value !== undefined && !(this.db.inTransaction && this.written)) {
      if (this.map.size >= this.maxEntries) this.map.clear();
      this.map.set(key, value);
    }
    return value;
  }

  delete(key: K): void {
    this.markWrite();
    this.map.delete(key);
  }

  clear(): void {
    this.markWrite();
    this.map.clear();
  }

  private markWrite(): void {
    if (!this.db.inTransaction || this.written) return;
    this.written = true;
    queueMicrotask(() => (this.written = false));
  }
}
