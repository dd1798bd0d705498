import { immediate, type Db } from './database.js';

interface Item {
  run: () => unknown;
  resolve: (value: unknown) => void;
  reject: (error: unknown) => void;
  outcome?: { ok: true; value: unknown; after: (() => void)[] } | { ok: false; error: unknown };
}

/** Most writes committed together: bounds how long the first of them waits for the last. */
const MAX_BATCH = 64;

/**
 * Group commit. Writes that arrive in the same turn of the event loop run one after the other
 * in a single IMMEDIATE transaction, each in a savepoint of its own, and commit once: a commit
 * writes the touched pages to the WAL, and at a morning rush fifty reservations share most of
 * their pages (the table's last leaf, the audit log's, the busier index leaves).
 *
 * Each write still sees the ones before it, so overlap checks and limits hold as if they ran
 * alone. A write that throws is rolled back to its savepoint and only its caller gets the
 * error. No caller hears success before the commit; when the commit fails (a full disk) every
 * caller of the batch gets that error, and nothing of the batch was written. Events a write
 * announces (`afterCommit`) are held until then, so no board shows a reservation that was
 * rolled back.
 */
export class WriteBatcher {
  private queue: Item[] = [];
  private scheduled = false;
  /** The announcements of the write now running in a batch; null outside one. */
  private pending: (() => void)[] | null = null;

  constructor(private db: Db) {}

  /** Runs `write` (synchronous, with its own transactions) in the next batch; settles after the commit. */
  run<T>(write: () => T): Promise<T> {
    return new Promise<T>((resolve, reject) => {
      this.queue.push({ run: write, resolve: resolve as (value: unknown) => void, reject });
      if (!this.scheduled) {
        this.scheduled = true;
        setImmediate(() => this.flush());
      }
    });
  }

  /** Runs `announce` once what is being written now is committed (at once outside any write). */
  afterCommit(announce: () => void): void {
    if (this.pending) this.pending.push(announce);
    else announce();
  }

  /**
   * Runs `write` (which opens and commits its own transaction: a job's, a test's) holding what
   * it announces until it has returned, so its commit comes first; inside a batch the batch
   * already holds them.
   */
  holding<T>(write: () => T): T {
    if (this.pending) return write();
    this.pending = [];
    try {
      const value = write();
      const after = this.pending;
      this.pending = null;
      for (const announce of after) announce();
      return value;
    } finally {
      this.pending = null; // a throw rolled the write back: nothing it announced is said
    }
  }

  private flush(): void {
    const items = this.queue.splice(0, MAX_BATCH);
    this.scheduled = this.queue.length > 0;
    if (this.scheduled) setImmediate(() => this.flush());
    if (items.length === 1) {
      // Alone: its own transactions commit as they always do. Its announcements still wait for
      // the outermost of them (an idempotency key wraps the service's transaction in another),
      // and are dropped when it throws: what it wrote was rolled back.
      const item = items[0]!;
      this.pending = [];
      try {
        const value = item.run();
        const after = this.pending;
        this.pending = null;
        for (const announce of after) announce();
        item.resolve(value);
      } catch (err) {
        this.pending = null;
        item.reject(err);
      }
      return;
    }
    try {
      immediate(this.db, () => items.forEach((item) => this.runInSavepoint(item)));
    } catch (err) {
      for (const item of items) item.reject(err);
      return;
    }
    for (const item of items) {
      const outcome = item.outcome!;
      if (outcome.ok) {
        for (const announce of outcome.after) announce();
        item.resolve(outcome.value);
      } else item.reject(outcome.error);
    }
  }

  private runInSavepoint(item: Item): void {
    this.pending = [];
    try {
      const value = immediate(this.db, item.run); // a savepoint: the batch's transaction is open
      item.outcome = { ok: true, value, after: this.pending };
    } catch (error) {
      // SQLite rolls the whole transaction back on some failures (a full disk): then what the
      // writes before this one did is gone too, and the batch must fail as a whole.
      if (!this.db.inTransaction) throw error;
      item.outcome = { ok: false, error };
    } finally {
      this.pending = null;
    }
  }
}
