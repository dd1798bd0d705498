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

export interface AuditRow {
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

/** What the admin's viewer filters by; null is "any". `from`/`to` are instants, `to` exclusive. */
export interface AuditFilter {
  actor: string | null;
  action: string | null;
  from: number | null;
  to: number | null;
}

// An action filter ending in '.' takes the whole family ('auth.' is every sign-in step).
const filterWhere = `(@actor IS NULL OR actor = @actor)
  AND (@action IS NULL OR action = @action OR (substr(@action, -1) = '.' AND substr(action, 1, length(@action)) = @action))
  AND (@from IS NULL OR at >= @from) AND (@to IS NULL OR at < @to)`;

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
    page: db.prepare<[AuditFilter & { limit: number; offset: number }], AuditRow>(`SELECT * FROM audit_log WHERE ${filterWhere} ORDER BY id DESC LIMIT @limit OFFSET @offset`),
    count: db.prepare<[AuditFilter], number>(`SELECT count(*) FROM audit_log WHERE ${filterWhere}`).pluck(),
    actions: db.prepare<[], string>('SELECT DISTINCT action FROM audit_log ORDER BY action').pluck(),
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
    /** Entries matching `f`, newest first, a page at a time. */
    find(f: AuditFilter, limit: number, offset: number): { rows: AuditRow[]; total: number } {
      return { rows: q.page.all({ ...f, limit, offset }), total: q.count.get(f)! };
    },
    /** The actions that occur in the log, for the viewer's filter. */
    actions: () => q.actions.all(),
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
