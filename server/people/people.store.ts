import type { ReservationState, SpaceKind } from '../../shared/types.js';
import type { Db } from '../db/database.js';
import { MAX_DURATION } from '../../shared/rules.js';

export interface ColleagueRow {
  id: number;
  name: string;
  teams: string;
}

export interface PresentRow {
  name: string;
  bhv: number;
  space_code: string;
  zone_name: string | null;
  floor: number | null;
}

export interface PlaceRow {
  user_id: number;
  location_id: number;
  location_name: string;
  space_code: string;
  space_name: string;
  zone_name: string | null;
  kind: SpaceKind;
  start_ms: number;
  end_ms: number;
  created_at: number;
  state: ReservationState;
}

/** SQL for the people of one's teams who chose to be visible. */
export function createPeopleStore(db: Db) {
  const visibleColleagues = `
    SELECT DISTINCT u.id FROM team_members mine
    JOIN team_members theirs ON theirs.team_id = mine.team_id
    JOIN users u ON u.id = theirs.user_id
    WHERE mine.user_id = ? AND u.id <> mine.user_id AND u.disabled = 0 AND u.show_presence = 1`;
  const q = {
    colleagues: db.prepare<[number, number], ColleagueRow>(`
      SELECT u.id, u.name, group_concat(t.name, '|') AS teams
      FROM users u JOIN team_members m ON m.user_id = u.id JOIN teams t ON t.id = m.team_id
      WHERE u.id IN (${visibleColleagues})
        AND t.id IN (SELECT team_id FROM team_members WHERE user_id = ?)
      GROUP BY u.id ORDER BY u.name`),
    places: db.prepare<[number, number, number, number], PlaceRow>(`
      SELECT r.user_id, l.id AS location_id, l.name AS location_name, s.code AS space_code, s.name AS space_name,
             z.name AS zone_name, s.kind, r.start_ms, r.end_ms, r.created_at, r.state
      FROM reservations r JOIN spaces s ON s.id = r.space_id JOIN locations l ON l.id = s.location_id
      LEFT JOIN zones z ON z.id = s.zone_id
      WHERE r.user_id IN (${visibleColleagues}) AND r.state IN ('booked','checked_in')
        AND r.start_ms > ? AND r.start_ms < ? AND r.end_ms > ?
      ORDER BY r.start_ms`),
  };
  const present = db.prepare<[number, number, number, number], PresentRow>(`
    SELECT u.name, u.bhv, s.code AS space_code, z.name AS zone_name, z.floor
    FROM reservations r JOIN users u ON u.id = r.user_id JOIN spaces s ON s.id = r.space_id
    LEFT JOIN zones z ON z.id = s.zone_id
    WHERE s.location_id = ? AND r.state = 'checked_in' AND u.kiosk = 0
      AND r.start_ms > ? AND r.start_ms <= ? AND r.end_ms > ?
    ORDER BY z.floor, z.name, u.name`);
  const staff = db.prepare<[], { id: number; name: string }>('SELECT id, name FROM users WHERE disabled = 0 AND kiosk = 0 ORDER BY name');
  // A part of the name anywhere, case-insensitive; % and _ typed by a person are literal.
  const searchStaff = db.prepare<[string, number], { id: number; name: string }>(
    "SELECT id, name FROM users WHERE disabled = 0 AND kiosk = 0 AND name LIKE ? ESCAPE '\\' ORDER BY name COLLATE NOCASE, id LIMIT ?",
  );
  return {
    staff: () => staff.all(),
    /** Active staff whose name contains `part`, at most `limit`. */
    searchStaff: (part: string, limit: number) => searchStaff.all(`%${part.replace(/[\\%_]/g, (c) => `\\${c}`)}%`, limit),
    /** Staff checked in at a location now: who is in the building, for the emergency list. */
    presentStaff: (locationId: number, now: number): PresentRow[] => present.all(locationId, now - MAX_DURATION, now, now),
    colleagues: (userId: number): ColleagueRow[] => q.colleagues.all(userId, userId),
    places: (userId: number, from: number, to: number): PlaceRow[] => q.places.all(userId, from - MAX_DURATION, to, from),
  };
}

export type PeopleStore = ReturnType<typeof createPeopleStore>;
