/**
 * `npm run backup [target]`: an online backup of the running database with SQLite's backup API,
 * safe while Plek serves requests (WAL readers do not block the writer). Without a target it
 * writes data/backups/plek-<timestamp>.sqlite. Restore: stop Plek, copy the backup over the
 * PLEK_DB file (and remove its -wal and -shm files), start Plek.
 */
import Database from 'better-sqlite3';
import { existsSync, mkdirSync } from 'node:fs';
import { dirname, join } from 'node:path';

async function main() {
  const source = process.env.PLEK_DB || 'data/plek.sqlite';
  if (!existsSync(source)) {
    console.error(`plek backup: no database at ${source} (set PLEK_DB)`);
    process.exit(2);
  }
  const stamp = new Date().toISOString().replace(/[:.]/g, '-');
  const target = process.argv[2] ?? join(dirname(source), 'backups', `plek-${stamp}.sqlite`);
  mkdirSync(dirname(target), { recursive: true });
  const db = new Database(source, { fileMustExist: true });
  db.pragma('busy_timeout = 5000');
  await db.backup(target);
  db.close();
  const check = new Database(target, { readonly: true });
  const ok = check.pragma('integrity_check', { simple: true });
  const reservations = check.prepare('SELECT count(*) FROM reservations').pluck().get();
  check.close();
  if (ok !== 'ok') {
    console.error(`plek backup: ${target} failed the integrity check: ${ok}`);
    process.exit(1);
  }
  console.log(`plek backup: ${target} (${reservations} reservations, integrity ok)`);
}

main().catch((err) => {
  console.error(`plek backup: ${err instanceof Error ? err.message : String(err)}`);
  process.exit(1);
});
