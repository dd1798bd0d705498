import type { Db } from '../db/database.js';
import { migrations } from '../db/migrations.js';

/** The database checks of /healthz: SQL only here. */
export function createHealthStore(db: Db) {
  const q = {
    applied: db.prepare<[], number>('SELECT count(*) FROM schema_migrations').pluck(),
    latest: db.prepare<[], number | null>('SELECT max(version) FROM schema_migrations').pluck(),
  };
  const expected = migrations.at(-1)!.version;
  return {
    /** Reads: the migrations table answers and names the newest migration this code knows. */
    migrationsCurrent(): { current: boolean; version: number | null; expected: number } {
      const version = q.latest.get() ?? null;
      return { current: version === expected && q.applied.get() === migrations.length, version, expected };
    },
    /**
     * A real write to the file: the header's user_version, set to the schema version it holds.
     * Through the WAL like every write, so a full disk or a read-only file fails it here.
     */
    touch(version: number): void {
      db.pragma(`user_version = ${Math.trunc(version)}`);
    },
  };
}
