import type { Db } from '../db/database.js';
import type { Guest, GuestState } from '../domain.js';

interface GuestRow {
  id: number;
  location_id: number;
  host_id: number;
  host_name: string;
  name: string | null;
  organisation: string | null;
  note: string | null;
  space_id: number | null;
  space_code: string | null;
  expected_at: number;
  invite_code: string | null;
  state: GuestState;
  arrived_at: number | null;
  left_at: number | null;
  badge_printed_at: number | null;
  anonymised_at: number | null;
}

const toGuest = (r: GuestRow): Guest => ({
  id: r.id,
  locationId: r.location_id,
  hostId: r.host_id,
  hostName: r.host_name,
  name: r.name,
  organisation: r.organisation,
  note: r.note,
  spaceId: r.space_id,
  spaceCode: r.space_code,
  expectedAt: r.expected_at,
  inviteCode: r.invite_code,
  state: r.state,
  arrivedAt: r.arrived_at,
  leftAt: r.left_at,
  anonymised: r.anonymised_at !== null,
});

const select = `SELECT g.*, u.name AS host_name, s.code AS space_code FROM guests g
  JOIN users u ON u.id = g.host_id LEFT JOIN spaces s ON s.id = g.space_id`;

export interface NotificationRow {
  id: number;
  user_id: number;
  kind: string;
  payload: string;
  created_at: number;
  read_at: number | null;
}

/** No list answer grows without bound: a day's guests at one building stay far below this. */
const MAX_LIST = 1000;

