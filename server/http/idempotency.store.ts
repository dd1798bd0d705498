import type { Db } from '../db/database.js';

export interface StoredAnswer {
  requestHash: string;
  status: number;
  body: string;
}

/** All SQL of the idempotency keys that make an outbox replay harmless. */
export function createIdempotencyStore(db: Db) {
  const q = {
    get: db.prepare<[string, string], { request_hash: string; status: number; body: string }>(
      'SELECT request_hash, status, body FROM idempotency_keys WHERE actor = ? AND key = ?',
    ),
    insert: db.prepare('INSERT INTO idempotency_keys (actor, key, request_hash, status, body, created_at) VALUES (?, ?, ?, ?, ?, ?)'),
    purge: db.prepare('DELETE FROM idempotency_keys WHERE created_at < ?'),
  };
  return {
    get(actor: string, key: string): StoredAnswer | undefined {
      const row = q.get.get(actor, key);
      return row && { requestHash: row.request_hash, status: row.status, body: row.body };
    },
    put(actor: string, key: string, answer: StoredAnswer, now: number): void {
      q.insert.run(actor, key, answer.requestHash, answer.status, answer.body, now);
    },
    purgeBefore: (before: number): number => q.purge.run(before).changes,
  };
}

export type IdempotencyStore = ReturnType<typeof createIdempotencyStore>;
