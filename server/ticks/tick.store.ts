import type { LocationKind, WorkPlace } from '../../shared/types.js';
import type { Db } from '../db/database.js';

export interface StoredTick {
  userId: number;
  date: string;
  place: WorkPlace;
  source: 'self' | 'hr';
}

/** All SQL of work-place ticks and the check-ins they are derived from. */
export function createTickStore(db: Db) {
  const q = {
    ofUser: db.prepare<[number, string, string], { user_id: number; date: string; place: WorkPlace; source: 'self' | 'hr' }>(
      'SELECT user_id, date, place, source FROM work_ticks WHERE user_id = ? AND date >= ? AND date < ?',
    ),
    all: db.prepare<[string, string], { user_id: number; date: string; place: WorkPlace; source: 'self' | 'hr' }>(
      'SELECT user_id, date, place, source FROM work_ticks WHERE date >= ? AND date < ?',
    ),
    upsert: db.prepare(
      'INSERT INTO work_ticks (user_id, date, place, source, updated_at) VALUES (?, ?, ?, ?, ?) ON CONFLICT (user_id, date) DO UPDATE SET place = excluded.place, source = excluded.source, updated_at = excluded.updated_at',
    ),
    checkIns: db.prepare<[number, number, number], { user_id: number; checked_in_at: number; kind: LocationKind }>(
      `SELECT r.user_id, r.checked_in_at, l.kind FROM reservations r JOIN spaces s ON s.id = r.space_id JOIN locations l ON l.id = s.location_id
       WHERE r.checked_in_at IS NOT NULL AND r.checked_in_at >= ? AND r.checked_in_at < ? AND (? = 0 OR r.user_id = ?)`,
    ),
    employees: db.prepare<[], { id: number; name: string; email: string }>("SELECT id, name, email FROM users WHERE kiosk = 0 AND id IN (SELECT user_id FROM user_roles WHERE role = 'employee') ORDER BY name, id"),
  };
  const toTick = (r: { user_id: number; date: string; place: WorkPlace; source: 'self' | 'hr' }): StoredTick => ({ userId: r.user_id, date: r.date, place: r.place, source: r.source });
  return {
    ofUser: (userId: number, from: string, to: string) => q.ofUser.all(userId, from, to).map(toTick),
    all: (from: string, to: string) => q.all.all(from, to).map(toTick),
    set: (t: StoredTick, now: number) => q.upsert.run(t.userId, t.date, t.place, t.source, now),
    /** Check-ins in [from, to) of one person, or of everyone when userId is 0. */
    checkIns: (from: number, to: number, userId = 0) =>
      (q.checkIns as unknown as { all(...a: unknown[]): { user_id: number; checked_in_at: number; kind: LocationKind }[] }).all(from, to, userId, userId),
    employees: () => q.employees.all(),
  };
}

export type TickStore = ReturnType<typeof createTickStore>;
