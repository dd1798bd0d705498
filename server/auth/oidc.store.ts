import type { Db } from '../db/database.js';

/** SQL of sign-ins at the identity provider in progress: state (hashed), nonce and PKCE verifier. */
export function createOidcStore(db: Db) {
  const q = {
    insert: db.prepare('INSERT INTO oidc_logins (state_hash, nonce, verifier, created_at) VALUES (?, ?, ?, ?)'),
    get: db.prepare<[string], { nonce: string; verifier: string; created_at: number }>('SELECT nonce, verifier, created_at FROM oidc_logins WHERE state_hash = ?'),
    delete: db.prepare('DELETE FROM oidc_logins WHERE state_hash = ?'),
    purge: db.prepare('DELETE FROM oidc_logins WHERE created_at < ?'),
  };
  return {
    insert: (stateHash: string, nonce: string, verifier: string, now: number): void => void q.insert.run(stateHash, nonce, verifier, now),
    /** The pending sign-in for a state, removed at once: each state is used once. */
    take(stateHash: string): { nonce: string; verifier: string; createdAt: number } | undefined {
      const row = q.get.get(stateHash);
      q.delete.run(stateHash);
      return row && { nonce: row.nonce, verifier: row.verifier, createdAt: row.created_at };
    },
    purgeBefore: (at: number): void => void q.purge.run(at),
  };
}

export type OidcStore = ReturnType<typeof createOidcStore>;