/** All SQL of guests and notifications. */
export function createGuestStore(db: Db) {
  const q = {
    insert: db.prepare('INSERT INTO guests (location_id, host_id, name, organisation, note, space_id, expected_at, invite_code, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)'),
    byId: db.prepare<[number], GuestRow>(`${select} WHERE g.id = ?`),
    byInvite: db.prepare<[string], GuestRow>(`${select} WHERE g.invite_code = ?`),
    ofLocation: db.prepare<[number, number, number, number, number, number], GuestRow>(
      // The day's guests and whoever arrived that day; someone still "present" from an earlier
      // day was never checked out and is not on site (the job checks them out at their day's end).
      `${select} WHERE g.location_id = ? AND ((g.expected_at >= ? AND g.expected_at < ?) OR (g.state = 'present' AND g.arrived_at >= ? AND g.arrived_at < ?))
        AND NOT (g.state = 'present' AND g.arrived_at < ?) AND g.anonymised_at IS NULL ORDER BY g.expected_at, g.id LIMIT ${MAX_LIST}`,
    ),
    ofHost: db.prepare<[number, number], GuestRow>(`${select} WHERE g.host_id = ? AND g.expected_at >= ? AND g.anonymised_at IS NULL ORDER BY g.expected_at LIMIT ${MAX_LIST}`),
    present: db.prepare<[number, number], GuestRow>(`${select} WHERE g.location_id = ? AND g.state = 'present' AND g.arrived_at >= ? ORDER BY g.name`),
    stale: db.prepare<[number, number], { id: number; arrived_at: number }>("SELECT id, arrived_at FROM guests WHERE location_id = ? AND state = 'present' AND arrived_at < ?"),
    arrive: db.prepare("UPDATE guests SET state = 'present', arrived_at = ? WHERE id = ? AND state = 'expected'"),
    leave: db.prepare("UPDATE guests SET state = 'left', left_at = ? WHERE id = ? AND state = 'present'"),
    badge: db.prepare('UPDATE guests SET badge_printed_at = ? WHERE id = ?'),
    update: db.prepare("UPDATE guests SET name = ?, organisation = ?, note = ?, space_id = ?, expected_at = ? WHERE id = ? AND state = 'expected'"),
    remove: db.prepare("DELETE FROM guests WHERE id = ? AND state = 'expected'"),
    // An invitation not sent yet is not sent for a cancelled visit; it holds the guest's data too.
    forgetMail: db.prepare('DELETE FROM mail_outbox WHERE guest_id = ?'),
    dueForAnonymising: db.prepare<[number, number], { id: number; name: string | null }>(
      "SELECT id, name FROM guests WHERE location_id = ? AND anonymised_at IS NULL AND expected_at < ? AND state <> 'present'",
    ),
    anonymise: db.prepare(
      "UPDATE guests SET name = NULL, organisation = NULL, note = NULL, invite_code = NULL, anonymised_at = ? WHERE location_id = ? AND anonymised_at IS NULL AND expected_at < ? AND state <> 'present'",
    ),
    forgetNotifications: db.prepare("DELETE FROM notifications WHERE kind = 'guest_arrived' AND json_extract(payload, '$.guestId') IN (SELECT value FROM json_each(?))"),
    // The kiosk's arrival answer (name, organisation, check-out code) is kept for outbox replays;
    // it is found by the name as JSON wrote it, quotes included, so "Jan" does not match "Jansen".
    forgetKioskAnswers: db.prepare("DELETE FROM idempotency_keys WHERE actor LIKE 'k:%' AND instr(body, ?) > 0"),
    notify: db.prepare('INSERT INTO notifications (user_id, kind, payload, created_at) VALUES (?, ?, ?, ?)'),
    notifications: db.prepare<[number], NotificationRow>('SELECT * FROM notifications WHERE user_id = ? ORDER BY id DESC LIMIT 50'),
    markRead: db.prepare('UPDATE notifications SET read_at = ? WHERE user_id = ? AND read_at IS NULL'),
  };
  const one = (r: GuestRow | undefined) => r && toGuest(r);
  return {
    insert(g: { locationId: number; hostId: number; name: string; organisation: string | null; note: string | null; spaceId: number | null; expectedAt: number; inviteCode: string }, now: number): number {
      return Number(q.insert.run(g.locationId, g.hostId, g.name, g.organisation, g.note, g.spaceId, g.expectedAt, g.inviteCode, now).lastInsertRowid);
    },
    byId: (id: number) => one(q.byId.get(id)),
    byInvite: (code: string) => one(q.byInvite.get(code)),
    ofLocation: (locationId: number, dayStart: number, dayEnd: number) => q.ofLocation.all(locationId, dayStart, dayEnd, dayStart, dayEnd, dayStart).map(toGuest),
    ofHost: (hostId: number, from: number) => q.ofHost.all(hostId, from).map(toGuest),
    /** Present and arrived since `since` (the start of today): on site now. */
    present: (locationId: number, since: number) => q.present.all(locationId, since).map(toGuest),
    /** Still marked present though they arrived before `before`: never checked out. */
    stale: (locationId: number, before: number) => q.stale.all(locationId, before).map((r) => ({ id: r.id, arrivedAt: r.arrived_at })),
    arrive: (id: number, now: number) => q.arrive.run(now, id).changes === 1,
    leave: (id: number, now: number) => q.leave.run(now, id).changes === 1,
    badgePrinted: (id: number, now: number) => q.badge.run(now, id),
    update: (id: number, g: { name: string; organisation: string | null; note: string | null; spaceId: number | null; expectedAt: number }) =>
      q.update.run(g.name, g.organisation, g.note, g.spaceId, g.expectedAt, id).changes === 1,
    /** Deletes an expected guest and the mail about them; call inside a unit of work. */
    remove(id: number): boolean {
      q.forgetMail.run(id);
      return q.remove.run(id).changes === 1;
    },
    /**
     * Anonymises a location's guests expected before `before`, and deletes the copies of their
     * data: the hosts' arrival notifications and the kiosks' stored arrival answers.
     */
    anonymiseBefore(locationId: number, before: number, now: number): number {
      const due = q.dueForAnonymising.all(locationId, before);
      if (due.length === 0) return 0;
      q.forgetNotifications.run(JSON.stringify(due.map((g) => g.id)));
      for (const g of due) if (g.name) q.forgetKioskAnswers.run(JSON.stringify(g.name));
      return q.anonymise.run(now, locationId, before).changes;
    },
    notify: (userId: number, kind: string, payload: unknown, now: number) => Number(q.notify.run(userId, kind, JSON.stringify(payload), now).lastInsertRowid),
    notifications: (userId: number) => q.notifications.all(userId),
    markRead: (userId: number, now: number) => q.markRead.run(now, userId),
  };
}

export type GuestStore = ReturnType<typeof createGuestStore>;
