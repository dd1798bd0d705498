import Database from 'better-sqlite3';
import { log } from '../log.js';

/**
 * SQLite failures of the storage itself, not of a request: a full disk, a read-only file or
 * directory, an I/O error, a lock held too long. The transaction was rolled back, so nothing
 * was written; the client is told to retry later and the server keeps serving reads.
 */
const storageFailure = /^SQLITE_(FULL|READONLY|IOERR|CANTOPEN|BUSY|LOCKED|PROTOCOL)/;
let lastStorageLog = 0;

type SqliteError = InstanceType<typeof Database.SqliteError>;

export function isStorageFailure(err: unknown): err is SqliteError {
  return err instanceof Database.SqliteError && storageFailure.test(err.code);
}

/** One clear log line per storage failure, at most every 10 s so a full disk does not flood the log. */
export function logStorageFailure(err: SqliteError, where: string): void {
  const now = Date.now();
  if (now - lastStorageLog < 10_000) return;
  lastStorageLog = now;
  log.error({ code: err.code, where }, `storage unavailable (${err.code}: ${err.message}); writes are refused with 503 until it is resolved`);
}
