import Database from 'better-sqlite3';
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { migrations } from './migrations.js';
import { registerSqlFunctions } from './sql-functions.js';

export type Db = Database.Database;

/**
 * Opens (creating if needed) the SQLite file in WAL mode and brings its schema up to date.
 * WAL lets readers go on while one writer commits; synchronous=NORMAL is durable across a
 * process crash in WAL mode (only an OS crash can lose the last commits). secure_delete=ON
 * overwrites deleted and shrunk content (and freed pages) with zeros, so data the retention
 * job removed cannot be read back from the file; FAST would leave it on freelist pages. It
 * costs nothing on inserts and a memset on updates and deletes.
 */
export function openDatabase(file: string): Db {
  if (file !== ':memory:') mkdirSync(dirname(file), { recursive: true });
  const db = new Database(file);
  refuseForeign(db);
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = NORMAL');
  db.pragma('foreign_keys = ON');
  db.pragma('busy_timeout = 5000');
  db.pragma('secure_delete = ON');
  registerSqlFunctions(db);
  migrate(db);
  return db;
}

const runners = new WeakMap<Db, Database.Transaction<(fn: () => unknown) => unknown>>();

/**
 * Runs `fn` in an IMMEDIATE transaction, or in a savepoint when a transaction is open (as
 * `db.transaction(fn).immediate()` does). better-sqlite3 builds four wrapper functions for each
 * `db.transaction` call, which costs more than the few statements of a reservation; one
 * wrapper per database that calls whatever it is given avoids that on every write.
 */
export function immediate<T>(db: Db, fn: () => T): T {
  let run = runners.get(db);
  if (!run) runners.set(db, (run = db.transaction((f: () => unknown) => f())));
  return run.immediate(fn) as T;
}

/**
 * Copies the whole WAL into the database file and truncates it to zero bytes, so earlier
 * versions of pages (which still hold deleted text) are gone from the -wal file too. Waits for
 * the checkpointer up to the busy timeout; false when a reader kept it from finishing.
 */
export function truncateWal(db: Db): boolean {
  const [result] = db.pragma('wal_checkpoint(TRUNCATE)') as { busy: number }[];
  return result?.busy === 0;
}

/** The file is an SQLite database, but not Plek's: migrating it would write Plek's tables into it. */
export class ForeignDatabaseError extends Error {}

/** Throws before anything is written (even the switch to WAL) when the file is not Plek's. */
function refuseForeign(db: Db): void {
  const tables = db.prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'").pluck().all() as string[];
  if (tables.length > 0 && !tables.includes('schema_migrations')) {
    db.close();
    throw new ForeignDatabaseError(`it holds tables (${tables.slice(0, 3).join(', ')}) but none of Plek's`);
  }
}

export function migrate(db: Db): void {
  db.exec('CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at INTEGER NOT NULL)');
  const applied = new Set(db.prepare('SELECT version FROM schema_migrations').pluck().all() as number[]);
  for (const m of migrations) {
    if (applied.has(m.version)) continue;
    immediate(db, () => {
      db.exec(m.sql);
      db.prepare('INSERT INTO schema_migrations (version, name, applied_at) VALUES (?, ?, ?)').run(m.version, m.name, Date.now());
    });
  }
}
