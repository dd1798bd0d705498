/**
 * `npm run audit:check`: verifies the hash chain of the audit log in PLEK_DB. Exit 0 when intact,
 * 1 with the first entry whose chain is broken (changed, inserted or deleted entries show).
 */
import Database from 'better-sqlite3';
import { existsSync } from 'node:fs';
import { createAuditStore } from '../server/audit/audit.store.js';

const file = process.env.PLEK_DB || 'data/plek.sqlite';
if (!existsSync(file)) {
  console.error(`plek audit: no database at ${file} (set PLEK_DB)`);
  process.exit(2);
}
const db = new Database(file, { readonly: true, fileMustExist: true });
const entries = db.prepare('SELECT count(*) FROM audit_log').pluck().get() as number;
const broken = createAuditStore(db).verify();
db.close();
if (broken === null) {
  console.log(`plek audit: ${entries} entries, chain intact`);
} else {
  console.error(`plek audit: chain broken at entry ${broken}`);
  process.exit(1);
}
