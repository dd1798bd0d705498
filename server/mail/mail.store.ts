import type { Language } from '../../shared/i18n.js';
import type { SpaceKind } from '../../shared/types.js';
import type { ReservationOfSpace } from '../domain.js';
import type { Db } from '../db/database.js';

export type MailKind = 'confirmation' | 'cancellation' | 'reminder' | 'guest_arrived' | 'guest_invitation' | 'team_reservation';

export interface QueuedMail {
  id: number;
  kind: MailKind;
  recipient: string;
  messageId: string;
  /** What the sender composes the message from (JSON): everything it needs, so sending reads nothing else. */
  message: unknown;
  attempts: number;
}

export interface MailFailure {
  id: number;
  kind: MailKind;
  recipient: string;
  state: 'queued' | 'sent' | 'failed';
  attempts: number;
  lastAttemptAt: number;
  lastError: string;
  nextAttemptAt: number | null;
}

export interface MailPreferences {
  language: Language;
  confirmations: boolean;
  reminders: boolean;
}

/** A person as mail addresses them. */
export interface Recipient extends MailPreferences {
  id: number;
  email: string;
  name: string;
  disabled: boolean;
}

interface OutboxRow {
  id: number;
  kind: MailKind;
  recipient: string;
  message_id: string;
  message: string;
  attempts: number;
}

interface RecipientRow {
  id: number;
  email: string;
  name: string;
  disabled: number;
  language: Language;
  mail_confirmations: number;
  mail_reminders: number;
}

export interface ReminderCandidate {
  id: number;
  userId: number;
  spaceId: number;
  locationId: number;
  kind: SpaceKind;
  start: number;
  end: number;
  createdAt: number;
}

const toRecipient = (r: RecipientRow): Recipient => ({
  id: r.id,
  email: r.email,
  name: r.name,
  disabled: r.disabled === 1,
  language: r.language,
  confirmations: r.mail_confirmations === 1,
  reminders: r.mail_reminders === 1,
});

