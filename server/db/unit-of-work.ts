import { immediate, type Db } from './database.js';
import type { WriteBatcher } from './write-batch.js';

/**
 * One change to the data, all or nothing: the seam a second store (PostgreSQL) implements.
 * `run` is synchronous on purpose: with SQLite nothing may `await` while the write lock is held,
 * so anything slow (password hashing) happens before the unit of work starts.
 *
 * The caller that owns the work owns the transaction: a route's write() (server/http/write.ts)
 * opens it, and the services it calls run inside it, opening nothing of their own. A service
 * called from a job, the demo seed or a test opens the unit of work through the same `run`.
 * So a service refuses (DomainError) before it writes, or after writing only what stands
 * anyway (a due no-show written down on the way): a refusal is an answer, and write() commits
 * what was written before it, and announces it, as it would without the refusal.
 */
export interface UnitOfWork {
  /**
   * Runs `fn` inside the unit of work already open, or opens one for it (a job's, a test's);
   * a throw rolls the whole unit back. Never a nested transaction: what a board is told after
   * the commit is exactly what was committed.
   */
  run<T>(fn: () => T): T;
  /** Runs `announce` once the outermost transaction has committed; never for a rolled-back one. */
  afterCommit(announce: () => void): void;
  /** Runs `write` in the next group commit; settles once its commit is durable. */
  schedule<T>(write: () => T): Promise<T>;
}

/** The unit of work on better-sqlite3: IMMEDIATE transactions, grouped by the WriteBatcher. */
export function sqliteUnitOfWork(db: Db, writes: WriteBatcher): UnitOfWork {
  return {
    // Inside an open transaction (a route's, or the group commit's savepoint) fn just runs;
    // a unit of its own (a job's) announces after its commit.
    run: (fn) => (db.inTransaction ? fn() : writes.holding(() => immediate(db, fn))),
    afterCommit: (announce) => writes.afterCommit(announce),
    schedule: (write) => writes.run(write),
  };
}
