import { immediate, type Db } from './database.js';
import type { WriteBatcher } from './write-batch.js';

/**
 * One change to the data, all or nothing: the seam a second store (PostgreSQL) implements.
 * `run` is synchronous on purpose: with SQLite nothing may `await` while the write lock is held,
 * so anything slow (password hashing) happens before the unit of work starts.
 */
export interface UnitOfWork {
  /** Runs `fn` in one transaction (a savepoint when one is already open); throws roll it back. */
  run<T>(fn: () => T): T;
  /** Runs `announce` once the outermost transaction has committed; never for a rolled-back one. */
  afterCommit(announce: () => void): void;
  /** Runs `write` in the next group commit; settles once its commit is durable. */
  schedule<T>(write: () => T): Promise<T>;
}

/** The unit of work on better-sqlite3: IMMEDIATE transactions, grouped by the WriteBatcher. */
export function sqliteUnitOfWork(db: Db, writes: WriteBatcher): UnitOfWork {
  return {
    run: (fn) => immediate(db, fn),
    afterCommit: (announce) => writes.afterCommit(announce),
    schedule: (write) => writes.run(write),
  };
}
