import { sha256 } from '../security.js';
import type { Db } from '../db/database.js';

export interface AuditEntry {
  actor: string | null;
  action: string;
  object?: string | null;
  result: 'ok' | 'refused' | 'failed';
  origin?: string | null;
  details?: Record<string, unknown>;
}

interface AuditRow {
  id: number;
  at: number;
  actor: string | null;
  action: string;
  object: string | null;
  result: string;
  origin: string | null;
  details: string | null;
  prev_hash: string;
  hash: string;
}

const GENESIS = '0'.repeat(64);

function entryHash(prev: string, r: Omit<AuditRow, 'id' | 'prev_hash' | 'hash'>): string {
  return sha256(JSON.stringify([prev, r.at, r.actor, r.action, r.object, r.result, r.origin, r.details]));
}

/**
 * The audit log: who did what to which object, with what result, from where. Each entry is
 * chained to the one before by a hash, so a changed or deleted entry shows in `verify()`.
 * Callers must never put passwords, tokens or keys in `details`.
 */
export function createAuditStore(db: Db) {
  const q = {
    last: db.prepare<[], string>('SELECT hash FROM audit_log ORDER BY id DESC LIMIT 1').pluck(),
    insert: db.prepare(
      'INSERT INTO audit_log (at, actor, action, object, result, origin, details, prev_hash, hash) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)',
    ),
    all: db.prepare<[], AuditRow>('SELECT * FROM audit_log ORDER BY id'),
    recent: db.prepare<[number], AuditRow>('SELECT * FROM audit_log ORDER BY id DESC LIMIT ?'),
  };
  return {
    record(e: AuditEntry, at: number): void {
      const row = {
        at,
        actor: e.actor,
        action: e.action,
        object: e.object ?? null,
        result: e.result,
        origin: e.origin ?? null,
        details: e.details ? JSON.stringify(e.details) : null,
      };
      const prev = q.last.get() ?? GENESIS;
      q.insert.run(row.at, row.actor, row.action, row.object, row.result, row.origin, row.details, prev, entryHash(prev, row));
    },
    recent: (limit: number) => q.recent.all(limit),
    /** The id of the first entry whose chain is broken, or null when the log is intact. */
    verify(): number | null {
      let prev = GENESIS;
      for (const row of q.all.iterate()) {
        if (row.prev_hash !== prev || entryHash(prev, row) !== row.hash) return row.id;
        prev = row.hash;
      }
      return null;
    },
  };
}

export type AuditStore = ReturnType<typeof createAuditStore>;

/** The audit store, telling `observe` of every entry it records (the log and the metrics). */
export function observedAudit(store: AuditStore, observe: (e: AuditEntry) => void): AuditStore {
  return {
    ...store,
    record(e: AuditEntry, at: number): void {
      store.record(e, at);
      observe(e);
    },
  };
}
