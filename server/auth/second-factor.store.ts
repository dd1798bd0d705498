import type { Db } from '../db/database.js';

export interface Ticket {
  userId: number;
  purpose: 'code' | 'enrol';
  pendingSecret: string | null;
  attempts: number;
  expiresAt: number;
}

/** All SQL of the second factor: TOTP secrets, recovery codes and the tickets between the steps. */
export function createSecondFactorStore(db: Db) {
  const q = {
    secret: db.prepare<[number], { totp_secret: string | null; totp_last_step: number | null }>('SELECT totp_secret, totp_last_step FROM users WHERE id = ?'),
    setSecret: db.prepare('UPDATE users SET totp_secret = ?, totp_last_step = ? WHERE id = ?'),
    // Only a later step than the last one used: the same code cannot be used twice.
    useStep: db.prepare('UPDATE users SET totp_last_step = ? WHERE id = ? AND (totp_last_step IS NULL OR totp_last_step < ?)'),
    clearCodes: db.prepare('DELETE FROM recovery_codes WHERE user_id = ?'),
    addCode: db.prepare('INSERT INTO recovery_codes (user_id, code_hash) VALUES (?, ?)'),
    useCode: db.prepare('UPDATE recovery_codes SET used_at = ? WHERE user_id = ? AND code_hash = ? AND used_at IS NULL'),
    codesLeft: db.prepare<[number], number>('SELECT count(*) FROM recovery_codes WHERE user_id = ? AND used_at IS NULL').pluck(),
    ticket: db.prepare<[string], { user_id: number; purpose: 'code' | 'enrol'; pending_secret: string | null; attempts: number; expires_at: number }>(
      'SELECT * FROM login_tickets WHERE hash = ?',
    ),
    insertTicket: db.prepare('INSERT INTO login_tickets (hash, user_id, purpose, pending_secret, expires_at) VALUES (?, ?, ?, ?, ?)'),
    countAttempt: db.prepare('UPDATE login_tickets SET attempts = attempts + 1 WHERE hash = ?'),
    deleteTicket: db.prepare('DELETE FROM login_tickets WHERE hash = ?'),
    purgeTickets: db.prepare('DELETE FROM login_tickets WHERE expires_at < ?'),
  };
  return {
    totp(userId: number): { secret: string | null; lastStep: number | null } {
      const row = q.secret.get(userId);
      return { secret: row?.totp_secret ?? null, lastStep: row?.totp_last_step ?? null };
    },
    /** Enrols a secret and replaces the recovery codes, at once. */
    enrol(userId: number, secret: string, step: number, codeHashes: string[]): void {
      db.transaction(() => {
        q.setSecret.run(secret, step, userId);
        q.clearCodes.run(userId);
        for (const h of codeHashes) q.addCode.run(userId, h);
      })();
    },
    useStep: (userId: number, step: number): boolean => q.useStep.run(step, userId, step).changes === 1,
    useRecoveryCode: (userId: number, codeHash: string, now: number): boolean => q.useCode.run(now, userId, codeHash).changes === 1,
    recoveryCodesLeft: (userId: number): number => q.codesLeft.get(userId)!,
    ticket(hash: string): Ticket | undefined {
      const row = q.ticket.get(hash);
      return row && { userId: row.user_id, purpose: row.purpose, pendingSecret: row.pending_secret, attempts: row.attempts, expiresAt: row.expires_at };
    },
    insertTicket(hash: string, t: Omit<Ticket, 'attempts'>): void {
      q.insertTicket.run(hash, t.userId, t.purpose, t.pendingSecret, t.expiresAt);
    },
    countAttempt: (hash: string): void => void q.countAttempt.run(hash),
    deleteTicket: (hash: string): void => void q.deleteTicket.run(hash),
    purgeTickets: (now: number): number => q.purgeTickets.run(now).changes,
  };
}

export type SecondFactorStore = ReturnType<typeof createSecondFactorStore>;