/** All SQL of the mail outbox and of people's mail preferences. */
export function createMailStore(db: Db) {
  const q = {
    insert: db.prepare(
      'INSERT INTO mail_outbox (kind, recipient, message_id, message, dedupe_key, guest_id, next_attempt_at, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (dedupe_key) DO NOTHING',
    ),
    due: db.prepare<[number, number], OutboxRow>(
      "SELECT id, kind, recipient, message_id, message, attempts FROM mail_outbox WHERE state = 'queued' AND next_attempt_at <= ? ORDER BY next_attempt_at, id LIMIT ?",
    ),
    nextDue: db.prepare<[], number | null>("SELECT min(next_attempt_at) FROM mail_outbox WHERE state = 'queued'").pluck(),
    attempt: db.prepare("UPDATE mail_outbox SET attempts = attempts + 1, last_attempt_at = ? WHERE id = ? AND state = 'queued'"),
    sent: db.prepare("UPDATE mail_outbox SET state = 'sent', sent_at = ?, message = '{}' WHERE id = ? AND state = 'queued'"),
    retry: db.prepare("UPDATE mail_outbox SET last_error = ?, next_attempt_at = ? WHERE id = ? AND state = 'queued'"),
    giveUp: db.prepare("UPDATE mail_outbox SET state = 'failed', last_error = ? WHERE id = ? AND state = 'queued'"),
    requeue: db.prepare("UPDATE mail_outbox SET state = 'queued', attempts = 0, next_attempt_at = ? WHERE id = ? AND state = 'failed'"),
    counts: db.prepare<[], { state: string; n: number }>('SELECT state, count(*) AS n FROM mail_outbox GROUP BY state'),
    failures: db.prepare<[number], Omit<MailFailure, 'nextAttemptAt'> & { nextAttemptAt: number }>(
      `SELECT id, kind, recipient, state, attempts, last_attempt_at AS lastAttemptAt, last_error AS lastError, next_attempt_at AS nextAttemptAt
       FROM mail_outbox WHERE last_error IS NOT NULL AND state <> 'sent' ORDER BY last_attempt_at DESC LIMIT ?`,
    ),
    purgeSent: db.prepare("DELETE FROM mail_outbox WHERE state = 'sent' AND sent_at < ?"),
    recipient: db.prepare<[number], RecipientRow>('SELECT id, email, name, disabled, language, mail_confirmations, mail_reminders FROM users WHERE id = ?'),
    setPreferences: db.prepare('UPDATE users SET language = ?, mail_confirmations = ?, mail_reminders = ? WHERE id = ?'),
    // Bookings whose check-in deadline may fall within the reminder's lead; the caller computes
    // the deadline from the policy. The deadline is at least the start, and grace stays below a day.
    // The IN term lets SQLite use the partial index of live reservations; a team's held desk is nobody's booking yet.
    reminderCandidates: db.prepare<[number, number], ReminderCandidate>(
      `SELECT r.id, r.user_id AS userId, r.space_id AS spaceId, s.location_id AS locationId, s.kind, r.start_ms AS start, r.end_ms AS end, r.created_at AS createdAt
       FROM reservations r JOIN spaces s ON s.id = r.space_id
       WHERE r.state IN ('booked','checked_in') AND r.state = 'booked' AND r.start_ms <= ? AND r.start_ms > ? AND r.hold_team_id IS NULL
         AND NOT EXISTS (SELECT 1 FROM mail_outbox o WHERE o.dedupe_key = 'reminder:' || r.id)`,
    ),
    reservation: db.prepare<[number], ReservationOfSpace>(
      `SELECT r.id, r.space_id AS spaceId, r.user_id AS userId, r.start_ms AS start, r.end_ms AS end, r.state, r.created_at AS createdAt,
         r.checked_in_at AS checkedInAt, r.ended_at AS endedAt, s.kind, s.location_id AS locationId
       FROM reservations r JOIN spaces s ON s.id = r.space_id WHERE r.id = ? AND r.hold_team_id IS NULL`,
    ),
    guestEmail: db.prepare<[number], string | null>('SELECT email FROM guests WHERE id = ?').pluck(),
    setGuestEmail: db.prepare('UPDATE guests SET email = ? WHERE id = ? AND anonymised_at IS NULL'),
  };
  return {
    /** Queues a message; with a dedupe key already queued, nothing (answers false). */
    insert(m: { kind: MailKind; recipient: string; messageId: string; message: unknown; dedupeKey?: string; guestId?: number }, now: number): boolean {
      return q.insert.run(m.kind, m.recipient, m.messageId, JSON.stringify(m.message), m.dedupeKey ?? null, m.guestId ?? null, now, now).changes === 1;
    },
    due(now: number, limit: number): QueuedMail[] {
      return q.due.all(now, limit).map((r) => ({ id: r.id, kind: r.kind, recipient: r.recipient, messageId: r.message_id, message: JSON.parse(r.message) as unknown, attempts: r.attempts }));
    },
    nextDue: (): number | null => q.nextDue.get() ?? null,
    /** Written before the relay is asked: after a crash the count says it may have gone. */
    attempt: (id: number, now: number) => q.attempt.run(now, id).changes === 1,
    /** The body is dropped once the relay accepted it: the outbox is no archive of personal mail. */
    sent: (id: number, now: number) => q.sent.run(now, id).changes === 1,
    retry: (id: number, error: string, at: number) => q.retry.run(error, at, id),
    giveUp: (id: number, error: string) => q.giveUp.run(error, id),
    requeue: (id: number, now: number) => q.requeue.run(now, id).changes === 1,
    counts(): { queued: number; sent: number; failed: number } {
      const c = { queued: 0, sent: 0, failed: 0 };
      for (const r of q.counts.all()) c[r.state as keyof typeof c] = r.n;
      return c;
    },
    failures: (limit: number): MailFailure[] => q.failures.all(limit).map((f) => ({ ...f, nextAttemptAt: f.state === 'queued' ? f.nextAttemptAt : null })),
    purgeSent: (before: number) => q.purgeSent.run(before).changes,
    recipient: (userId: number): Recipient | undefined => {
      const r = q.recipient.get(userId);
      return r && toRecipient(r);
    },
    setPreferences: (userId: number, p: MailPreferences) => q.setPreferences.run(p.language, p.confirmations ? 1 : 0, p.reminders ? 1 : 0, userId),
    reminderCandidates: (startUpTo: number, startAfter: number) => q.reminderCandidates.all(startUpTo, startAfter),
    /** The reservation as it stands in this transaction, for the mail about its change; a held team desk is none. */
    reservation: (id: number): ReservationOfSpace | undefined => q.reservation.get(id),
    guestEmail: (guestId: number): string | null => q.guestEmail.get(guestId) ?? null,
    setGuestEmail: (guestId: number, email: string | null) => q.setGuestEmail.run(email, guestId),
  };
}

export type MailStore = ReturnType<typeof createMailStore>;
